"""Rows stacked in one cell: a table that rules its columns but not its rows.

Word and LibreOffice tables whose inside horizontal borders are off draw each column rule
once from the header to the table's foot, so the table finder sees one tall body row
holding every row's text. The ลำดับ column still tells where each row begins: its numbers,
each on its own line, top to bottom, level with the first line of the row's other cells.
Such a row is cut at those lines; text above the first number belongs to the row before it
(a row that a page break carried over).
"""

from __future__ import annotations

from pythainlp.util import thai_digit_to_arabic_digit

from extract.models import BBox, Column, HeaderMatch
from extract.text.glyphs import Line, join_lines
from extract.text.page_content import GridCell, GridRow


def parse_seq(text: str) -> int | None:
    digits = thai_digit_to_arabic_digit(text).strip().rstrip(".")
    return int(digits) if digits.isdigit() else None


def _aligned_columns(row: GridRow, seq_index: int, number: Line) -> int:
    """How many other columns have a line on the same baseline as the ลำดับ `number`."""
    tolerance = 0.3 * (number.bottom - number.top)
    return sum(
        1
        for c, cell in enumerate(row.cells)
        if c != seq_index
        and cell is not None
        and any(abs(ln.top - number.top) <= tolerance for ln in cell.lines)
    )


def _row_starts(row: GridRow, seq_index: int) -> list[float] | None:
    """Where each stacked row begins (the top of its ลำดับ line), or None when `row` is
    one row.

    A row begins at a number only where most filled columns begin a line beside it: the
    short cells (ระยะเวลา, เป้าหมาย, ผู้รับผิดชอบ) of a stacked row start on its first
    line. A ลำดับ centred vertically in one tall row has only the tall cells' lines beside
    it, so it does not cut the row; nor do numbers that do not increase.
    """
    seq_cell = row.cells[seq_index]
    if seq_cell is None:
        return None
    numbered = [(ln, n) for ln in seq_cell.lines if (n := parse_seq(ln.text)) is not None]
    values = [n for _, n in numbered]
    if not values or any(b <= a for a, b in zip(values, values[1:], strict=False)):
        return None
    first = numbered[0][0]
    above = any(
        ln.bottom <= first.top
        for c, cell in enumerate(row.cells)
        if c != seq_index and cell is not None
        for ln in cell.lines
    )
    if len(values) < 2 and not above:
        return None  # one row, its number on its first line
    filled = sum(1 for c, cell in enumerate(row.cells) if c != seq_index and cell and cell.lines)
    needed = max(2, (filled + 1) // 2)
    if any(_aligned_columns(row, seq_index, ln) < needed for ln, _ in numbered):
        return None
    # Lines of one font share top and bottom (the font's ascent and descent), so a line
    # of another column on the same baseline as the number has its middle below the
    # number's top, and the previous row's last line has it above.
    return [ln.top for ln, _ in numbered]


def _band_of(line: Line, starts: list[float]) -> int:
    """0 for text above the first row's start, k for the k-th stacked row."""
    middle = (line.top + line.bottom) / 2
    return sum(1 for start in starts if middle >= start)


def _part(cell: GridCell | None, lines: list[Line], top: float, bottom: float) -> GridCell | None:
    if cell is None or cell.spanned:
        return cell  # a merged cell's text belongs to every row it spans
    bbox = BBox(x0=cell.bbox.x0, top=top, x1=cell.bbox.x1, bottom=bottom)
    return GridCell(
        text=join_lines([ln.text for ln in lines]),
        bbox=bbox,
        confidence=cell.confidence,
        lines=tuple(lines),
    )


def _seq_index(row: GridRow, columns: list[HeaderMatch]) -> int | None:
    index = next((i for i, m in enumerate(columns) if m.column is Column.SEQ), None)
    return index if index is not None and index < len(row.cells) else None


def stacked_numbers(row: GridRow, columns: list[HeaderMatch]) -> list[int]:
    """The ลำดับ numbers printed on separate lines of `row`'s ลำดับ cell."""
    index = _seq_index(row, columns)
    cell = None if index is None else row.cells[index]
    if cell is None:
        return []
    return [n for ln in cell.lines if (n := parse_seq(ln.text)) is not None]


def split_stacked(row: GridRow, columns: list[HeaderMatch]) -> list[GridRow]:
    """`row` cut into the rows stacked in it, or [row] when it holds one row."""
    seq_index = _seq_index(row, columns)
    if seq_index is None:
        return [row]
    starts = _row_starts(row, seq_index)
    if starts is None:
        return [row]
    edges = [row.top, *starts, row.bottom]
    bands: list[list[list[Line]]] = [[[] for _ in row.cells] for _ in edges[:-1]]
    for c, cell in enumerate(row.cells):
        for line in cell.lines if cell is not None else ():
            bands[_band_of(line, starts)][c].append(line)
    parts = []
    for k, band in enumerate(bands):
        if k == 0 and not any(band):
            continue  # nothing carried over from a row above
        top, bottom = edges[k], edges[k + 1]
        cells = [_part(cell, band[c], top, bottom) for c, cell in enumerate(row.cells)]
        parts.append(GridRow(top=top, bottom=bottom, cells=cells))
    return parts
