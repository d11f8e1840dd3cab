"""One scanned page image to the same PageContent a born-digital page gives.

the page turned upright (turn.py: 0, 90, 180 or 270 degrees, one decision per page) ->
deskew -> ruled tables from the image (image_grid) -> ruling lines and specks erased ->
Tesseract reads each table cell on its own and the text around the tables as a page ->
Thai digits re-read (ocr_text).
Coordinates are turned into PDF points, so plan assembly, header mapping, stitching and
normalization treat the page like any other.

Each cell is read alone (its crop kept inside its ruling lines) because Tesseract's boxes
of Thai clusters spill across cell borders when a whole page is read and its words are
put into cells by position; and a cell is one block of lines, which also spares the
page layout analysis the table would cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

from extract.models import BBox, ExtractIssue
from extract.ocr.cell import CellReader
from extract.ocr.deskew import deskew, ink_mask
from extract.ocr.image_grid import ImageCell, ImageTable, find_tables
from extract.ocr.marks import rejoin_marks
from extract.ocr.tesseract import PSM_AUTO, PageReader, Word
from extract.ocr.text import by_line, fix_digits, lines_of
from extract.ocr.turn import turn_clockwise, upright_turn
from extract.settings import ExtractSettings
from extract.text.glyphs import join_lines
from extract.text.page_content import Grid, GridCell, GridRow, PageContent
from extract.vocab.codes import WarningCode

# A page with less ink than this share of its pixels (after removing dust) is blank.
BLANK_INK_SHARE = 0.001
# A cell is read this many pixels inside its ruling lines, so no rule is in the crop.
CELL_INSET = 4
# A cell with fewer ink pixels than this is empty: it is not read.
MIN_CELL_INK = 40
# The text around the tables is read on its ink's bounding box this much wider (inches);
# a cell's ink gets its own white margin (extract/ocr/cell.py PAD_INCH).
MARGIN_INCH = 0.05
# Ink blobs up to this many pixels are scanner specks, not dots of letters: erased.
SPECK_AREA = 4

CellKey = tuple[int, int, int]  # (table, row, column)


@dataclass
class OcrPage:
    content: PageContent
    issues: list[ExtractIssue] = field(default_factory=list)
    skew: float = 0.0
    seconds: float = 0.0


def ocr_page(
    gray: np.ndarray, number: int, width: float, height: float, settings: ExtractSettings
) -> OcrPage:
    """OCR the grey page image `gray` of page `number` (its size in points: width, height)."""
    empty = PageContent(number, width, height, [], [], 0, method="ocr")
    if _is_blank(gray):
        blank = _issue(WarningCode.OCR_BLANK_PAGE, number, "the scanned page is blank")
        return OcrPage(empty, [blank])
    issues: list[ExtractIssue] = []
    turn = upright_turn(gray)
    if turn:
        gray = turn_clockwise(gray, turn)
        issues.append(_turned(number, turn))
        if turn != 180:
            width, height = height, width
    gray, skew = deskew(gray)
    read = _read(gray, settings)
    if not read.words:
        issues.append(_issue(WarningCode.OCR_NO_TEXT, number,
                             "OCR found no text on the scanned page"))  # fmt: skip
        return OcrPage(PageContent(number, width, height, [], [], 0, method="ocr"), issues, skew)
    if not read.tables:
        issues.append(_issue(WarningCode.OCR_NO_TABLE, number, "no ruled table on the "
                             "scanned page; its text is read as lines only"))  # fmt: skip
    content = _content(number, width, height, read, width / gray.shape[1])
    return OcrPage(content, issues, skew)


def _issue(code: WarningCode, page: int, message: str) -> ExtractIssue:
    return ExtractIssue(code=code, message=f"page {page}: {message}", page=page)


def _turned(page: int, turn: int) -> ExtractIssue:
    if turn == 180:
        return _issue(WarningCode.OCR_PAGE_UPSIDE_DOWN, page, "the scan is upside down; "
                      "it was turned 180 degrees before OCR")  # fmt: skip
    return _issue(WarningCode.PAGE_ROTATED, page, "the scan runs sideways; it was "
                  f"turned {turn} degrees clockwise before OCR")  # fmt: skip


def _is_blank(gray: np.ndarray) -> bool:
    ink = cv2.medianBlur(ink_mask(gray), 3) if gray.std() > 8 else np.zeros_like(gray)
    return float(np.count_nonzero(ink)) / ink.size < BLANK_INK_SHARE


@dataclass
class _Read:
    tables: list[ImageTable]
    outside: list[Word]  # words around the tables
    cells: dict[CellKey, list[Word]]

    @property
    def words(self) -> list[Word]:
        return self.outside + [w for words in self.cells.values() for w in words]


def _clean(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[ImageTable]]:
    """The page without ruling lines and specks, its ink mask, and its ruled tables."""
    ink = ink_mask(gray)
    tables, rules = find_tables(ink)
    erase = cv2.dilate(rules, np.ones((3, 3), np.uint8)) > 0
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    speck = stats[:, cv2.CC_STAT_AREA] <= SPECK_AREA
    speck[0] = False  # the background
    erase |= speck[labels]
    ink[erase] = 0
    # Only ink is left on white: a shaded header row or a grey scan background makes
    # Tesseract split a line's marks from its letters.
    clean = np.where(ink > 0, gray, 255).astype(np.uint8)
    return clean, ink, tables


def _read(gray: np.ndarray, settings: ExtractSettings) -> _Read:
    clean, ink, tables = _clean(gray)
    margin = round(MARGIN_INCH * settings.ocr_dpi)
    outside = _read_around(clean, ink, tables, margin, settings)
    cells: dict[CellKey, list[Word]] = {}
    if tables:
        reader = CellReader(clean, settings)
        for key, cell in _cells(tables):
            box = _ink_box(ink, _inset(cell), 0)
            if box is not None:
                cells[key] = fix_digits(reader.read(box), ink)
    return _Read(tables, outside, cells)


def _read_around(
    clean: np.ndarray,
    ink: np.ndarray,
    tables: list[ImageTable],
    margin: int,
    settings: ExtractSettings,
) -> list[Word]:
    """The text around the tables (a memo, a plan's header lines), read as a page with the
    tables blanked out, on the box that holds its ink."""
    around = clean.copy()
    for table in tables:
        around[table.top : table.bottom + 1, table.x0 : table.x1 + 1] = 255
    box = _ink_box(around < 128, (0, 0, clean.shape[1], clean.shape[0]), margin)
    if box is None:
        return []
    reader = PageReader(around, settings.ocr_lang, settings.ocr_dpi)
    lines = rejoin_marks(by_line(reader.words(box, psm=PSM_AUTO)), reader, box)
    return fix_digits([w for line in lines for w in line], ink)


def _ink_box(
    ink: np.ndarray, box: tuple[int, int, int, int], margin: int
) -> tuple[int, int, int, int] | None:
    """The bounding box of the ink inside `box`, `margin` pixels wider but kept inside
    `box`; None when `box` holds too little ink to be text."""
    x0, top, x1, bottom = box
    region = ink[top:bottom, x0:x1]
    if np.count_nonzero(region) < MIN_CELL_INK:
        return None
    rows, cols = np.flatnonzero(region.any(axis=1)), np.flatnonzero(region.any(axis=0))
    return (max(x0, x0 + int(cols[0]) - margin), max(top, top + int(rows[0]) - margin),
            min(x1, x0 + int(cols[-1]) + 1 + margin),
            min(bottom, top + int(rows[-1]) + 1 + margin))  # fmt: skip


def _cells(tables: list[ImageTable]) -> list[tuple[CellKey, ImageCell]]:
    return [
        ((t, r, c), cell)
        for t, table in enumerate(tables)
        for r, row in enumerate(table.rows)
        for c, cell in enumerate(row.cells)
        if cell is not None
    ]


def _inset(cell: ImageCell) -> tuple[int, int, int, int]:
    return (cell.x0 + CELL_INSET, cell.top + CELL_INSET,
            max(cell.x0 + CELL_INSET + 1, cell.x1 - CELL_INSET),
            max(cell.top + CELL_INSET + 1, cell.bottom - CELL_INSET))  # fmt: skip


# ------------------------------------------------------------------ layout


def _box(x0: float, top: float, x1: float, bottom: float, scale: float) -> BBox:
    return BBox(x0=x0 * scale, top=top * scale, x1=x1 * scale, bottom=bottom * scale)


def _grid(t: int, table: ImageTable, read: _Read, scale: float) -> Grid:
    rows = []
    for r, row in enumerate(table.rows):
        cells: list[GridCell | None] = []
        for c, cell in enumerate(row.cells):
            if cell is None:
                cells.append(None)
                continue
            words = read.cells.get((t, r, c), [])
            text = join_lines([ln.text for ln in lines_of(words, 1.0)])
            confidence = min((w.confidence for w in words), default=None)
            box = _box(cell.x0, cell.top, cell.x1, cell.bottom, scale)
            cells.append(GridCell(text=text, bbox=box, confidence=confidence))
        rows.append(GridRow(top=row.top * scale, bottom=row.bottom * scale, cells=cells))
    return Grid(bbox=_box(table.x0, table.top, table.x1, table.bottom, scale), rows=rows)


def _content(number: int, width: float, height: float, read: _Read, scale: float) -> PageContent:
    return PageContent(
        number=number,
        width=width,
        height=height,
        lines=lines_of(read.outside, scale),
        grids=[_grid(t, table, read, scale) for t, table in enumerate(read.tables)],
        glyph_count=sum(len(w.text) for w in read.words),
        method="ocr",
    )
