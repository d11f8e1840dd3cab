"""Page layouts around a plan's table: a summary table before it, a footnote block under
it. Grids are built by hand (positions only matter for reading order)."""

from __future__ import annotations

import pytest

from extract.models import BBox, Column
from extract.settings import ExtractSettings
from extract.tables.footnotes import continues_numbering
from extract.tables.headers import header_mapping, match_header_cell
from extract.tables.plans import PlanAssembler
from extract.text.glyphs import Line
from extract.text.page_content import Grid, GridCell, GridRow, PageContent

HEADER = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย"]
WIDTH = 60.0


def _row(texts: list[str | None], top: float) -> GridRow:
    """A grid row; None where a cell merged across the row covers the column."""
    cells: list[GridCell | None] = []
    for i, text in enumerate(texts):
        if text is None:
            cells.append(None)
            continue
        span = 1 + sum(1 for t in texts[i + 1 :] if t is None) if i == 0 else 1
        box = BBox(x0=50 + WIDTH * i, top=top, x1=50 + WIDTH * (i + span), bottom=top + 20)
        cells.append(GridCell(text=text, bbox=box))
    return GridRow(top=top, bottom=top + 20, cells=cells)


def _merged(text: str, top: float) -> GridRow:
    return _row([text] + [None] * (len(HEADER) - 1), top)


def _plan_rows(rows: list[GridRow]) -> list[dict[Column, str]]:
    lines = [
        Line("ชื่อหน่วยงาน : เทศบาลตำบลดอยสายหมอก (กองคลัง)", 50, 500, 20, 35),
        Line("เป้าหมาย KM : การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", 50, 500, 40, 55),
    ]
    grid = Grid(bbox=BBox(x0=50, top=60, x1=410, bottom=500), rows=rows)
    page = PageContent(number=2, width=842, height=595, lines=lines, grids=[grid], glyph_count=1)
    assembler = PlanAssembler(ExtractSettings())
    assembler.feed(page)
    plans = assembler.finish()
    assert len(plans) == 1
    return [{c: cell.text for c, cell in row.cells.items()} for row in plans[0].rows]


def _data(seq: str, top: float) -> GridRow:
    return _row([seq, "การบ่งชี้ความรู้", "ประชุม", "ต.ค. 66", "ร้อยละ", "ร้อยละ 80"], top)


def test_a_footnote_block_in_the_table_is_never_a_row() -> None:
    rows = [
        _row(list(HEADER), 60),
        _data("1", 80),
        _data("2", 100),
        _merged("หมายเหตุ", 120),
        # items merged across the table: no ลำดับ, would read as row 2's page-break tail
        _merged("๑. งบประมาณจากเงินรายได้ของเทศบาล", 140),
        # an item with its number in the ลำดับ column: reads as a ลำดับ, is not one
        _row(["๒.", "ระยะเวลาอาจเปลี่ยนแปลงตามสถานการณ์", None, None, None, None], 160),
    ]
    read = _plan_rows(rows)
    assert [r[Column.SEQ] for r in read] == ["1", "2"]
    assert read[1][Column.ACTIVITY] == "การบ่งชี้ความรู้"


def test_a_row_that_continues_the_numbering_after_a_note_is_a_row() -> None:
    rows = [
        _row(list(HEADER), 60),
        _data("1", 80),
        _merged("หมายเหตุ : กิจกรรมที่ 1 ใช้งบประมาณปกติ", 100),
        _data("2", 120),
    ]
    assert [r[Column.SEQ] for r in _plan_rows(rows)] == ["1", "2"]


@pytest.mark.parametrize(
    ("last", "printed", "expected"),
    [("7", "8", True), ("๗", "๘.", True), ("7", "๑.", False), (None, "1", False), ("7", "", False)],
)
def test_continues_numbering(last: str | None, printed: str, expected: bool) -> None:
    assert continues_numbering(last, printed) is expected


def test_the_goal_label_heads_no_column() -> None:
    # เป้าหมาย KM heads a summary table's column of goals; a plan's เป้าหมาย is the target.
    assert match_header_cell("เป้าหมาย KM", 55.0).column is None
    assert match_header_cell("เป้าหมาย", 55.0).column is Column.TARGET
    assert match_header_cell("ค่าเป้าหมาย", 55.0).column is Column.TARGET


def test_a_summary_table_before_the_plan_is_no_plan_header() -> None:
    summary = ["ลำดับ", "หน่วยงาน", "เป้าหมาย KM", "ระยะเวลาดำเนินการ", "จำนวนกิจกรรม"]
    assert header_mapping(_row(list(summary), 60), 55.0, 5) is None
    assert header_mapping(_row(list(HEADER), 60), 55.0, 5) is not None
