"""Text from files and the warehouse made safe to print on a terminal.

A file name or a PDF's text can hold control characters: an ESC or OSC sequence would be
run by the terminal (colours, a changed title, a hidden line), a newline would start a line
of its own (a file named "a\\nok:    b.pdf" fakes a line of `kmplan ingest`). Every value
kmplan prints to a terminal goes through `terminal_text`, which shows such characters as
visible escapes; files of data (CSV, JSONL, Parquet, `query --format csv|jsonl`) keep the
text exactly as stored.

What is escaped: the C0 and C1 controls, DEL, the line and paragraph separators, the
bidirectional embeddings, overrides and isolates (they reorder what is shown after them),
and lone surrogates (the bytes of a file name that is not UTF-8). Everything else printable
is left alone: Thai vowels and tone marks are combining marks (category Mn), not controls,
and the zero-width space Thai text uses between words is kept too. A backslash is not
doubled, so a path like C:\\plans stays readable; the escapes are for reading, not parsing.
"""

from __future__ import annotations

import re

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0, DEL and C1; U+2028/U+2029; LRE..RLO and LRI..PDI; lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def terminal_text(text: str) -> str:
    """`text` with every character a terminal would act on shown as an escape (\\x1b, \\n,
    \\u202e); a byte of a non-UTF-8 file name (a surrogate escape) is shown as \\xNN."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
