"""A number that a line wrap broke inside its cell: ร้อยละ 7 | 0 is 70, not 7 and 0.

A line breaker ends a line inside a number only when the next digit does not fit: the
broken line fills the cell. A line that ends with a number and leaves room for another
digit ended where the author broke it (มิ.ย. - ส.ค. 2565 | 8,500 บาท, a period over a
budget), and its lines stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from extract.models import BBox
from extract.text.glyphs import Line, join_lines

_ENDS_IN_NUMBER = re.compile(r"[0-9๐-๙][,.]?$")
_STARTS_IN_NUMBER = re.compile(r"^[,.]?[0-9๐-๙]")
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
    # A space drawn at the line's end: the producer wrapped at a space, not in a number.
    if not _ENDS_IN_NUMBER.search(before.text):
        return False
    if not _STARTS_IN_NUMBER.match(after.text.lstrip()) or before.size <= 0:
        return False
    room = (box.x1 - box.x0 - 2 * padding) - (before.x1 - before.x0)
    return room < _DIGIT_WIDTH * max(before.size, after.size)
