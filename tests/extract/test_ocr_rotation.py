"""Scanned pages turned 90, 180 or 270 degrees are read upright (a `page-rotated` warning for
a quarter turn, `ocr-page-upside-down` for a half); upright pages are never turned, and are
told upright from their ink alone (Tesseract's OSD is asked only about doubtful pages)."""

from __future__ import annotations

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest

from extract.ocr import tesseract as tess
from extract.ocr import turn as turn_module
from extract.ocr.page import OcrPage, ocr_page
from extract.ocr.pool import render_page
from extract.ocr.turn import is_sideways, turn_clockwise, upright_turn
from extract.settings import ExtractSettings

from ..conftest import SAMPLES

SCANNED = SAMPLES / "tak-pao-km-plan-2566-scanned.pdf"
SIDEWAYS_SCAN = SAMPLES / "sci-faculty-km-plan-2566-sideways-scan.pdf"
UPSIDE_DOWN_SCAN = SAMPLES / "sci-faculty-km-plan-2566-upside-down-scan.pdf"
TABLE_PAGE = 11  # กองยุทธศาสตร์และงบประมาณ: header lines above a 5-row table
SIZE = (842.0, 595.0)  # the landscape plan pages, in points
TURNS = (0, 90, 180, 270)

needs_tesseract = pytest.mark.skipif(
    not tess.tesseract_available("tha"), reason="tesseract-ocr-tha is not installed"
)


def _render(path: object, dpi: int) -> dict[int, np.ndarray]:
    document = pdfium.PdfDocument(path)
    try:
        return {n: render_page(document, n, dpi) for n in range(1, len(document) + 1)}
    finally:
        document.close()


@pytest.fixture(scope="module")
def pages() -> dict[int, np.ndarray]:
    """Every page of the scanned sample (memo pages portrait, plan pages landscape), at
    the resolution OCR renders them."""
    return _render(SCANNED, ExtractSettings().ocr_dpi)


@pytest.fixture(scope="module")
def table_page(pages: dict[int, np.ndarray]) -> np.ndarray:
    return pages[TABLE_PAGE]


@pytest.fixture
def no_osd(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tesseract's OSD out of reach: the turn is the ink's decision alone."""

    def unavailable(gray: np.ndarray) -> int | None:
        raise AssertionError("OSD was asked")

    monkeypatch.setattr(turn_module, "orientation", unavailable)


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


@pytest.mark.usefixtures("no_osd")
def test_every_upright_scanned_page_is_left_as_it_is_without_asking_osd(
    pages: dict[int, np.ndarray],
) -> None:
    turned = {n: upright_turn(image) for n, image in pages.items()}
    assert turned == dict.fromkeys(pages, 0)
    # page 2 of the upside-down scan is the faculty plan's second page the right way up
    assert upright_turn(_render(UPSIDE_DOWN_SCAN, ExtractSettings().ocr_dpi)[2]) == 0


@pytest.mark.parametrize("scanned_turn", TURNS)
def test_every_scanned_page_in_every_turn_is_turned_back(
    pages: dict[int, np.ndarray], scanned_turn: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # OSD unsure: the ink's marks decide alone, on every page of the sample
    monkeypatch.setattr(turn_module, "orientation", lambda gray: None)
    back = (360 - scanned_turn) % 360
    found = {n: upright_turn(turn_clockwise(image, scanned_turn)) for n, image in pages.items()}
    assert found == dict.fromkeys(pages, back)


@needs_tesseract
@pytest.mark.parametrize("scanned_turn", TURNS)
def test_upright_turn_with_osd(table_page: np.ndarray, scanned_turn: int) -> None:
    # scanned turned 90 degrees clockwise: it reads upright turned 270 more
    assert upright_turn(turn_clockwise(table_page, scanned_turn)) == (360 - scanned_turn) % 360


@needs_tesseract
def test_the_turned_samples_are_read_in_each_turn() -> None:
    dpi = ExtractSettings().ocr_dpi
    # the builders turned the pages counter-clockwise (90 and 270, then 180 and 0): the
    # same turns clockwise put them back
    assert [upright_turn(p) for p in _render(SIDEWAYS_SCAN, dpi).values()] == [90, 270]
    assert [upright_turn(p) for p in _render(UPSIDE_DOWN_SCAN, dpi).values()] == [180, 0]


@needs_tesseract
@pytest.mark.parametrize("scanned_turn", TURNS)
def test_a_turned_scan_gives_the_rows_of_the_upright_page(
    table_page: np.ndarray, scanned_turn: int
) -> None:
    settings = ExtractSettings()
    upright = ocr_page(table_page, TABLE_PAGE, *SIZE, settings)
    assert upright.issues == []
    # a page turned a quarter sits on a page of swapped size (in points)
    size = SIZE[::-1] if scanned_turn % 180 else SIZE
    page = ocr_page(turn_clockwise(table_page, scanned_turn), TABLE_PAGE, *size, settings)
    back = (360 - scanned_turn) % 360
    code = {0: None, 90: "page-rotated", 180: "ocr-page-upside-down", 270: "page-rotated"}
    assert [(i.code, i.page) for i in page.issues] == (
        [(code[scanned_turn], TABLE_PAGE)] if scanned_turn else []
    )
    if scanned_turn:
        assert f"turned {back} degrees" in page.issues[0].message
    assert (page.content.width, page.content.height) == SIZE
    assert _rows(page) == _rows(upright)
    assert [row[0] for row in _rows(page)[1:]] == ["1", "2", "3", "4"]
    assert [ln.text for ln in page.content.lines] == [ln.text for ln in upright.content.lines]


def test_turning_keeps_every_pixel(table_page: np.ndarray) -> None:
    back = turn_clockwise(turn_clockwise(table_page, 90), 270)
    assert back.shape == table_page.shape and np.array_equal(back, table_page)
    assert turn_clockwise(table_page, 90).shape == table_page.shape[::-1]
    assert cv2.countNonZero(turn_clockwise(table_page, 0) - table_page) == 0
    assert np.array_equal(turn_clockwise(turn_clockwise(table_page, 180), 180), table_page)
