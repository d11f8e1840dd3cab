"""One page as text lines (outside tables) and ruled tables with their cell text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Literal

import pdfplumber.page

from extract.models import BBox
from extract.settings import ExtractSettings
from extract.text.drawings import Shape, page_drawings
from extract.text.glyphs import Glyph, Line, glyphs_of, group_lines, inside
from extract.text.open_rules import implied_rules
from extract.text.wraps import cell_text, table_padding


@dataclass(frozen=True, slots=True)
class GridCell:
    text: str
    bbox: BBox
    confidence: float | None = None  # OCR: lowest word confidence (0-100); None from text
    # The cell's text lines with their positions (text layer only): a cell with no row
    # rules inside it may hold several rows, which plans.py splits at their ลำดับ lines.
    lines: tuple[Line, ...] = ()
    # A copy of the cell above that spans down over this row (a merged ผู้รับผิดชอบ or
    # ระยะเวลา printed once for several rows): the row's value, but not new text.
    spanned: bool = False


@dataclass(frozen=True, slots=True)
class GridRow:
    top: float
    bottom: float
    cells: list[GridCell | None]  # None where a merged cell covers the column


@dataclass(frozen=True, slots=True)
class Grid:
    bbox: BBox
    rows: list[GridRow]


@dataclass(frozen=True, slots=True)
class PageContent:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # text outside tables, top to bottom
    grids: list[Grid]  # tables, top to bottom
    glyph_count: int
    method: Literal["text", "ocr"] = "text"
    # Drawn shapes that are not table rules (fills, bars, lines inside cells): the marks
    # of a Gantt-style ระยะเวลา. None are read from OCR pages.
    shapes: tuple[Shape, ...] = ()


def _bbox(t: tuple[float, float, float, float]) -> BBox:
    return BBox(x0=t[0], top=t[1], x1=t[2], bottom=t[3])


def _cell_of(glyph: Glyph, row: list[BBox | None]) -> int | None:
    for c, cell in enumerate(row):
        if cell is not None and inside(glyph, cell):
            return c
    return None


def _fill_grid(table_rows: list[list[BBox | None]], glyphs: list[Glyph]) -> list[list[list[Line]]]:
    """Text lines of each cell bbox: glyphs fall into the cell holding their centre."""
    buckets: list[list[list[Glyph]]] = [[[] for _ in row] for row in table_rows]
    # Rows run top to bottom: find a glyph's row by bisection, then its cell in that row
    # (or in a row above, where a merged cell reaches down).
    tops = [min((c.top for c in row if c is not None), default=0.0) for row in table_rows]
    for glyph in glyphs:
        r = bisect.bisect_right(tops, glyph.middle) - 1
        for candidate in range(r, -1, -1):
            c = _cell_of(glyph, table_rows[candidate])
            if c is not None:
                buckets[candidate][c].append(glyph)
                break
    return [[group_lines(bucket, one_block=True) for bucket in row] for row in buckets]


def _covering(rows: list[GridRow], r: int, x: float, y: float) -> GridCell | None:
    """The cell of a row above `r` whose box holds (x, y): one spanning down into row r."""
    for above in reversed(rows[:r]):
        for cell in above.cells:
            if cell is not None and not cell.spanned:
                box = cell.bbox
                if box.x0 < x < box.x1 and box.top < y < box.bottom:
                    return cell
    return None


def _fill_spans(rows: list[GridRow]) -> list[GridRow]:
    """Rows whose columns covered by a cell merged down from a row above carry that cell's
    text, marked `spanned`. pdfplumber gives such a column None in the lower rows, and
    the rows would lose a value printed once for all of them."""
    centres: dict[int, float] = {}
    for row in rows:
        for c, cell in enumerate(row.cells):
            if cell is not None:
                centres.setdefault(c, (cell.bbox.x0 + cell.bbox.x1) / 2)
    filled: list[GridRow] = []
    for r, row in enumerate(rows):
        present = [cell.bbox.top for cell in row.cells if cell is not None]
        if not present or None not in row.cells:
            filled.append(row)
            continue
        y = min(present) + 1.0
        cells = list(row.cells)
        for c, cell in enumerate(cells):
            covering = (
                None
                if cell is not None or c not in centres
                else (_covering(rows, r, centres[c], y))
            )
            if covering is not None:
                cells[c] = GridCell(text=covering.text, bbox=covering.bbox, lines=(), spanned=True)
        filled.append(GridRow(top=row.top, bottom=row.bottom, cells=cells))
    return filled


def _table_settings(page: pdfplumber.page.Page, settings: ExtractSettings) -> dict[str, Any]:
    """The finder's settings, plus the row rules the page's column rules imply (a row cut
    by a page break, body rows without rules between them: see open_rules)."""
    table_settings = settings.table_settings()
    if table_settings.get("horizontal_strategy") != "lines":
        return table_settings
    implied = implied_rules(page.edges, float(table_settings.get("snap_tolerance", 3.0)))
    if implied:
        explicit = list(table_settings.get("explicit_horizontal_lines") or [])
        table_settings["explicit_horizontal_lines"] = explicit + implied
    return table_settings


def read_page(page: pdfplumber.page.Page, number: int, settings: ExtractSettings) -> PageContent:
    glyphs = glyphs_of(page.chars)
    grids: list[Grid] = []
    in_tables: set[int] = set()
    drawings = page_drawings(page)
    # Shapes drawn inside cells must not cut them: the table finder sees the rules only.
    ruled: pdfplumber.page.Page = page
    if drawings.not_rules:
        ruled = page.filter(lambda obj: id(obj) not in drawings.not_rules)
    for table in ruled.find_tables(table_settings=_table_settings(ruled, settings)):
        boxes = [[None if c is None else _bbox(c) for c in row.cells] for row in table.rows]
        tbox = _bbox(table.bbox)
        members = [g for g in glyphs if inside(g, tbox)]
        in_tables.update(id(g) for g in members)
        texts = _fill_grid(boxes, members)
        padding = table_padding(
            (box, lines)
            for row_boxes, row_lines in zip(boxes, texts, strict=True)
            for box, lines in zip(row_boxes, row_lines, strict=True)
            if box is not None
        )
        rows = []
        for row, row_boxes, row_lines in zip(table.rows, boxes, texts, strict=True):
            cells = [
                None
                if box is None
                else GridCell(text=cell_text(lines, box, padding), bbox=box, lines=tuple(lines))
                for box, lines in zip(row_boxes, row_lines, strict=True)
            ]
            rows.append(GridRow(top=row.bbox[1], bottom=row.bbox[3], cells=cells))
        grids.append(Grid(bbox=tbox, rows=_fill_spans(rows)))
    outside = [g for g in glyphs if id(g) not in in_tables]
    return PageContent(
        number=number,
        width=float(page.width),
        height=float(page.height),
        lines=group_lines(outside),
        grids=sorted(grids, key=lambda g: g.bbox.top),
        glyph_count=len(glyphs),
        shapes=drawings.marks,
    )
