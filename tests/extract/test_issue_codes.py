"""The extract warnings that no other test triggered: a table with no plan header above
it, a row without ลำดับ before the first numbered one, a scanned page with no text."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from extract.models import BBox, Column, ExtractIssue, RawPlan
from extract.ocr import tesseract as tess
from extract.ocr.page import ocr_page
from extract.settings import ExtractSettings
from extract.tables.plans import PlanAssembler
from extract.text.glyphs import Line
from extract.text.page_content import Grid, GridCell, GridRow, PageContent

HEADER = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย"]
FIRST = ["1", "การบ่งชี้ความรู้", "ประชุม", "ตุลาคม 2566", "ร้อยละ 80", "ร้อยละ 80"]
SECOND = ["2", "การสร้างและแสวงหาความรู้", "อบรม", "พฤศจิกายน 2566", "ร้อยละ 80", "ร้อยละ 80"]


def _line(text: str, top: float) -> Line:
    return Line(text=text, x0=50, x1=500, top=top, bottom=top + 15)


def _grid(rows: list[list[str]], top: float) -> Grid:
    grid_rows = []
    for n, texts in enumerate(rows):
        y = top + 20 * n
        cells = [
            GridCell(text=t, bbox=BBox(x0=50 + 60 * i, top=y, x1=110 + 60 * i, bottom=y + 20))
            for i, t in enumerate(texts)
        ]
        grid_rows.append(GridRow(top=y, bottom=y + 20, cells=cells))
    return Grid(bbox=BBox(x0=50, top=top, x1=410, bottom=top + 20 * len(rows)), rows=grid_rows)


def _assemble(lines: list[Line], grid: Grid) -> tuple[list[RawPlan], list[ExtractIssue]]:
    page = PageContent(number=7, width=842, height=595, lines=lines, grids=[grid], glyph_count=1)
    assembler = PlanAssembler(ExtractSettings())
    assembler.feed(page)
    plans = assembler.finish()
    return plans, assembler.issues


def test_a_table_with_no_plan_header_above_it_is_reported() -> None:
    # A page that opens straight with the table: no title, ชื่อหน่วยงาน or เป้าหมาย KM.
    plans, issues = _assemble([], _grid([HEADER, FIRST, SECOND], 60))
    assert [len(p.rows) for p in plans] == [2]  # the rows are still read
    assert plans[0].header.unit is None
    assert [(i.code, i.page, i.message) for i in issues] == [
        ("plan-header-missing", 7, "a plan table has no ชื่อหน่วยงาน / เป้าหมาย KM lines above it")
    ]


def test_a_row_without_seq_before_the_first_numbered_row_is_reported() -> None:
    # Under the header, a row whose ลำดับ is empty continues no row: it is reported, and
    # the numbered rows after it are read as usual.
    lines = [
        _line("ชื่อหน่วยงาน : องค์การบริหารส่วนจังหวัดตาก (กองช่าง)", 20),
        _line("เป้าหมาย KM : งานซ่อมถนน", 40),
    ]
    unnumbered = ["", "ประชุมชี้แจงแผน", "ประชุม", "", "", ""]
    plans, issues = _assemble(lines, _grid([HEADER, unnumbered, FIRST, SECOND], 60))
    assert [r.text(Column.SEQ) for r in plans[0].rows] == ["1", "2"]
    assert [(i.code, i.page) for i in issues] == [("row-unnumbered", 7)]
    assert issues[0].message == "a table row with no ลำดับ before any numbered row: ''"


@pytest.mark.skipif(
    not tess.tesseract_available("tha"), reason="tesseract-ocr-tha is not installed"
)
def test_a_scanned_empty_form_warns_that_ocr_found_no_text() -> None:
    # A scan of an unfilled ruled form: ink (so not blank), but not one word.
    page = np.full((2339, 1654), 255, np.uint8)
    for y in range(300, 1500, 200):
        cv2.line(page, (150, y), (1500, y), 0, 4)
    for x in range(150, 1501, 270):
        cv2.line(page, (x, 300), (x, 1300), 0, 4)
    read = ocr_page(page, 2, 595.0, 842.0, ExtractSettings())
    assert [(i.code, i.page, i.message) for i in read.issues] == [
        ("ocr-no-text", 2, "page 2: OCR found no text on the scanned page")
    ]
    assert read.content.lines == [] and read.content.grids == []
