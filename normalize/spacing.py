"""Letter-spaced Thai: a space between every character of a word (ก า ร จั ด ก า ร).

Cells justified with letter spacing (Word's Thai Distributed alignment, CSS
``letter-spacing`` or ``text-justify: inter-character``) reach the text as one character
per "word". extract reads most of them whole from the glyphs' gaps (extract.text.glyphs);
this is the fallback for text whose layer holds real space characters between the letters,
or OCR text, where no geometry is left.

Thai separates phrases, not words, with spaces, and no Thai word is a single character
(apart from a few particles never printed in a run of three), so three or more lone Thai
characters in a row, one space apart, are letter spacing. The run is collapsed only when
PyThaiNLP's dictionary reads the result as words (``ก ข ค``, a list of letters, stays). A gap
wider than one space (two spaces) is a real word gap and ends the run.
"""

from __future__ import annotations

import re

from normalize.thai_glyphs import unknown_chars

# One character as letter spacing prints it: a consonant with the marks drawn on it (and
# sara am, which shapes with it), a leading vowel, or a vowel that follows its consonant.
_UNIT = (
    "(?:[\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*\u0e33?"
    "|[\u0e40-\u0e44]|[\u0e30\u0e32\u0e33\u0e45])"
)
# Three or more units, each alone between single spaces (or the text's edges).
_RUN = re.compile(f"(?<!\\S)(?:{_UNIT} ){{2,}}{_UNIT}(?!\\S)")
# A unit no real word is: a consonant without marks or a vowel alone. Words of one
# consonant and its marks (ที่, มี, ผู้) may stand one space apart as printed; a run is
# letter spacing only if it holds a bare unit too.
_BARE = re.compile("(?<!\\S)(?:[\u0e01-\u0e2e]|[\u0e30\u0e32\u0e33\u0e40-\u0e45])(?!\\S)")
# The collapsed run reads as Thai when at most this share of its characters falls outside
# dictionary words (a name or a new word in it may be unknown).
_MAX_UNKNOWN_SHARE = 0.34


def has_letter_spacing(text: str) -> bool:
    """Whether `text` holds a run of lone Thai characters that collapse_letter_spacing
    writes whole."""
    return any(_collapsed(m) != m.group(0) for m in _RUN.finditer(text))


def collapse_letter_spacing(text: str) -> str:
    """`text` with each letter-spaced Thai run written whole, where the dictionary reads
    it; everything else unchanged. Idempotent."""
    return _RUN.sub(_collapsed, text)


def _collapsed(match: re.Match[str]) -> str:
    run = match.group(0)
    if not _BARE.search(run):
        return run
    joined = run.replace(" ", "")
    if unknown_chars(joined) <= _MAX_UNKNOWN_SHARE * len(joined):
        return joined
    return run
