"""Letter-spaced lines: cells justified with a gap after every character.

Thai Distributed alignment (Word), CSS ``letter-spacing`` and ``text-justify:
inter-character`` put the same extra gap after every character of a line. Read with the
solid-text rule (a gap wider than SPACE_GAP of the font size is a word space) such a line
becomes one character per word (ก า ร จั ด ก า ร). A character's box is its advance, so
characters set solid touch; letter-spaced ones all stand the same gap apart, and a word
space is that gap plus the space's own width.
"""

from __future__ import annotations

import math
import statistics

# (gap to the next character, font size); the gap is nan beside a drawn space glyph.
Gap = tuple[float, float]

# A line is letter-spaced when its middle gap is wider than this share of the font size.
LETTER_SPACED = 0.1
# Letter spacing adds the same amount after every character: at least this share of the
# gaps lie within _SAME_GAP of the font size from the middle one (word gaps and kerning
# are the rest).
_SAME_GAP = 0.05
_SAME_SHARE = 0.6
# On a letter-spaced line, a word space is a gap this share of the font size wider than
# the letter gap.
SPACED_WORD_GAP = 0.15
# Fewer gaps than this do not tell (a line of one short word).
_MIN_GAPS = 4


def letter_gap(gaps: list[Gap]) -> float | None:
    """The gap letter spacing leaves between the characters of a word; 0.0 for text set
    solid; None when there are too few gaps to tell."""
    widths = [gap for gap, _ in gaps if not math.isnan(gap)]
    if len(widths) < _MIN_GAPS:
        return None
    middle = statistics.median(widths)
    size = statistics.median(size for _, size in gaps)
    same = sum(abs(width - middle) <= _SAME_GAP * size for width in widths)
    spaced = middle > LETTER_SPACED * size and same >= _SAME_SHARE * len(widths)
    return middle if spaced else 0.0
