"""Table layouts the bundled samples lack (tests/data/table_layouts/build.py made the PDFs):
rows cut by a page break with no rule drawn at the cut, and Word tables without rules
between body rows. Expected values come from the builder's source rows, the dates and
percentages entered by hand."""

from __future__ import annotations

import importlib.util
from datetime import date
from types import ModuleType

import pytest

from extract.models import BBox, Column, HeaderMatch
from extract.tables.stacked_rows import split_stacked
from extract.text.glyphs import Line
from extract.text.open_rules import implied_rules
from extract.text.page_content import GridCell, GridRow
from pipeline.inspect import inspect_file

from ..conftest import TEST_DATA

DATA = TEST_DATA / "table_layouts"
PERIODS = [
    (date(2023, 10, 1), date(2023, 10, 31)),
    (date(2023, 11, 1), date(2023, 12, 31)),
    (date(2024, 1, 1), date(2024, 1, 31)),
    (date(2024, 2, 1), date(2024, 3, 31)),
    (date(2024, 4, 1), date(2024, 4, 30)),
    (date(2024, 5, 1), date(2024, 6, 30)),
    (date(2024, 7, 1), date(2024, 8, 31)),
]
PERCENTS = [70.0, 75.0, 80.0, 85.0, 90.0, 95.0, 100.0]


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("table_layouts_build", DATA / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _squash(text: str | None) -> str:
    # Producers drop the space where a cell wraps (see README): compare without whitespace.
    return "".join((text or "").split())


@pytest.mark.parametrize("name", ["rows-split-chromium", "stacked-rows-lo"])
def test_every_row_of_the_layout_is_read(name: str) -> None:
    build = _builder()
    doc = inspect_file(DATA / f"{name}.pdf").doc
    assert [p.department for p in doc.plans] == ["กองช่าง"]
    assert doc.plans[0].km_goal == "การควบคุมอาคารตามพระราชบัญญัติควบคุมอาคาร"
    rows = doc.activities
    assert [a.seq for a in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [a.step for a in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [(a.period_start, a.period_end) for a in rows] == PERIODS
    assert [a.target_percent for a in rows] == PERCENTS
    for activity, printed in zip(rows, build.rows(long=True), strict=True):
        got = [
            activity.activity,
            activity.method,
            activity.period_text,
            activity.indicator,
            activity.target,
            activity.responsible,
            activity.note or "",
        ]
        assert [_squash(t) for t in got] == [_squash(t) for t in printed[1:]], activity.seq
    assert not [w for w in doc.warnings if w.code in ("rows-merged", "seq-unparsed")]


def test_rows_that_cannot_be_told_apart_are_reported() -> None:
    doc = inspect_file(DATA / "stacked-centred-lo.pdf").doc
    # ลำดับ centred in rows without rules: no row boundary is known, so no row is made up.
    assert any(w.code == "rows-merged" for w in doc.warnings)
    assert len(doc.activities) < 7


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, object]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "orientation": "v" if x0 == x1 else "h",
    }


def test_column_rules_ending_without_a_row_rule_imply_one() -> None:
    columns = [_edge(x, 100, x, 500) for x in (50, 120, 300, 420)]
    top_rule = [_edge(50, 100, 420, 100)]
    rules = implied_rules(columns + top_rule, tolerance=3.0)
    # The open foot (a row cut by the page break) is closed; the drawn top is not doubled.
    assert [(r["top"], r["x0"], r["x1"]) for r in rules] == [(500, 50, 420)]


def test_two_column_rules_imply_nothing() -> None:
    assert implied_rules([_edge(50, 100, 50, 500), _edge(90, 100, 90, 500)], 3.0) == []


def _line(text: str, top: float) -> Line:
    return Line(text=text, x0=0, x1=10, top=top, bottom=top + 20)


def _cell(x0: float, *lines: Line) -> GridCell:
    return GridCell(
        text=" ".join(ln.text for ln in lines),
        bbox=BBox(x0=x0, top=100, x1=x0 + 50, bottom=400),
        lines=tuple(lines),
    )


_COLUMNS = [
    HeaderMatch(printed=p, column=c, score=100.0)
    for p, c in [
        ("ลำดับ", Column.SEQ),
        ("กิจกรรม", Column.ACTIVITY),
        ("ระยะเวลา", Column.PERIOD),
        ("เป้าหมาย", Column.TARGET),
    ]
]


def test_stacked_rows_are_cut_at_their_numbers() -> None:
    row = GridRow(
        top=100,
        bottom=400,
        cells=[
            _cell(0, _line("1", 150), _line("2", 250)),
            _cell(
                50,
                _line("ต่อจากหน้าก่อน", 105),
                _line("การบ่งชี้", 150),
                _line("ความรู้", 175),
                _line("การสร้าง", 250),
            ),
            _cell(100, _line("ตุลาคม 2566", 150), _line("ม.ค. 2567", 250)),
            _cell(150, _line("ร้อยละ 80", 150), _line("ร้อยละ 90", 250)),
        ],
    )
    parts = split_stacked(row, _COLUMNS)
    assert [[c.text if c else None for c in p.cells] for p in parts] == [
        ["", "ต่อจากหน้าก่อน", "", ""],  # carried over from the row before
        ["1", "การบ่งชี้ความรู้", "ตุลาคม 2566", "ร้อยละ 80"],
        ["2", "การสร้าง", "ม.ค. 2567", "ร้อยละ 90"],
    ]


def test_a_centred_number_does_not_cut_its_row() -> None:
    # One ruled row whose ลำดับ is centred: the short cells sit on its first line only.
    row = GridRow(
        top=100,
        bottom=400,
        cells=[
            _cell(0, _line("3", 200)),
            _cell(50, _line("การจัดความรู้", 105), _line("ให้เป็นระบบ", 130), _line("โดยจัดทำคลัง", 200)),
            _cell(100, _line("ม.ค. 2567", 105)),
            _cell(150, _line("ร้อยละ 80", 105)),
        ],
    )
    assert split_stacked(row, _COLUMNS) == [row]


def test_rules_broken_where_a_cell_spans_two_rows_imply_nothing() -> None:
    # A two-row header drawn by a browser: every column rule is broken at the sub-header
    # line, but rules go on below it, so the table does not end there.
    upper = [_edge(x, 140, x, 166) for x in (50, 120, 300, 420)]
    lower = [_edge(x, 166, x, 212) for x in (50, 120, 300, 420)]
    rules = [_edge(50, 140, 420, 140), _edge(50, 212, 420, 212)]
    assert implied_rules(upper + lower + rules, tolerance=3.0) == []


def test_cells_merged_down_belong_to_every_row_they_span() -> None:
    build = _builder()
    doc = inspect_file(DATA / "merged-cells-chromium.pdf").doc
    rows = doc.activities
    assert [a.seq for a in rows] == [1, 2, 3, 4, 5, 6, 7]
    # ผู้รับผิดชอบ printed once beside all seven rows.
    assert [a.responsible for a in rows] == ["กองช่าง"] * 7
    # One ระยะเวลา cell for rows 6 and 7.
    assert build.MERGED_PERIOD == "พ.ค. - ส.ค. 2567"
    assert [a.period_text for a in rows[5:]] == ["พ.ค. - ส.ค. 2567"] * 2
    assert [(a.period_start, a.period_end) for a in rows] == PERIODS[:5] + [
        (date(2024, 5, 1), date(2024, 8, 31))
    ] * 2
    # The two-row header: การวัดผล over ตัวชี้วัด | เป้าหมาย.
    assert [a.indicator for a in rows] == [f"ร้อยละของบุคลากรที่เข้าร่วมกิจกรรมที่ {i}" for i in range(1, 8)]
    assert [a.target_percent for a in rows] == PERCENTS
    assert doc.warnings == []


def _text_line(text: str, top: float) -> Line:
    return Line(text=text, x0=50, x1=500, top=top, bottom=top + 15)


def _grid_row(texts: list[str], top: float) -> GridRow:
    cells = [
        GridCell(text=t, bbox=BBox(x0=50 + 60 * i, top=top, x1=110 + 60 * i, bottom=top + 20))
        for i, t in enumerate(texts)
    ]
    return GridRow(top=top, bottom=top + 20, cells=cells)


def test_a_plan_whose_table_was_not_found_is_reported() -> None:
    from extract.settings import ExtractSettings
    from extract.tables.plans import PlanAssembler
    from extract.text.page_content import Grid, PageContent

    title = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
    lines = [
        _text_line(title, 40),
        _text_line("ชื่อหน่วยงาน : เทศบาลตำบลแม่สอด (กองคลัง)", 60),
        _text_line("เป้าหมาย KM : การจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", 80),
        # The กองคลัง table, printed without rules, reads as plain lines.
        _text_line("ลำดับ กิจกรรม วิธีการสู่ความสำเร็จ ระยะเวลา ตัวชี้วัด เป้าหมาย", 100),
        _text_line("1 การบ่งชี้ความรู้ ประชุม ตุลาคม 2566 ร้อยละ 80 ร้อยละ 80", 120),
        _text_line(title, 300),
        _text_line("ชื่อหน่วยงาน : เทศบาลตำบลแม่สอด (กองช่าง)", 320),
        _text_line("เป้าหมาย KM : การควบคุมอาคาร", 340),
    ]
    header = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย"]
    row = ["1", "การบ่งชี้ความรู้", "ประชุม", "ตุลาคม 2566", "ร้อยละ 80", "ร้อยละ 80"]
    grid = Grid(
        bbox=BBox(x0=50, top=360, x1=410, bottom=400),
        rows=[_grid_row(header, 360), _grid_row(row, 380)],
    )
    page = PageContent(number=3, width=842, height=595, lines=lines, grids=[grid], glyph_count=1)
    assembler = PlanAssembler(ExtractSettings())
    assembler.feed(page)
    plans = assembler.finish()
    assert [p.header.unit for p in plans] == ["เทศบาลตำบลแม่สอด (กองช่าง)"]
    missing = [i for i in assembler.issues if i.code == "plan-table-missing"]
    assert len(missing) == 1 and "กองคลัง" in missing[0].message and missing[0].page == 3


def test_a_merged_cell_keeps_its_text_past_a_page_break() -> None:
    # LibreOffice prints the merged ผู้รับผิดชอบ once; on later pages its part is empty.
    doc = inspect_file(DATA / "merged-across-pages-lo.pdf").doc
    rows = doc.activities
    assert [a.seq for a in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert len({a.page for a in rows}) > 1
    assert [a.responsible for a in rows] == ["กองช่าง"] * 7
    assert [(a.period_start, a.period_end) for a in rows] == PERIODS
    assert [a.note or "" for a in rows] == ["", "", "", "ใช้งบประมาณปกติ", "", "", ""]
    # A row's one-line tail on the next page (จำเป็นขั้นที่ 7 ...) is text, not a header line.
    methods = [printed[2] for printed in _builder().rows(long=True)]
    assert [_squash(a.method) for a in rows] == [_squash(m) for m in methods]
