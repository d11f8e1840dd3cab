"""Scanned pages turned sideways (a landscape table scanned onto a portrait page) are read
upright, with a `page-rotated` warning; upright pages are never turned."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.ocr import tesseract as tess
from extract.ocr.page import OcrPage, ocr_page
from extract.ocr.pool import render_page
from extract.ocr.turn import is_sideways, turn_clockwise, upright_turn
from extract.settings import ExtractSettings

from ..conftest import SAMPLES

SCANNED = SAMPLES / "tak-pao-km-plan-2566-scanned.pdf"
TABLE_PAGE = 11  # กองยุทธศาสตร์และงบประมาณ: header lines above a 5-row table
SIZE = (842.0, 595.0)  # the landscape plan pages, in points

needs_tesseract = pytest.mark.skipif(
    not tess.tesseract_available("tha"), reason="tesseract-ocr-tha is not installed"
)


@pytest.fixture(scope="module")
def pages() -> dict[int, np.ndarray]:
    document = pdfium.PdfDocument(SCANNED)
    try:
        return {n: render_page(document, n, 100) for n in range(1, len(document) + 1)}
    finally:
        document.close()


@pytest.fixture(scope="module")
def table_page() -> np.ndarray:
    document = pdfium.PdfDocument(SCANNED)
    try:
        return render_page(document, TABLE_PAGE, ExtractSettings().ocr_dpi)
    finally:
        document.close()


def _rows(page: OcrPage) -> list[list[str | None]]:
    return [[c and c.text for c in row.cells] for grid in page.content.grids for row in grid.rows]


def test_upright_pages_are_not_turned(pages: dict[int, np.ndarray]) -> None:
    # memo pages (portrait) and plan pages (landscape) alike
    assert [n for n, image in pages.items() if is_sideways(image)] == []


def test_every_sample_page_turned_a_quarter_is_found_sideways(
    pages: dict[int, np.ndarray],
) -> None:
    for turn in (90, 270):
        upright = [n for n, image in pages.items() if not is_sideways(turn_clockwise(image, turn))]
        assert upright == [], turn


@needs_tesseract
def test_osd_tells_which_way_a_sideways_page_is_turned(table_page: np.ndarray) -> None:
    assert upright_turn(table_page) == 0
    # scanned turned 90 degrees clockwise: it reads upright turned 270 more
    assert upright_turn(turn_clockwise(table_page, 90)) == 270
    assert upright_turn(turn_clockwise(table_page, 270)) == 90


@needs_tesseract
@pytest.mark.parametrize("scanned_turn", [90, 270])
def test_sideways_scan_gives_the_rows_of_the_upright_page(
    table_page: np.ndarray, scanned_turn: int
) -> None:
    settings = ExtractSettings()
    upright = ocr_page(table_page, TABLE_PAGE, *SIZE, settings)
    assert "page-rotated" not in [i.code for i in upright.issues]
    # the sideways scan sits on a portrait page: its size in points is swapped
    sideways = turn_clockwise(table_page, scanned_turn)
    page = ocr_page(sideways, TABLE_PAGE, SIZE[1], SIZE[0], settings)
    rotated = [i for i in page.issues if i.code == "page-rotated"]
    assert len(rotated) == 1 and rotated[0].page == TABLE_PAGE
    assert f"turned {360 - scanned_turn} degrees clockwise" in rotated[0].message
    assert (page.content.width, page.content.height) == SIZE
    assert _rows(page) == _rows(upright)
    assert [row[0] for row in _rows(page)[1:]] == ["1", "2", "3", "4"]
    assert [ln.text for ln in page.content.lines] == [ln.text for ln in upright.content.lines]


def test_turning_keeps_every_pixel(table_page: np.ndarray) -> None:
    back = turn_clockwise(turn_clockwise(table_page, 90), 270)
    assert back.shape == table_page.shape and np.array_equal(back, table_page)
    assert turn_clockwise(table_page, 90).shape == table_page.shape[::-1]
    assert cv2.countNonZero(turn_clockwise(table_page, 0) - table_page) == 0
