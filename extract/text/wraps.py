"""A number that a line wrap broke inside its cell: ร้อยละ 7 | 0 is 70, not 7 and 0.

A line breaker ends a line inside a number only when the next digit does not fit: the
broken line fills the cell. A line that ends with a number and leaves room for another
digit ended where the author broke it (มิ.ย. - ส.ค. 2565 | 8,500 บาท, a period over a
budget), and its lines stay apart. So do two numbers that would not make one as printed
(2564 | 15,000: no grouped amount starts with six digits) and a year ending a full line
(ก.พ. 2564 | 15 คน): a year is a whole number, the line was full by chance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extract.models import BBox
from extract.text.glyphs import Line, join_lines

# The digits (with their commas and dots) that end the line before and open the next one.
_HEAD = re.compile(r"\d[\d,.]*$")
_TAIL = re.compile(r"^[,.]?\d[\d,.]*")
# A number as printed: plain digits, or groups of three after a comma; decimals after a dot.
_NUMBER = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
# A year alone at the end of a line, Buddhist Era (2400-2699) or Common Era (1900-2099).
_YEAR = re.compile(r"(?:^|\s)(?:2[4-6]\d\d|19\d\d|20\d\d)$")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# A digit is at most this share of the font size wide (TH Sarabun 0.47, Noto Sans Thai
# 0.57); room for less than that on a line means the next digit did not fit.
_DIGIT_WIDTH = 0.65
# The share of a table's lines that may start left of its padding (overflowing lines).
_FLUSH_SHARE = 0.1


def table_padding(cells: Iterable[tuple[BBox, Sequence[Line]]]) -> float:
    """The cell padding of a table: how far its lines set flush left start from their
    cell's left side. A low share of the left margins, not the least: a letter-spaced or
    oversized line may overflow its cell, and centred lines start further in."""
    margins = sorted(line.x0 - box.x0 for box, lines in cells for line in lines)
    if not margins:
        return 0.0
    return max(0.0, margins[int(len(margins) * _FLUSH_SHARE)])


def cell_text(lines: Sequence[Line], box: BBox, padding: float) -> str:
    """The text of a cell's lines, joined as join_lines does, except that a number broken
    at the end of a full line is joined up again."""
    texts: list[str] = []
    for index, line in enumerate(lines):
        if index and _number_wrapped(lines[index - 1], line, box, padding):
            texts[-1] = texts[-1].rstrip() + line.text.lstrip()
        else:
            texts.append(line.text)
    return join_lines(texts)


def _number_wrapped(before: Line, after: Line, box: BBox, padding: float) -> bool:
    # The line must end in a digit or a comma: a space drawn at its end means the producer
    # wrapped at a space, and a dot ends a list number (ข้อ 1. | 2. ...) as often as not.
    head = before.text.translate(_TO_ARABIC)
    tail = _TAIL.match(after.text.lstrip().translate(_TO_ARABIC))
    number = _HEAD.search(head)
    if number is None or tail is None or head.endswith(".") or before.size <= 0:
        return False
    room = (box.x1 - box.x0 - 2 * padding) - (before.x1 - before.x0)
    if room >= _DIGIT_WIDTH * max(before.size, after.size):
        return False
    joined = (number.group(0) + tail.group(0)).strip(",.")
    return bool(_NUMBER.match(joined)) and not _YEAR.search(head)
