"""Gantt-style ระยะเวลา: the period printed as twelve month columns in which each row marks
its months (tests/data/gantt/build.py made the PDFs). Expected values come from the
builder's source data (its MARKS and month headers), the dates entered by hand."""

from __future__ import annotations

import importlib.util
from datetime import date
from types import ModuleType, SimpleNamespace
from typing import Any

import pdfplumber
import pytest

from extract.models import (
    BBox,
    Column,
    HeaderMatch,
    Provenance,
    RawCell,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.settings import ExtractSettings
from extract.tables.month_columns import is_text_mark, month_run, shape_marks, year_labels
from extract.tables.plans import PlanAssembler
from extract.text.actual_text import ActualTextPage
from extract.text.drawings import Shape, page_drawings
from extract.text.page_content import Grid, GridCell, GridRow, PageContent, read_page
from extract.vocab.months import month_number
from normalize.document import normalize_document
from normalize.families import unmapped_headers
from normalize.marked_periods import marked_period, month_calendar
from pipeline.ingest import ingest
from warehouse import export_rows, open_warehouse

from ..conftest import SHARED, TEST_DATA, read_jsonl

DATA = TEST_DATA / "gantt"
NAMES = ["ticks-lo", "shaded-lo", "year-row-lo", "lines-chromium"]
# The period of each row of build.MARKS in fiscal year 2567 (Oct 2023 - Sep 2024).
PERIODS = [
    (date(2023, 10, 1), date(2023, 10, 31)),  # ต.ค.
    (date(2023, 11, 1), date(2023, 12, 31)),  # พ.ย. ธ.ค.
    (date(2024, 1, 1), date(2024, 2, 29)),  # ม.ค. ก.พ. (2024 is a leap year)
    (date(2024, 2, 1), date(2024, 4, 30)),  # ก.พ. and เม.ย.: first to last marked month
    (date(2024, 4, 1), date(2024, 6, 30)),  # เม.ย. พ.ค. มิ.ย.
    (date(2024, 6, 1), date(2024, 7, 31)),  # มิ.ย. ก.ค.
    (date(2024, 7, 1), date(2024, 9, 30)),  # ก.ค. ส.ค. ก.ย.
]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gantt_build", DATA / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()
HEADERS = {
    "ticks-lo": BUILD.MONTHS_DOTTED,
    "shaded-lo": BUILD.MONTHS_DOTTED,
    "year-row-lo": BUILD.MONTHS_BARE,
    "lines-chromium": BUILD.MONTHS_ENGLISH,
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The four probes ingested into one warehouse: exported rows and warnings by file."""
    folder = tmp_path_factory.mktemp("gantt")
    db = folder / "w.duckdb"
    report = ingest([DATA / f"{name}.pdf" for name in NAMES], db)
    assert {o.status for o in report.outcomes} == {"ingested"}, report.outcomes
    out = folder / "rows.jsonl"
    conn = open_warehouse(db, read_only=True)
    try:
        export_rows(conn, "jsonl", out)
        warnings = conn.execute(
            "select source_file, code, seq, message from warnings join documents "
            "using (document_id) order by source_file, warning_no"
        ).fetchall()
    finally:
        conn.close()
    rows: dict[str, list[dict[str, Any]]] = {}
    for row in read_jsonl(out):
        rows.setdefault(str(row["source_file"]).removesuffix(".pdf"), []).append(row)
    by_file: dict[str, list[tuple[str, int | None, str]]] = {name: [] for name in NAMES}
    for source, code, seq, message in warnings:
        by_file[source.removesuffix(".pdf")].append((code, seq, message))
    return {"rows": rows, "warnings": by_file}


@pytest.mark.parametrize("name", NAMES)
def test_every_row_gets_the_period_its_marks_say(warehouse: dict[str, Any], name: str) -> None:
    rows = warehouse["rows"][name]
    marks = BUILD.marks(name)
    months = HEADERS[name]
    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [r["step"] for r in rows] == [1, 2, 3, 4, 5, 6, 7]
    expected = [
        (None, None) if not marked else (start.isoformat(), end.isoformat())
        for marked, (start, end) in zip(marks, PERIODS, strict=True)
    ]
    assert [(r["period_start"], r["period_end"]) for r in rows] == expected
    # period_text: the printed headers of the marked months, joined by spaces.
    assert [r["period_text"] for r in rows] == [" ".join(months[k] for k in m) for m in marks]
    assert {r["organization"] for r in rows} == {BUILD.ORG}
    assert {r["department"] for r in rows} == {BUILD.DEPT}
    assert {r["fiscal_year"] for r in rows} == {2567}
    # The month columns are the period: nothing is left over as an unmapped column.
    assert [r["extra_columns"] for r in rows] == [None] * 7


@pytest.mark.parametrize("name", NAMES)
def test_month_columns_leave_no_warning_but_an_unmarked_row(
    warehouse: dict[str, Any], name: str
) -> None:
    warnings = warehouse["warnings"][name]
    assert not [w for w in warnings if w[0] == "columns-unmapped"]
    unmarked = [i + 1 for i, m in enumerate(BUILD.marks(name)) if not m]
    assert [(code, seq) for code, seq, _ in warnings] == [("period-unparsed", s) for s in unmarked]
    assert all("no month marked" in message for _, _, message in warnings)


def test_the_probes_hold_what_the_tests_expect() -> None:
    assert [len(m) for m in BUILD.MARKS] == [1, 2, 2, 2, 3, 2, 3]
    assert BUILD.MARKS[3] == [4, 6]  # ก.พ. and เม.ย., apart
    assert BUILD.marks("year-row-lo")[BUILD.UNMARKED_ROW] == []
    assert [label for label, _, _ in BUILD.YEAR_ROW] == ["พ.ศ. 2566", "พ.ศ. 2567"]


# --- recognising month headers -------------------------------------------------------


def _row(texts: list[str | None], top: float = 100, width: float = 30) -> GridRow:
    cells = [
        None
        if text is None
        else GridCell(
            text=text, bbox=BBox(x0=i * width, top=top, x1=(i + 1) * width, bottom=top + 20)
        )
        for i, text in enumerate(texts)
    ]
    return GridRow(top=top, bottom=top + 20, cells=cells)


FISCAL = [
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
]


@pytest.mark.parametrize(
    "months",
    [
        FISCAL,
        ["ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน",
         "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน"],
        ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP"],
        ["ต.ค. ๖๖", "พ.ย. ๖๖", "ธ.ค. ๖๖", *[f"{m} ๖๗" for m in FISCAL[3:]]],
    ],
)  # fmt: skip
def test_twelve_months_in_order_are_month_columns(months: list[str]) -> None:
    run = month_run(_row(["ลำดับ", "กิจกรรม", *months, "ตัวชี้วัด"]))
    assert run is not None and run.first == 2
    assert run.months == (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)


@pytest.mark.parametrize(
    "months",
    [
        FISCAL[:11],  # eleven months
        [*FISCAL[:5], FISCAL[6], FISCAL[5], *FISCAL[7:]],  # two months swapped
        [*FISCAL[:11], "ก.พ."],  # a month twice
        [*FISCAL, "ต.ค."],  # thirteen months
        [*FISCAL[:6], None, *FISCAL[7:]],  # a month lost in a merged cell
    ],
)
def test_months_out_of_order_are_not_read(months: list[str | None]) -> None:
    assert month_run(_row(["ลำดับ", "กิจกรรม", *months, "ตัวชี้วัด"])) is None


def test_year_and_quarter_rows() -> None:
    years = year_labels(_row([None, "พ.ศ. ๒๕๖๖", None, None, "พ.ศ. 2567", None]))
    assert years is not None and [y.text for y in years] == ["พ.ศ. 2566", "พ.ศ. 2567"]
    assert year_labels(_row(["ไตรมาส 1", "ไตรมาสที่ 2", "Q3", "ไตรมาส 4"])) == []
    assert year_labels(_row(["1", "การบ่งชี้ความรู้", "2567"])) is None


HEADER = [
    "ลำดับ",
    "กิจกรรม",
    "วิธีการสู่ความสำเร็จ",
    "ระยะเวลา",
    *[None] * 11,
    "ตัวชี้วัด",
    "เป้าหมาย",
    "ผู้รับผิดชอบ",
]
SPANNED = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ"]


def _spanning_row(spans: list[tuple[str, int, int]], top: float) -> GridRow:
    """A header row of cells merged across month columns: (text, first, last month)."""
    cells: list[GridCell | None] = [None] * len(HEADER)
    for text, first, last in spans:
        box = BBox(x0=(3 + first) * 30, top=top, x1=(4 + last) * 30, bottom=top + 10)
        cells[3 + first] = GridCell(text=text, bbox=box)
    return GridRow(top=top, bottom=top + 10, cells=cells)


def _assemble(
    month_headers: list[str],
    marks: list[str],
    between: list[tuple[str, int, int]] | None = None,
    months_alone: bool = False,
) -> Any:
    """A Gantt header (ระยะเวลา, optionally a row of years or quarters, the months) and one
    data row, through the plan assembler. The months' row names the other columns again
    (as the copies of cells merged down do) unless `months_alone`."""
    rows = [_row(HEADER, top=100)]
    if between is not None:
        rows.append(_spanning_row(between, top=110))
    others = [None] * 3 if months_alone else SPANNED
    after = [None] * 3 if months_alone else ["ตัวชี้วัด", "เป้าหมาย", "ผู้รับผิดชอบ"]
    rows.append(_row([*others, *month_headers, *after], top=120))
    rows.append(_row(["1", "การบ่งชี้ความรู้", "ประชุม", *marks, "ร้อยละ", "ร้อยละ 80", "กองช่าง"], top=140))
    grid = Grid(bbox=BBox(x0=0, top=100, x1=540, bottom=160), rows=rows)
    page = PageContent(number=2, width=842, height=595, lines=[], grids=[grid], glyph_count=1)
    assembler = PlanAssembler(ExtractSettings())
    assembler.feed(page)
    (plan,) = assembler.finish()
    return plan


def test_an_unreadable_month_header_falls_back_to_unmapped_columns() -> None:
    marks = ["✓", "", "", "", "", "", "", "", "", "", "", ""]
    plan = _assemble(FISCAL, marks)
    assert [m.month for m in plan.columns if m.month] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert plan.rows[0].marked_months == (10,)
    assert unmapped_headers(plan.columns) == []
    # ธ.ค. printed twice: the columns stay as printed, unmapped, and their cells are kept.
    broken = [*FISCAL[:3], "ธ.ค.", *FISCAL[4:]]
    plan = _assemble(broken, marks)
    assert all(m.month is None for m in plan.columns)
    assert "ต.ค." in unmapped_headers(plan.columns)
    assert plan.rows[0].extra == {"ต.ค.": "✓"} and plan.rows[0].marked_months == ()


def test_rows_of_years_or_quarters_between_the_period_and_its_months() -> None:
    marks = ["", "", "", "✓", "", "", "", "", "", "", "", ""]
    quarters = [(f"ไตรมาส {q + 1}", 3 * q, 3 * q + 2) for q in range(4)]
    plan = _assemble(FISCAL, marks, between=quarters, months_alone=True)
    assert [m.month for m in plan.columns][3:15] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert [m.year_printed for m in plan.columns] == [None] * 18
    assert [r.marked_months for r in plan.rows] == [(1,)]
    years = [("พ.ศ. 2566", 0, 2), ("พ.ศ. 2567", 3, 11)]
    plan = _assemble(FISCAL, marks, between=years)
    assert [m.year_printed for m in plan.columns][3:15] == ["พ.ศ. 2566"] * 3 + ["พ.ศ. 2567"] * 9


def test_words_and_numbers_in_month_cells_are_kept() -> None:
    marks = ["ดำเนินการ", "2", "-", "", "", "", "", "", "", "", "", "X"]
    row = _assemble(FISCAL, marks).rows[0]
    # A word marks its month; a number alone and a lone dash do not.
    assert row.marked_months == (10, 9)
    assert row.extra == {"ต.ค.": "ดำเนินการ", "พ.ย.": "2"}


def test_a_period_printed_in_the_month_cells_is_the_period() -> None:
    marks = ["", "", "", "ม.ค. - มี.ค. 67", "", "", "", "", "", "", "", ""]
    row = _assemble(FISCAL, marks).rows[0]
    assert row.text(Column.PERIOD) == "ม.ค. - มี.ค. 67"
    assert row.marked_months == () and row.extra == {}


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("✓", True), ("✔", True), ("/", True), ("x", True), ("X", True), ("•", True),
        ("●", True), ("*", True), ("■", True), ("←→", True), ("----->", True),
        ("<---->", True), ("ดำเนินการ", True), ("", False), ("  ", False), ("-", False),
        ("–", False), ("12", False), ("๓", False), ("50%", False), ("1,500", False),
        ("(cid:252)", True),
    ],
)  # fmt: skip
def test_text_marks(text: str, marked: bool) -> None:
    assert is_text_mark(text) is marked


# --- marks drawn in the cell ------------------------------------------------------------

SLOT = BBox(x0=300, top=200, x1=325, bottom=260)
SPAN = (300.0, 600.0)
GREY = (0.5, 0.5, 0.5)


@pytest.mark.parametrize(
    ("shape", "marked"),
    [
        (Shape(BBox(x0=300, top=200, x1=325, bottom=260), True, GREY), True),  # shaded cell
        (Shape(BBox(x0=303, top=228, x1=322, bottom=229), False), True),  # a line inside
        (Shape(BBox(x0=315, top=226, x1=400, bottom=232), False), True),  # a bar from mid-cell
        (Shape(BBox(x0=309, top=226, x1=315, bottom=232), True, GREY), True),  # a dot
        (Shape(BBox(x0=300, top=259.6, x1=325, bottom=260.4), False), False),  # its bottom rule
        (Shape(BBox(x0=300, top=199.6, x1=325, bottom=200.4), False), False),  # its top rule
        (Shape(BBox(x0=323, top=226, x1=400, bottom=232), False), False),  # the next month's
        (Shape(BBox(x0=0, top=200, x1=840, bottom=260), True, GREY), False),  # row shading
        (Shape(BBox(x0=300, top=140, x1=325, bottom=260), True, GREY), False),  # two rows' fill
    ],
)
def test_drawn_marks(shape: Shape, marked: bool) -> None:
    assert shape_marks(SLOT, [shape], SPAN, set()) is marked


def test_a_shaded_row_is_not_a_mark() -> None:
    fill = Shape(BBox(x0=300, top=200, x1=325, bottom=260), True, GREY)
    assert shape_marks(SLOT, [fill], SPAN, {GREY}) is False


def _obj(x0: float, top: float, x1: float, bottom: float, **more: Any) -> dict[str, Any]:
    return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, **more}


def test_strokes_drawn_inside_cells_are_not_rules() -> None:
    # A table with column rules at x = 100, 200, 300, rows at y = 100, 150, 200.
    columns = [_obj(x, 100, x, 200) for x in (100, 200, 300)]
    rows = [_obj(100, y, 300, y) for y in (100, 150, 200)]
    inside = _obj(110, 125, 190, 125)  # an arrow's shaft in the first cell
    across = _obj(120, 175, 280, 175)  # a bar across the rule at x = 200
    open_side = _obj(50, 150, 300, 150)  # a rule running out past the table's left side
    # A shaded cell lies on the rules: a mark, and still part of the grid (some producers
    # draw a table's grid as its cells' fills). A bar inside a cell floats: not a rule.
    shaded = _obj(200, 150, 300, 200, fill=True, non_stroking_color=(0.5,))
    bar = _obj(205, 110, 295, 140, fill=True, non_stroking_color=(0.5,))
    page = SimpleNamespace(
        objects={"line": [*columns, *rows, inside, across, open_side], "rect": [shaded, bar]}
    )
    drawings = page_drawings(page)  # type: ignore[arg-type]
    assert drawings.not_rules == {id(inside), id(across), id(bar)}
    assert sorted((m.bbox.x0, m.bbox.x1) for m in drawings.marks) == [
        (110, 190),
        (120, 280),
        (200, 300),
        (205, 295),
    ]


PUA_PLAN = SHARED / "realworld" / "pua-plan-quality-improvement-2559.pdf"


@pytest.mark.skipif(not PUA_PLAN.is_file(), reason="../shared/realworld is not present")
def test_padding_fills_inside_cells_do_not_split_a_real_table() -> None:
    """doPDF draws this real plan's grid as cell fills, with a smaller fill centred in each
    header cell behind its text. The inner fills' edges float: were they rules, the header
    would be cut into extra rows and its columns in two (ระยะเวลา printed in two cells)."""
    with pdfplumber.open(PUA_PLAN) as pdf:
        content = read_page(ActualTextPage.of(pdf.pages[3]), 4, ExtractSettings())
    grid = max(content.grids, key=lambda g: len(g.rows))
    texts = [[c.text.strip() if c else "" for c in row.cells] for row in grid.rows]
    header = [row for row in texts if any(t.startswith("ระยะเวลา") for t in row)]
    data = next(row for row in texts if row[0].startswith("1.1"))
    period = next(i for i, t in enumerate(data) if t.startswith("ธ.ค. 59"))
    assert 1 <= len(header) <= 2
    for row in header:
        assert [i for i, t in enumerate(row) if t.startswith("ระยะเวลา")] == [period]


# --- dating the marked months --------------------------------------------------------


def _months(printed: list[str], years: list[str | None] | None = None) -> list[HeaderMatch]:
    labels = years or [None] * len(printed)
    return [
        HeaderMatch(
            printed=p, column=Column.PERIOD, score=100, month=month_number(p), year_printed=y
        )
        for p, y in zip(printed, labels, strict=True)
    ]


def test_marked_months_are_dated_by_the_fiscal_year() -> None:
    calendar = month_calendar(_months(FISCAL), 2567)
    assert calendar is not None and calendar.problem is None
    text, period = marked_period(calendar, (12, 1))
    assert text == "ธ.ค. ม.ค."
    assert (period.start, period.end) == (date(2023, 12, 1), date(2024, 1, 31))


def test_the_years_printed_over_the_months_win() -> None:
    years = ["พ.ศ. 2565"] * 3 + ["พ.ศ. 2566"] * 9
    calendar = month_calendar(_months(FISCAL, years), 2567)  # another year in the memo
    assert calendar is not None
    assert marked_period(calendar, (10,))[1].start == date(2022, 10, 1)
    fiscal = month_calendar(_months(FISCAL, ["ปีงบประมาณ 2566"] * 12), None)
    assert fiscal is not None
    assert (fiscal.columns[0].year, fiscal.columns[-1].year) == (2022, 2023)


def test_years_printed_beside_the_months() -> None:
    printed = ["ต.ค. 66", "พ.ย. 66", "ธ.ค. 66", *[f"{m} 67" for m in FISCAL[3:]]]
    calendar = month_calendar(_months(printed), None)
    assert calendar is not None and calendar.problem is None
    assert marked_period(calendar, (9,))[1].end == date(2024, 9, 30)


@pytest.mark.parametrize(
    ("printed", "years", "fiscal", "problem"),
    [
        (FISCAL, None, None, "fiscal year is unknown"),  # an academic-year plan
        ([*FISCAL[3:], *FISCAL[:3]], None, 2567, "begin with month 1"),  # Jan .. Dec, no year
        (FISCAL, ["พ.ศ. 2567"] * 12, 2567, "do not follow"),  # one calendar year over Oct..Sep
    ],
)
def test_months_that_cannot_be_placed_are_not_dated(
    printed: list[str], years: list[str | None] | None, fiscal: int | None, problem: str
) -> None:
    calendar = month_calendar(_months(printed, years), fiscal)
    assert calendar is not None and calendar.problem is not None and problem in calendar.problem
    text, period = marked_period(calendar, (1,))
    assert (period.start, period.end, text) == (None, None, calendar.column(1).printed)
    assert period.problem == calendar.problem


def test_normalize_a_gantt_plan() -> None:
    def row(seq: str, marked: tuple[int, ...], period: str | None = None) -> RawRow:
        texts = {Column.SEQ: seq, Column.ACTIVITY: "การบ่งชี้ความรู้"}
        if period is not None:
            texts[Column.PERIOD] = period
        cells = {c: RawCell(text=t, provenance=Provenance(page=2)) for c, t in texts.items()}
        return RawRow(cells=cells, page=2, marked_months=marked)

    plan = RawPlan(
        header=RawPlanHeader(
            unit="เทศบาลตำบลตัวอย่าง (กองช่าง)", km_goal="x", deliverable=None, page=2
        ),
        title=None,
        columns=[
            HeaderMatch(printed="ลำดับ", column=Column.SEQ, score=100),
            *_months(FISCAL),
        ],
        rows=[row("1", (11, 12, 3)), row("2", (), "ม.ค. - มี.ค. 67"), row("3", ())],
    )
    raw = RawDocument(
        source_file="g.pdf",
        sha256="ab" * 32,
        page_count=2,
        metadata=RawMetadata(
            organization="ประกาศเทศบาลตำบลตัวอย่าง",
            fiscal_year="ปีงบประมาณ พ.ศ. 2567",
            announced_on=None,
            reference_no=None,
            signed_by=None,
        ),
        plans=[plan],
        issues=[],
    )
    doc = normalize_document(raw)
    got = [(a.period_text, a.period_start, a.period_end) for a in doc.activities]
    assert got == [
        ("พ.ย. ธ.ค. มี.ค.", date(2023, 11, 1), date(2024, 3, 31)),  # apart: first to last
        ("ม.ค. - มี.ค. 67", date(2024, 1, 1), date(2024, 3, 31)),  # printed as text
        ("", None, None),
    ]
    assert [(w.code, w.seq) for w in doc.warnings] == [("period-unparsed", 3)]
    assert not [w for w in doc.warnings if w.code == "columns-unmapped"]
