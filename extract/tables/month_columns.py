"""Gantt-style ระยะเวลา: the period printed as twelve month columns (ต.ค. .. ก.ย.) under
a ระยะเวลา header cell (or alone in the header row), in which each row marks the months
it runs in, with a character or a drawing.

The months are read through the months vocabulary (extract/vocab/months.json), so every
printed form reads: ต.ค., ตค, ตุลาคม, Oct, October, with or without a year beside it. Only
twelve cells side by side naming twelve months in calendar order (from any month) are
taken for month columns: anything less regular is left alone, and the table reads as
before (the columns unmapped, their cells kept, with a warning).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pythainlp.util import thai_digit_to_arabic_digit

from extract.models import BBox, Column, HeaderMatch
from extract.text.drawings import Shape
from extract.text.page_content import GridCell, GridRow
from extract.vocab.months import month_number
from extract.vocab.years import ERA

_MONTHS = 12
# A month header is short: a full name with a four-digit year is under 20 characters.
# Longer cells are never looked up (the lookup is costly, and runs on header rows only).
_LONGEST_HEADER = 24
# A row of year labels above the months: "พ.ศ. 2566", "2567", "ปีงบประมาณ 2567", "ค.ศ. 2023".
_YEAR_LABEL = re.compile(
    rf"^(?:ปี\s*(?:งบประมาณ)?\s*)?(?:{ERA}\s*)?(?:\d{{4}}|\d{{2}})$", re.IGNORECASE
)
# A row of quarter labels: "ไตรมาส 1", "ไตรมาสที่ 2", "Q3" (which states no year).
_QUARTER_LABEL = re.compile(r"^(?:ไตรมาส\s*(?:ที่)?|q)\s*[1-4](?!\d)", re.IGNORECASE)
# How far (pt) a shape may reach past the month columns, or past its cell's top or bottom,
# and still be the cell's (producers paint a shading under the cell's rules).
_EDGE = 3.0
# A stroke must keep this far (pt) from its cell's top and bottom: the rules lie there.
_OFF_RULE = 1.5
# A shape marks a month when it covers this share of the month's width (a bar, a line
# across several months), or when most of it lies in the month (a dot, a short tick).
_COVER_SHARE = 0.3
_OWN_SHARE = 0.5
# Dashes that, alone in a cell, say "none" in Thai tables rather than mark the month.
_NONE_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# A glyph the font maps to no character reads "(cid:123)": ink that cannot be named (a
# Wingdings tick, say), a mark and not a number.
_UNNAMED_GLYPH = re.compile(r"\(cid:\d+\)")
# Runs of letters and dots that could be a month name.
_WORD = re.compile(r"[\u0e01-\u0e4eA-Za-z.]+")


@dataclass(frozen=True, slots=True)
class MonthRun:
    """Twelve header cells side by side that name the months of a year in order."""

    first: int  # grid column of the first month
    months: tuple[int, ...]  # month numbers (1-12), in column order
    printed: tuple[str, ...]  # the header cells as printed
    spans: tuple[tuple[float, float], ...]  # each month column's left and right edge
    # Four columns naming the quarters (Q1 | Q2 | Q3 | Q4): `months` then holds the
    # quarters 1-4 (quarter_columns.py).
    quarters: bool = False


@dataclass(frozen=True, slots=True)
class RowMarks:
    """What one row prints in the month columns."""

    marks: dict[int, int]  # grid column -> the month marked there
    kept: dict[str, str]  # printed month -> the text of its cell that says more than a mark
    # A period printed as text in the month cells (ม.ค. - มี.ค. 67 across merged cells):
    # the text and where it stands. Such cells mark nothing: the text says the period.
    printed_period: tuple[str, BBox] | None = None


@dataclass(frozen=True, slots=True)
class YearLabel:
    """A cell of a header row above the months that states their year."""

    x0: float
    x1: float
    text: str  # as printed


def _month_of(cell: GridCell | None) -> int | None:
    if cell is None or cell.spanned:
        return None
    text = cell.text.strip()
    if not text or len(text) > _LONGEST_HEADER:
        return None
    return month_number(text)


def month_run(row: GridRow) -> MonthRun | None:
    """The twelve month columns `row` names, or None unless it names exactly twelve months
    in calendar order in adjacent cells (a longer or broken run is not read: which months
    the marks stand for would be a guess)."""
    months = [_month_of(cell) for cell in row.cells]
    runs: list[tuple[int, int]] = []  # (first column, length)
    for index, month in enumerate(months):
        previous = months[index - 1] if index else None
        if month is None:
            continue
        if previous is not None and month == previous % _MONTHS + 1:
            first, length = runs[-1]
            runs[-1] = (first, length + 1)
        else:
            runs.append((index, 1))
    full = [first for first, length in runs if length == _MONTHS]
    if len(full) != 1 or any(length > _MONTHS for _, length in runs):
        return None
    first = full[0]
    cells = [row.cells[first + k] for k in range(_MONTHS)]
    assert all(cell is not None for cell in cells)
    return MonthRun(
        first=first,
        months=tuple(m for m in months[first : first + _MONTHS] if m is not None),
        printed=tuple(c.text for c in cells if c is not None),
        spans=tuple((c.bbox.x0, c.bbox.x1) for c in cells if c is not None),
    )


def header_year_labels(row: GridRow) -> list[YearLabel]:
    """The cells of a header row that state only a year (ปี 2569, พ.ศ. 2569 over the month
    columns printed in the row under it)."""
    labels = []
    for cell in row.cells:
        if cell is None or cell.spanned:
            continue
        text = " ".join(thai_digit_to_arabic_digit(cell.text).split())
        if _YEAR_LABEL.match(text):
            labels.append(YearLabel(cell.bbox.x0, cell.bbox.x1, text))
    return labels


def year_labels(row: GridRow) -> list[YearLabel] | None:
    """The year labels of a header row that prints only years or quarters (พ.ศ. 2566 over
    ต.ค.-ธ.ค. and พ.ศ. 2567 over ม.ค.-ก.ย.; ไตรมาส 1..4), or None for any other row."""
    filled = [c for c in row.cells if c is not None and not c.spanned and c.text.strip()]
    if not filled:
        return None
    labels: list[YearLabel] = []
    for cell in filled:
        text = " ".join(thai_digit_to_arabic_digit(cell.text).split())
        if _YEAR_LABEL.match(text):
            labels.append(YearLabel(cell.bbox.x0, cell.bbox.x1, text))
        elif not _QUARTER_LABEL.match(text):
            return None
    return labels


def with_months(
    mapping: Sequence[HeaderMatch], run: MonthRun, labels: Sequence[YearLabel]
) -> list[HeaderMatch]:
    """`mapping` whose month (or quarter) columns are the period's, each with the year
    label printed over it."""
    refined = list(mapping)
    columns = zip(run.months, run.printed, run.spans, strict=True)
    for k, (unit, printed, (x0, x1)) in enumerate(columns):
        centre = (x0 + x1) / 2
        year = next((label.text for label in labels if label.x0 <= centre <= label.x1), None)
        refined[run.first + k] = HeaderMatch(
            printed=printed,
            column=Column.PERIOD,
            score=100.0,
            month=None if run.quarters else unit,
            quarter=unit if run.quarters else None,
            year_printed=year,
        )
    return refined


def is_text_mark(text: str) -> bool:
    """Whether a month cell's text marks its month.

    Any ink that is not a number marks the month: plans mark with ✓ ✔ / x X • ● * ■,
    with arrows and lines typed as text (←→, ----->), or with a word (ดำเนินการ), and a
    list of them all would always miss the next plan's. A number alone does not: it states
    a quantity for that month (sessions held, a cumulative target), not that the activity
    runs then. Nor does a lone dash, which Thai tables print for "none".
    """
    content = _UNNAMED_GLYPH.sub("\u25a1", "".join(text.split()))
    if not content or content in _NONE_DASHES:
        return False
    return not all(ch.isdigit() or ch in ".,%" for ch in content)


def keeps_text(text: str) -> bool:
    """Whether a month cell says more than a mark (a word, a number), so that its text is
    kept beside the row (extra_columns) rather than dropped."""
    content = _UNNAMED_GLYPH.sub("\u25a1", "".join(text.split()))
    if any(ch.isdigit() for ch in content):
        return True
    return len(content) > 1 and any(ch.isalpha() for ch in content)


def read_marks(row: GridRow, run: MonthRun, shapes: Sequence[Shape]) -> RowMarks:
    """The months `row` marks in the month columns `run`, by text or drawing.

    A cell merged across several months marks each month it covers. The month columns'
    edges are the header's, unless the row's own cell lies elsewhere (a page that lays the
    table out apart from the page its header was read on).
    """
    marks: dict[int, int] = {}
    kept: dict[str, str] = {}
    periods: list[GridCell] = []
    span = (run.spans[0][0], run.spans[-1][1])
    columns = range(run.first, run.first + len(run.months))
    others = [c for i, c in enumerate(row.cells) if c is not None and i not in columns]
    shading = row_shading(others, shapes) if shapes else set()
    owner: GridCell | None = None
    for index, month, (x0, x1) in zip(columns, run.months, run.spans, strict=True):
        cell = row.cells[index] if index < len(row.cells) else None
        centre = (x0 + x1) / 2
        if cell is not None:
            owner = cell
        elif owner is None or not owner.bbox.x0 <= centre <= owner.bbox.x1:
            continue  # covered by nothing this row can tell
        if cell is not None and not owner.bbox.x0 <= centre <= owner.bbox.x1:
            x0, x1 = owner.bbox.x0, owner.bbox.x1
        text = owner.text
        if names_month(text):
            if cell is not None:
                periods.append(cell)
            continue
        slot = BBox(x0=x0, top=owner.bbox.top, x1=x1, bottom=owner.bbox.bottom)
        if is_text_mark(text) or shape_marks(slot, shapes, span, shading):
            marks[index] = month
        if cell is not None and keeps_text(text):
            kept[run.printed[index - run.first].strip()] = text
    if periods:
        box = BBox(
            x0=min(c.bbox.x0 for c in periods),
            top=min(c.bbox.top for c in periods),
            x1=max(c.bbox.x1 for c in periods),
            bottom=max(c.bbox.bottom for c in periods),
        )
        return RowMarks(marks, kept, (" ".join(c.text for c in periods), box))
    return RowMarks(marks, kept)


def names_month(text: str) -> bool:
    """Whether a month cell's text names a month (a period printed as text, not a mark)."""
    return any(
        len(word.strip(".")) > 1 and month_number(word) is not None for word in _WORD.findall(text)
    )


def row_shading(cells: Sequence[GridCell], shapes: Sequence[Shape]) -> set[tuple[float, ...]]:
    """Colours of the fills that cover cells outside the month columns of a row: a shaded
    row (zebra stripes, a highlighted row) paints its month cells too, and that is not a
    mark."""
    colours: set[tuple[float, ...]] = set()
    for cell in cells:
        for shape in shapes:
            if shape.filled and shape.colour is not None and _covers(shape.bbox, cell.bbox):
                colours.add(shape.colour)
    return colours


def _covers(shape: BBox, cell: BBox) -> bool:
    overlap = min(shape.x1, cell.x1) - max(shape.x0, cell.x0)
    middle = (shape.top + shape.bottom) / 2
    return overlap >= _OWN_SHARE * (cell.x1 - cell.x0) and cell.top < middle < cell.bottom


def shape_marks(
    slot: BBox,
    shapes: Sequence[Shape],
    months_span: tuple[float, float],
    shading: set[tuple[float, ...]],
) -> bool:
    """Whether a shape drawn in `slot` (one month of one row) marks that month.

    A mark lies inside the row, not on its rules: a filled shape (a shaded cell, a bar)
    may reach the cell's edges, a stroke (a line, an arrow) keeps off them. It stays within
    the month columns (a fill beyond them is row shading), and it covers a good part of
    the month or lies mostly in it.
    """
    width = slot.x1 - slot.x0
    for shape in shapes:
        box = shape.bbox
        if box.x0 < months_span[0] - _EDGE or box.x1 > months_span[1] + _EDGE:
            continue
        if shape.filled and shape.colour in shading:
            continue
        middle = (box.top + box.bottom) / 2
        if not slot.top + _OFF_RULE < middle < slot.bottom - _OFF_RULE:
            continue
        if shape.filled:
            if box.top < slot.top - _EDGE or box.bottom > slot.bottom + _EDGE:
                continue
        elif box.top <= slot.top + _OFF_RULE or box.bottom >= slot.bottom - _OFF_RULE:
            continue
        overlap = min(box.x1, slot.x1) - max(box.x0, slot.x0)
        if overlap <= 0:
            continue
        if overlap >= _COVER_SHARE * width or overlap >= _OWN_SHARE * (box.x1 - box.x0):
            return True
    return False
