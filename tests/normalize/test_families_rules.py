"""Plan families: the family files, header mapping across families, two-row headers,
footnotes, unmapped columns, the family decision, project-list fields and sideways pages.
Page content is built by hand here; the rendered samples are in test_families_golden.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extract.models import (
    BBox,
    Column,
    Provenance,
    RawCell,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.settings import ExtractSettings
from extract.tables.headers import family_candidates, header_mapping
from extract.tables.plans import PlanAssembler
from extract.text.glyphs import Line
from extract.text.orientation import sideways_turn
from extract.text.page_content import Grid, GridCell, GridRow, PageContent
from extract.vocab.families import all_columns, families
from normalize.budget import parse_budget, split_period_budget
from normalize.document import normalize_document
from normalize.families import decide_family
from normalize.plan_header import (
    approval_date,
    organization_line,
    plan_year,
    title_organization,
)

from ..conftest import BORN_DIGITAL

KM_HEADER = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย",
             "ผู้รับผิดชอบ", "หมายเหตุ"]  # fmt: skip
PROJECT_HEADER = ["ลำดับ", "ชื่อโครงการ/กิจกรรม", "กลุ่มเป้าหมาย", "ระยะเวลา", "งบประมาณ",
                  "การบูรณาการกับการทำงาน", "องค์ความรู้", None, "หน่วยงาน"]  # fmt: skip
ELEMENTS = ["การเตรียมการและปรับเปลี่ยนพฤติกรรม", "การสื่อสาร - ประชาสัมพันธ์แผน KM",
            "กระบวนการและเครื่องมือ", "การเรียนรู้", "การวัดผล", "การยกย่องชมเชยและให้รางวัล"]  # fmt: skip
STEPS = ["การบ่งชี้ความรู้", "การสร้างและแสวงหาความรู้", "การจัดความรู้ให้เป็นระบบ",
         "การประมวลและกลั่นกรองความรู้", "การเข้าถึงความรู้", "การแบ่งปันแลกเปลี่ยนความรู้",
         "การเรียนรู้"]  # fmt: skip


def _row(texts: list[str | None], top: float) -> GridRow:
    cells = [
        None if t is None else GridCell(text=t, bbox=BBox(x0=i * 50, top=top, x1=i * 50 + 50,
                                                          bottom=top + 20))
        for i, t in enumerate(texts)
    ]  # fmt: skip
    return GridRow(top=top, bottom=top + 20, cells=cells)


def _line(text: str, top: float) -> Line:
    return Line(text=text, x0=0, x1=400, top=top, bottom=top + 14)


def _page(number: int, lines: list[Line], rows: list[GridRow]) -> PageContent:
    grid = Grid(bbox=BBox(x0=0, top=rows[0].top, x1=450, bottom=rows[-1].bottom), rows=rows)
    return PageContent(number=number, width=842, height=595, lines=lines, grids=[grid],
                       glyph_count=100)  # fmt: skip


# --- the family files -------------------------------------------------------------------


def test_every_family_file_is_complete_and_names_only_known_columns() -> None:
    names = [f.plan_type for f in families()]
    assert names[:3] == ["km_process", "change_management", "project_list"]
    known = {c.value for c in Column}
    for fam in families():
        assert set(fam.columns) <= known, fam.plan_type
        assert fam.signature_columns <= set(fam.columns), fam.plan_type
        assert (fam.row_vocabulary is None) == (fam.row_field is None)
    # A printed form names one column only, whichever family prints it.
    owners: dict[str, set[str]] = {}
    for key, forms in all_columns().items():
        for form in forms:
            owners.setdefault(form, set()).add(key)
    assert {form: keys for form, keys in owners.items() if len(keys) > 1} == {}


# --- headers ----------------------------------------------------------------------------


def test_km_header_fits_km_process_and_change_management_alike() -> None:
    mapping = header_mapping(_row(list(KM_HEADER), 0), cutoff=55, min_columns=5)
    assert mapping is not None
    assert family_candidates(mapping) == ["km_process", "change_management"]


def test_two_row_project_header_is_refined_by_its_second_row() -> None:
    assembler = PlanAssembler(ExtractSettings())
    lines = [
        _line("แผนการจัดการความรู้ (KM Action Plan) ปีงบประมาณ พ.ศ. 2566", 10),
        _line("คณะวิทยาศาสตร์ มหาวิทยาลัยราชภัฏตัวอย่าง", 30),
        _line("ผ่านมติที่ประชุมคณะกรรมการประจำคณะ ครั้งที่ 2/2566 เมื่อวันที่ 15 กุมภาพันธ์ 2566", 50),
        _line("หมายเหตุ : Tacit Knowledge หมายถึง ความรู้ในตัวคน", 400),
    ]
    rows = [
        _row(PROJECT_HEADER, 80),
        _row(["", "", "", "", "", "", "Tacit Knowledge", "Explicit Knowledge", ""], 100),
        _row(
            [
                "1",
                "โครงการ ก",
                "บุคลากร",
                "ม.ค.-ก.พ. 2566",
                "12,500",
                "งานสอน",
                "ทักษะ",
                "คู่มือ",
                "งานบริการ",
            ],
            120,
        ),  # fmt: skip
        _row(["", "2. ต่อ", "", "", "", "", "", "", ""], 160),
        _row(
            ["หมายเหตุ : งบประมาณจากเงินรายได้", None, None, None, None, None, None, None, None], 180
        ),  # fmt: skip
    ]
    assembler.feed(_page(1, lines, rows))
    [plan] = assembler.finish()
    assert plan.families == ["project_list"]
    assert [m.column for m in plan.columns] == [
        Column.SEQ, Column.ACTIVITY, Column.TARGET_GROUP, Column.PERIOD, Column.BUDGET, None,
        Column.TACIT, Column.EXPLICIT, Column.RESPONSIBLE,
    ]  # fmt: skip
    assert plan.header.lines == [
        "คณะวิทยาศาสตร์ มหาวิทยาลัยราชภัฏตัวอย่าง",
        "ผ่านมติที่ประชุมคณะกรรมการประจำคณะ ครั้งที่ 2/2566 เมื่อวันที่ 15 กุมภาพันธ์ 2566",
    ]
    [row] = plan.rows  # the footnote row is not a row, nor part of one
    assert row.text(Column.ACTIVITY) == "โครงการ ก 2. ต่อ"
    assert row.text(Column.TACIT) == "ทักษะ"
    assert row.extra == {"การบูรณาการกับการทำงาน": "งานสอน"}
    assert assembler.issues == []


def test_unknown_columns_are_kept_and_warned_and_the_closest_family_is_used() -> None:
    header = ["ลำดับ", "กิจกรรม", "ระยะเวลา", "งบประมาณ", "ผลที่คาดว่าจะได้รับ", "ผู้รับผิดชอบ"]
    assembler = PlanAssembler(ExtractSettings())
    lines = [_line("ชื่อหน่วยงาน : เทศบาลตำบลตัวอย่าง (กองช่าง)", 10)]
    rows = [_row(header, 40), _row(["1", "อบรมช่าง", "ม.ค. 2566", "5,000", "คู่มือซ่อม", "กองช่าง"], 60)]
    assembler.feed(_page(1, lines, rows))
    [plan] = assembler.finish()
    assert plan.families == ["project_list"]
    doc = normalize_document(_raw_document([plan], fiscal="ปีงบประมาณ พ.ศ. 2566"))
    [activity] = doc.activities
    assert (doc.plans[0].plan_type, doc.plans[0].department) == ("project_list", "กองช่าง")
    assert activity.extra_columns == {"ผลที่คาดว่าจะได้รับ": "คู่มือซ่อม"}
    assert activity.budget_baht == 5000.0
    assert (activity.period_start, activity.period_end) == (date(2023, 1, 1), date(2023, 1, 31))
    [warning] = [w for w in doc.warnings if w.code == "columns-unmapped"]
    assert "ผลที่คาดว่าจะได้รับ" in warning.message and warning.plan_no == 1


# --- the family decision ----------------------------------------------------------------

BOTH = ["km_process", "change_management"]


@pytest.mark.parametrize(
    ("candidates", "title", "rows", "expected"),
    [
        (BOTH, "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการบริหารจัดการการเปลี่ยนแปลง "
               "(Change Management Process)", STEPS, ("change_management", "title")),
        (BOTH, "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)",
         ELEMENTS, ("km_process", "title")),
        (BOTH, None, ELEMENTS, ("change_management", "row names")),
        (BOTH, None, STEPS, ("km_process", "row names")),
        (BOTH, "แผนการจัดการความรู้", ["การเรียนรู้"], ("km_process", "default")),
        (["project_list"], None, STEPS, ("project_list", "columns")),
    ],
)  # fmt: skip
def test_family_decision(
    candidates: list[str], title: str | None, rows: list[str], expected: tuple[str, str]
) -> None:
    decision = decide_family(candidates, title, rows)
    assert (decision.plan_type, decision.basis) == expected


def test_change_management_rows_get_elements_and_no_step() -> None:
    rows = [_raw_row(i, name) for i, name in enumerate(ELEMENTS, start=1)]
    plan = RawPlan(
        header=RawPlanHeader(unit="อบจ.ตาก (กองคลัง)", km_goal="g", deliverable=None, page=3),
        title=None, columns=[], rows=rows, families=BOTH,
    )  # fmt: skip
    doc = normalize_document(_raw_document([plan], fiscal="ปีงบประมาณ พ.ศ. 2566"))
    assert doc.plans[0].plan_type == "change_management"
    assert [(a.step, a.element) for a in doc.activities] == [(None, e) for e in range(1, 7)]
    assert not [w for w in doc.warnings if w.code.endswith("-unresolved")]


# --- project lists ----------------------------------------------------------------------


def test_academic_project_list_document() -> None:
    plan = RawPlan(
        header=RawPlanHeader(
            unit=None, km_goal=None, deliverable=None, page=1,
            lines=["วิทยาลัยพยาบาลตัวอย่าง สถาบันตัวอย่าง",
                   "ผ่านความเห็นชอบจากที่ประชุมคณะกรรมการ ครั้งที่ ๓/๒๕๖๕ เมื่อวันที่ ๒๐ พฤษภาคม ๒๕๖๕"],
        ),
        title="แผนการจัดการความรู้ (KM Action Plan) ปีการศึกษา ๒๕๖๕",
        columns=[], families=["project_list"],
        rows=[
            _raw_row(1, "ประชุมแลกเปลี่ยนเรียนรู้", period_budget="มิ.ย. - ส.ค. ๒๕๖๕ ๘,๕๐๐ บาท",
                     target_group="อาจารย์", tacit="เทคนิคการสอน", explicit="คู่มือ",
                     responsible="งานวิชาการ"),
            _raw_row(2, "อบรม", period_budget="ตลอดปีการศึกษา -", target_group="บุคลากร"),
        ],
    )  # fmt: skip
    doc = normalize_document(_raw_document([plan], fiscal=None, organization=None))
    meta = doc.meta
    assert (meta.organization, meta.fiscal_year, meta.year_basis) == (
        "วิทยาลัยพยาบาลตัวอย่าง สถาบันตัวอย่าง",
        2565,
        "academic",
    )
    assert meta.announced_on == date(2022, 5, 20)
    assert doc.plans[0].department == "วิทยาลัยพยาบาลตัวอย่าง สถาบันตัวอย่าง"
    first, second = doc.activities
    assert (first.period_text, first.period_start, first.period_end, first.budget_baht) == (
        "มิ.ย. - ส.ค. 2565",
        date(2022, 6, 1),
        date(2022, 8, 31),
        8500.0,
    )
    assert (first.target_group, first.tacit_knowledge, first.explicit_knowledge) == (
        "อาจารย์",
        "เทคนิคการสอน",
        "คู่มือ",
    )
    assert (first.step, first.element, first.method, first.indicator) == (None, None, "", "")
    # Not dated by guesswork: an academic year's whole year has no fixed calendar.
    assert (second.period_text, second.period_start, second.budget_baht) == (
        "ตลอดปีการศึกษา",
        None,
        None,
    )
    assert [w.code for w in doc.warnings if w.seq == 2] == ["period-unparsed"]


@pytest.mark.parametrize(
    ("printed", "baht", "problem"),
    [("12,500", 12500.0, False), ("๑๒,๕๐๐ บาท", 12500.0, False), ("-", None, False),
     ("45,000.-", 45000.0, False), ("1.5 ล้านบาท", 1_500_000.0, False),
     ("ไม่ใช้งบประมาณ", None, False), ("10,000 (2 ครั้ง)", None, True), ("", None, False)],
)  # fmt: skip
def test_budget(printed: str, baht: float | None, problem: bool) -> None:
    result = parse_budget(printed)
    assert (result.baht, result.problem is not None) == (baht, problem)


@pytest.mark.parametrize(
    ("printed", "parts"),
    [("มิ.ย. - ส.ค. ๒๕๖๕ ๘,๕๐๐ บาท", ("มิ.ย. - ส.ค. 2565", "8,500 บาท")),
     ("ม.ค.-ก.พ. 2566 -", ("ม.ค.-ก.พ. 2566", "-")),
     ("ม.ค.-ก.พ. 2566", ("ม.ค.-ก.พ. 2566", "")),
     ("ต.ค. 2565 - ก.ย. 2566 งบประมาณ 12,000 บาท",
      ("ต.ค. 2565 - ก.ย. 2566", "งบประมาณ 12,000 บาท")),
     ("มีนาคม 2566 / 20,000", ("มีนาคม 2566", "20,000")),
     ("1 ต.ค.65 – 30 ก.ย.66", ("1 ต.ค.65 – 30 ก.ย.66", ""))],
)  # fmt: skip
def test_period_budget_cell_split(printed: str, parts: tuple[str, str]) -> None:
    assert split_period_budget(printed) == parts


@pytest.mark.parametrize(
    ("title", "organization"),
    [("แผนการจัดการความรู้ คณะพยาบาลศาสตร์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", "คณะพยาบาลศาสตร์"),
     ("แผนการจัดการความรู้ (KM Action Plan) ปีงบประมาณ พ.ศ. 2566", None),
     ("แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)", None),
     ("แผนการจัดการความรู้ : กระบวนการบริหารจัดการการเปลี่ยนแปลง (Change Management Process)",
      None)],
)  # fmt: skip
def test_organization_named_in_a_title(title: str, organization: str | None) -> None:
    assert title_organization(title) == organization


def test_title_block_lines() -> None:
    assert plan_year(["แผน KM ปีการศึกษา พ.ศ. ๒๕๖๕"]) is not None
    assert plan_year(["ปีงบประมาณ 2566"]).basis == "fiscal"  # type: ignore[union-attr]
    assert organization_line(["- 1 -", "ปีงบประมาณ พ.ศ. 2566", "คณะครุศาสตร์ มหาวิทยาลัยหนึ่ง"]) == (
        "คณะครุศาสตร์ มหาวิทยาลัยหนึ่ง"
    )
    assert approval_date("ผ่านมติที่ประชุม ครั้งที่ 2/2566 เมื่อวันที่ 15 ก.พ. 2566") == "15 ก.พ. 2566"


# --- sideways pages ---------------------------------------------------------------------


def _char(matrix: tuple[float, ...]) -> dict[str, object]:
    return {"text": "ก", "matrix": matrix}


@pytest.mark.parametrize(
    ("matrix", "turn"),
    [((1, 0, 0, 1, 0, 0), 0), ((0, 1, -1, 0, 0, 0), 90), ((0, -1, 1, 0, 0, 0), 270),
     ((-1, 0, 0, -1, 0, 0), 0)],
)  # fmt: skip
def test_sideways_turn(matrix: tuple[float, ...], turn: int) -> None:
    assert sideways_turn([_char(matrix)] * 30) == turn
    assert sideways_turn([_char(matrix)] * 5) == 0  # too little text to tell


SAMPLE = BORN_DIGITAL


@pytest.mark.parametrize("degrees", [90, 270])
def test_sideways_text_layer_reads_like_the_upright_page(tmp_path: Path, degrees: int) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    from extract.document import extract_document

    pages = range(6, 10)  # plan 1's table pages (landscape)
    upright, sideways = tmp_path / "upright.pdf", tmp_path / "sideways.pdf"
    with pikepdf.open(SAMPLE) as src:
        for target, turn in ((upright, False), (sideways, True)):
            out = pikepdf.new()
            for i in pages:
                out.pages.append(src.pages[i])
            if turn:
                for page in out.pages:
                    _draw_sideways(pikepdf, out, page, degrees)
            out.save(target)
    expected = extract_document(upright)
    got = extract_document(sideways)
    assert len(expected.plans[0].rows) == 7
    assert [[_without_bboxes(r) for r in p.rows] for p in got.plans] == [
        [_without_bboxes(r) for r in p.rows] for p in expected.plans
    ]
    assert {(i.code, i.page) for i in got.issues if i.code == "page-rotated"} == {
        ("page-rotated", n) for n in range(1, 5)
    }


def _draw_sideways(pikepdf: object, pdf: object, page: object, degrees: int) -> None:
    x0, y0, x1, y1 = (float(v) for v in page.mediabox)  # type: ignore[attr-defined]
    w, h = x1 - x0, y1 - y0
    # Turned counter-clockwise (text runs up the page) or clockwise (down the page).
    cm = f"0 1 -1 0 {h} 0 cm" if degrees == 90 else f"0 -1 1 0 0 {w} cm"
    page.contents_add(pikepdf.Stream(pdf, f"q {cm}".encode()), prepend=True)  # type: ignore[attr-defined]
    page.contents_add(pikepdf.Stream(pdf, b"Q"))  # type: ignore[attr-defined]
    page.mediabox = [0, 0, h, w]  # type: ignore[attr-defined]


def _without_bboxes(row: RawRow) -> tuple[object, ...]:
    return (row.page, {c: cell.text for c, cell in row.cells.items()}, row.extra)


# --- helpers ----------------------------------------------------------------------------


def _raw_row(seq: int, activity: str, **cells: str) -> RawRow:
    texts = {"seq": str(seq), "activity": activity, **cells}
    return RawRow(
        cells={
            Column(name): RawCell(text=text, provenance=Provenance(page=1))
            for name, text in texts.items()
        },
        page=1,
    )


def _raw_document(
    plans: list[RawPlan], fiscal: str | None, organization: str | None = "อบจ.ตัวอย่าง"
) -> RawDocument:
    return RawDocument(
        source_file="x.pdf", sha256="cd" * 32, page_count=1,
        metadata=RawMetadata(organization=organization, fiscal_year=fiscal, announced_on=None,
                             reference_no=None, signed_by=None),
        plans=plans, issues=[],
    )  # fmt: skip


def test_a_column_first_filled_by_a_rows_continuation_keeps_its_page() -> None:
    assembler = PlanAssembler(ExtractSettings())
    first = _page(
        1,
        [_line("ชื่อหน่วยงาน : อบต.ตัวอย่าง (สำนักปลัด)", 10)],
        [
            _row(KM_HEADER, 40),
            _row(["1", "การบ่งชี้ความรู้", "ประชุม", "ม.ค. 2566", None, "ร้อยละ 80", "สำนักปลัด", ""], 60),
        ],
    )
    second = _page(2, [], [_row(["", "", "", "", "จำนวนองค์ความรู้", "", "", ""], 40)])
    assembler.feed(first)
    assembler.feed(second)  # fmt: skip
    [plan] = assembler.finish()
    [row] = plan.rows
    assert row.cells[Column.INDICATOR].text == "จำนวนองค์ความรู้"
    assert row.cells[Column.INDICATOR].provenance.page == 2
    assert row.page == 1


def test_a_table_without_a_seq_column_gives_one_row_per_table_row() -> None:
    header = ["ชื่อโครงการ/กิจกรรม", "กลุ่มเป้าหมาย", "ระยะเวลา", "งบประมาณ", "หน่วยงาน"]
    assembler = PlanAssembler(ExtractSettings())
    lines = [_line("แผนการจัดการความรู้ (KM Action Plan) ปีงบประมาณ พ.ศ. 2566", 10)]
    rows = [_row(header, 40), _row(["โครงการ ก", "อาจารย์", "ม.ค. 2566", "1,000", "คณะ"], 60),
            _row(["โครงการ ข", "นักศึกษา", "ก.พ. 2566", "-", "คณะ"], 80)]  # fmt: skip
    assembler.feed(_page(1, lines, rows))
    [plan] = assembler.finish()
    assert [r.text(Column.ACTIVITY) for r in plan.rows] == ["โครงการ ก", "โครงการ ข"]


CM_TITLE_LINE = (
    "แผนการจัดการความรู้ (KM Action Plan) : "
    "กระบวนการบริหารจัดการการเปลี่ยนแปลง (Change Management Process)"
)
KM_TITLE_LINE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"


@pytest.mark.parametrize(
    "title", [CM_TITLE_LINE, KM_TITLE_LINE, "แผนการจัดการองค์ความรู้ (KM Action Plan) : ปี 2567"]
)
def test_a_title_with_a_colon_is_not_a_labelled_value(title: str) -> None:
    from extract.tables.labels import is_plan_title, split_labels

    assert split_labels(title) == []
    assert is_plan_title(title)


def test_titles_decide_the_change_sample_families() -> None:
    """The Change Management sample titles every table but one (plan 6, whose family its
    row names tell): the titles are kept and decide the family."""
    from extract.document import extract_document

    from ..conftest import SAMPLES

    doc = normalize_document(extract_document(SAMPLES / "tak-pao-km-plan-2566-change.pdf"))
    seen = {(p.plan_type, p.family_basis, p.title) for p in doc.plans}
    assert seen == {
        ("km_process", "title", KM_TITLE_LINE),
        ("change_management", "title", CM_TITLE_LINE),
        ("change_management", "row names", None),
    }
