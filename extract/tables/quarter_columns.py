"""A period printed as four quarter columns (Q1 | Q2 | Q3 | Q4, ไตรมาส 1 .. ไตรมาส 4), in
which each row marks the quarters it runs in, as a Gantt-style ระยะเวลา marks months.

The quarters are read like month columns (month_columns.read_marks reads their marks);
which months a quarter stands for is the plan's year basis, which normalize decides
(normalize/year_basis.py). Only four cells side by side naming the quarters 1 to 4 in
order are taken: quarter labels over month columns (each over three months) are the
months' year row, and read as before.
"""

from __future__ import annotations

import re

from pythainlp.util import thai_digit_to_arabic_digit

from extract.tables.month_columns import MonthRun
from extract.text.page_content import GridCell, GridRow

_QUARTERS = 4
# "Q1", "Q 1", "ไตรมาส 1", "ไตรมาสที่ ๑", "Quarter 1", with nothing after the number but a
# remark in brackets ("Q1 (ต.ค.-ธ.ค.)").
_QUARTER = re.compile(
    r"^(?:ไตรมาส\s*(?:ที่)?|quarter|q)\s*([1-4])\s*(?:\(.*\))?$", re.IGNORECASE | re.DOTALL
)


def quarter_of(text: str) -> int | None:
    """The quarter (1-4) a header cell names, or None."""
    found = _QUARTER.match(" ".join(thai_digit_to_arabic_digit(text).split()))
    return int(found.group(1)) if found else None


def _quarter(cell: GridCell | None) -> int | None:
    return None if cell is None or cell.spanned else quarter_of(cell.text)


def quarter_run(row: GridRow) -> MonthRun | None:
    """The four quarter columns `row` names side by side, in order, or None (a row naming
    any other quarter cell, or them apart, is not read: which quarter a mark stands for
    would be a guess)."""
    quarters = [_quarter(cell) for cell in row.cells]
    named = [index for index, quarter in enumerate(quarters) if quarter is not None]
    if len(named) != _QUARTERS:
        return None
    first = named[0]
    if named != list(range(first, first + _QUARTERS)):
        return None
    if [quarters[index] for index in named] != [1, 2, 3, 4]:
        return None
    cells = [row.cells[index] for index in named]
    return MonthRun(
        first=first,
        months=(1, 2, 3, 4),
        printed=tuple(c.text for c in cells if c is not None),
        spans=tuple((c.bbox.x0, c.bbox.x1) for c in cells if c is not None),
        quarters=True,
    )
