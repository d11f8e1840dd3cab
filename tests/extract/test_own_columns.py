"""Plan tables on no known template (issue 13 part 8): header cells of an organization's own
columns (extract/vocab/own_columns.json), what makes a document a KM plan, and the tables
that must still not pass for a plan (a budget table in a document that is no KM plan)."""

from __future__ import annotations

import pytest

from extract import vocab
from extract.document import extract_document
from extract.errors import NoPlanTablesError
from extract.models import BBox, Column, RawPlan
from extract.settings import ExtractSettings
from extract.sources import unit_name
from extract.tables.labels import is_plan_title
from extract.tables.own_columns import names_km_plan, own_header_cell, own_header_mapping
from extract.tables.plans import PlanAssembler
from extract.tables.quarter_columns import quarter_of, quarter_run
from extract.text.glyphs import Line
from extract.text.page_content import Grid, GridCell, GridRow, PageContent
from normalize.families import unmapped_headers
from normalize.plan_header import title_organization

from ..conftest import SHARED

WIDTH = 60.0


def _row(texts: list[str | None], top: float = 100.0, spanned: int = 0) -> GridRow:
    """A grid row; its first `spanned` cells are copies of cells merged down from above; a
    cell followed by None cells is merged across their columns."""
    cells: list[GridCell | None] = []
    for index, text in enumerate(texts):
        across = next((k for k, t in enumerate(texts[index + 1 :]) if t is not None), None)
        width = len(texts) - index if across is None else across + 1
        box = BBox(x0=index * WIDTH, top=top, x1=(index + width) * WIDTH, bottom=top + 10)
        cells.append(None if text is None else GridCell(text, box, spanned=index < spanned))
    return GridRow(top=top, bottom=top + 10, cells=cells)


def _plans(lines: list[str], rows: list[GridRow]) -> list[RawPlan]:
    """The plans the assembler reads from one page: text lines above one ruled table."""
    placed = [Line(text, 50, 700, 10 + 15 * i, 22 + 15 * i) for i, text in enumerate(lines)]
    grid = Grid(bbox=BBox(x0=0, top=100, x1=700, bottom=300), rows=rows)
    page = PageContent(number=1, width=842, height=595, lines=placed, grids=[grid], glyph_count=100)
    assembler = PlanAssembler(ExtractSettings())
    assembler.feed(page)
    return assembler.finish()


# --- header cells ----------------------------------------------------------------------


@pytest.mark.parametrize(("key", "forms"), sorted(vocab.load("own_columns").items()))
def test_every_synonym_maps_to_its_column(key: str, forms: list[str]) -> None:
    for form in forms:
        for printed in {form, form.upper(), form.lower()}:
            assert own_header_cell(printed).column == Column(key), printed


@pytest.mark.parametrize(
    ("printed", "column"),
    [
        ("ผู้รับผิดชอบ (Owner)", Column.RESPONSIBLE),
        ("Owner\nผู้รับผิดชอบ", Column.RESPONSIBLE),
        ("KPI / ตัวชี้วัด", Column.INDICATOR),
        ("Activity / กิจกรรม", Column.ACTIVITY),
        ("หัวข้อ (Topic)", Column.ACTIVITY),
        ("Target (เป้าหมาย)", Column.TARGET),
        ("ไตรมาส (Quarter)", Column.PERIOD),
        ("Timeline", Column.PERIOD),
        ("ระยะเวลา/งบประมาณ", Column.PERIOD_BUDGET),
        # a template's own header words count too
        ("วิธีการสู่ความสำเร็จ", Column.METHOD),
    ],
)
def test_bilingual_and_template_headers(printed: str, column: Column) -> None:
    assert own_header_cell(printed).column == column


@pytest.mark.parametrize(
    "printed",
    [
        "รูปแบบ", "Output", "ผลผลิต", "Format", "งบประมาณที่ได้รับจัดสรร",
        # the KM goal heads a goal, not a row's target
        "เป้าหมาย KM",
        # parts naming two columns make the cell neither
        "กิจกรรม/ตัวชี้วัด",
        # near a form, but another word: strict matching
        "Targeting", "Ownership",
    ],
)  # fmt: skip
def test_other_headers_map_to_nothing(printed: str) -> None:
    assert own_header_cell(printed).column is None


def test_a_header_row_needs_the_activity_and_another_field() -> None:
    row = _row(["ลำดับ", "หัวข้อ", "รูปแบบ", "Owner", "Output", "KPI", "ไตรมาส"])
    mapping = own_header_mapping(row)
    assert mapping is not None
    assert [m.column for m in mapping] == [
        Column.SEQ, Column.ACTIVITY, None, Column.RESPONSIBLE, None, Column.INDICATOR,
        Column.PERIOD,
    ]  # fmt: skip
    # the unmapped columns are kept under their printed headers
    assert unmapped_headers(mapping) == ["รูปแบบ", "Output"]
    assert own_header_mapping(_row(["หัวข้อ", "รูปแบบ", "Output"])) is None
    assert own_header_mapping(_row(["ลำดับ", "Owner", "KPI", "ไตรมาส"])) is None
    # a body row: long cells are no headers
    long = "การดูแลผู้ป่วยเบาหวานที่บ้านโดยทีมสหวิชาชีพและอาสาสมัครสาธารณสุขประจำหมู่บ้าน"
    assert own_header_mapping(_row(["หัวข้อ", long, "Owner", "KPI"])) is None


# --- what makes a document a KM plan ---------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "แผนการจัดการความรู้ ประจำปี 2569",
        "แผนปฏิบัติการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
        "KM Plan 2026",
        "Knowledge Management Plan ประจำปี 2569",
        "รายงานผลการดำเนินงานตามแผนการจัดการความรู้ รอบ 6 เดือน",
        "ร่าง แผน การจัดการ ความรู้",
    ],
)
def test_titles_that_name_a_km_plan(line: str) -> None:
    assert names_km_plan(line)


@pytest.mark.parametrize(
    "line",
    [
        "แผนการใช้จ่ายงบประมาณ ประจำปี 2569",
        "แผนพัฒนาบุคลากร (Training Plan) 2569",
        # a sentence that mentions the plan far into it is no title
        "ทั้งนี้ให้หน่วยงานทุกแห่งรายงานผลการดำเนินงานตามกรอบระยะเวลาที่กำหนดไว้ในแผนการจัดการความรู้",
        "",
    ],
)
def test_lines_that_do_not(line: str) -> None:
    assert not names_km_plan(line)


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("แผนปฏิบัติการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. 2569", True),
        ("KM Plan ประจำปี 2569", True),
        ("แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)", True),
        ("แผนการใช้จ่ายงบประมาณ ประจำปี 2569", False),
    ],
)
def test_plan_titles(line: str, title: bool) -> None:
    assert is_plan_title(line) is title


# --- through the assembler -------------------------------------------------------------

OWN_HEADER = ["ลำดับ", "หัวข้อ (Topic)", "รูปแบบ", "Owner", "Output", "KPI", "ไตรมาส"]
OWN_ROW = ["1", "Home Care DM", "CoP", "ฝ่ายการพยาบาล", "คู่มือ 1 ฉบับ", "ร้อยละ", "Q1"]


def test_an_own_column_table_in_a_km_plan_is_a_plan() -> None:
    title = "แผนการจัดการความรู้ โรงพยาบาลเวียงหมอก ประจำปี 2569"
    (plan,) = _plans([title], [_row(OWN_HEADER), _row(OWN_ROW, top=120)])
    assert plan.own_columns and plan.title == title
    (row,) = plan.rows
    assert row.text(Column.ACTIVITY) == "Home Care DM" and row.text(Column.PERIOD) == "Q1"
    assert row.extra == {"รูปแบบ": "CoP", "Output": "คู่มือ 1 ฉบับ"}


def test_a_title_in_a_header_cell_makes_the_document_a_km_plan() -> None:
    banner = ["KM Action Plan 2569", None, None, None, None, None, None]
    (plan,) = _plans([], [_row(banner, top=90), _row(OWN_HEADER), _row(OWN_ROW, top=120)])
    assert plan.own_columns and len(plan.rows) == 1


def test_the_same_table_in_another_document_is_no_plan() -> None:
    """No false positives: a table of non-template columns in a document that never calls
    itself a KM plan (here a training plan, and a budget table) is not read."""
    assert _plans(["แผนพัฒนาบุคลากร ประจำปี 2569"], [_row(OWN_HEADER), _row(OWN_ROW, 120)]) == []
    budget = ["ลำดับ", "รายการ", "งบประมาณ (บาท)", "ไตรมาส", "ผู้รับผิดชอบ"]
    spent = ["1", "ค่าวัสดุสำนักงาน", "12,000", "Q1", "งานพัสดุ"]
    assert _plans(["แผนการใช้จ่ายงบประมาณ ประจำปี 2569"], [_row(budget), _row(spent, 120)]) == []


def test_a_budget_table_in_a_km_plan_is_no_plan_either() -> None:
    """Without the activity among its columns a table is no plan, even in a KM plan."""
    budget = ["ลำดับ", "รายการ", "งบประมาณ (บาท)", "ไตรมาส", "ผู้รับผิดชอบ"]
    spent = ["1", "ค่าวัสดุสำนักงาน", "12,000", "Q1", "งานพัสดุ"]
    assert _plans(["แผนการจัดการความรู้ ประจำปี 2569"], [_row(budget), _row(spent, 120)]) == []


def test_quarter_columns_marked_by_the_rows() -> None:
    header = [*OWN_HEADER[:6], "ไตรมาส", None, None, None]
    quarters = [*OWN_HEADER[:6], "Q1", "Q2", "Q3", "Q4"]
    body = [*OWN_ROW[:6], "", "✓", "✓", ""]
    rows = [_row(header), _row(quarters, 110, spanned=6), _row(body, 130)]
    (plan,) = _plans(["KM Plan 2569"], rows)
    assert [m.quarter for m in plan.columns][6:] == [1, 2, 3, 4]
    assert all(m.column == Column.PERIOD for m in plan.columns[6:])
    (row,) = plan.rows
    assert row.marked_quarters == (2, 3) and row.text(Column.PERIOD) is None
    assert unmapped_headers(plan.columns) == ["รูปแบบ", "Output"]


def test_quarter_columns_in_the_header_row_itself() -> None:
    header = ["ลำดับ", "กิจกรรม", "Owner", "ไตรมาสที่ ๑", "ไตรมาสที่ ๒", "ไตรมาสที่ ๓", "ไตรมาสที่ ๔"]
    body = ["1", "CoP พยาบาล", "ฝ่ายการพยาบาล", "X", "", "", "X"]
    (plan,) = _plans(["แผนการจัดการความรู้ 2569"], [_row(header), _row(body, 120)])
    assert plan.rows[0].marked_quarters == (1, 4)


def test_months_under_a_year_printed_in_the_header_row() -> None:
    months = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
              "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]  # fmt: skip
    header = ["No.", "Activity", "Owner", "ปี 2569", *[None] * 11]
    body = ["1", "Onboarding", "HR", "●", "●", *[""] * 10]
    rows = [_row(header), _row(["No.", "Activity", "Owner", *months], 110, spanned=3)]
    (plan,) = _plans(["KM Plan 2569"], [*rows, _row(body, 130)])
    assert [m.month for m in plan.columns][3:] == list(range(1, 13))
    assert {m.year_printed for m in plan.columns[3:]} == {"ปี 2569"}
    assert plan.rows[0].marked_months == (1, 2)


@pytest.mark.parametrize(
    ("printed", "quarter"),
    [("Q1", 1), ("q 2", 2), ("ไตรมาส 3", 3), ("ไตรมาสที่ ๔", 4), ("Quarter 1", 1),
     ("Q1 (ต.ค.-ธ.ค.)", 1), ("Q5", None), ("Q12", None), ("ไตรมาส", None), ("Q1-Q2", None)],
)  # fmt: skip
def test_quarter_headers(printed: str, quarter: int | None) -> None:
    assert quarter_of(printed) == quarter


def test_quarter_columns_must_be_four_side_by_side_in_order() -> None:
    assert quarter_run(_row(["กิจกรรม", "Q1", "Q2", "Q3", "Q4"])) is not None
    assert quarter_run(_row(["กิจกรรม", "Q1", "Q3", "Q2", "Q4"])) is None
    assert quarter_run(_row(["Q1", None, None, "Q2", None, None, "Q3", "Q4"])) is None
    assert quarter_run(_row(["กิจกรรม", "Q1", "Q2", "Q3"])) is None


@pytest.mark.parametrize(
    ("title", "organization"),
    [
        ("แผนปฏิบัติการจัดการความรู้ โรงพยาบาลเวียงหมอก ประจำปีงบประมาณ พ.ศ. 2569", "โรงพยาบาลเวียงหมอก"),
        ("KM Plan โรงพยาบาลเวียงหมอก 2569", "โรงพยาบาลเวียงหมอก"),
        ("แผนการจัดการความรู้ (KM Plan) องค์การตลาดเวียงหมอก ประจำปี 2569", "องค์การตลาดเวียงหมอก"),
        ("แผนการจัดการความรู้ คณะพยาบาลศาสตร์ ประจำปี พ.ศ. 2569", "คณะพยาบาลศาสตร์"),
        # a title that names no organization names none
        ("แผนปฏิบัติการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", None),
    ],
)
def test_the_organization_a_km_plan_title_names(title: str, organization: str | None) -> None:
    """The title words of every KM plan title (km_plan_titles.json) and a year printed
    without ปีงบประมาณ are no part of the organization's name."""
    assert title_organization(title) == organization
    assert unit_name(title) == organization


@pytest.mark.parametrize(
    "name", ["lost-sara-am-wide-budget-table.pdf", "pua-table-program-summary.pdf"]
)
def test_real_tables_that_are_no_km_plan_stay_unread(name: str) -> None:
    """Real budget and curriculum tables (../shared/realworld), in documents that never call
    themselves KM plans: still no plan table."""
    path = SHARED / "realworld" / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    with pytest.raises(NoPlanTablesError):
        extract_document(path)
