"""A document whose tables read as a plan is loaded only when something says it is a KM
plan: a KM title or the words of KM in its lines or header rows, a header only the KM
templates print, เป้าหมาย KM, or rows naming KM steps or CM elements (km_evidence.py)."""

from __future__ import annotations

import pytest

from extract import ExtractSettings, extract_document
from extract.errors import NoPlanTablesError
from extract.models import (
    Column,
    HeaderMatch,
    Provenance,
    RawCell,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.tables.km_evidence import KmEvidence, km_header, not_km_reason, says_km
from extract.vocab.codes import FailureReason

from ..conftest import SHARED

QUALITY_PLAN = SHARED / "realworld" / "pua-plan-quality-improvement-2559.pdf"
QUALITY_TITLE = "แผนพัฒนาคุณภาพ ระดับคณะ ประจำปีการศึกษา 2559"
GENERIC = ["ลำดับ", "กิจกรรม", "ระยะเวลา", "งบประมาณ", "ผู้รับผิดชอบ"]
STEPS = ["การบ่งชี้ความรู้ที่จำเป็น", "2. การสร้างและแสวงหาความรู้ (ประชุม)", "- การจัดเก็บความรู้"]
OWN_TOPICS = ["อบรมการใช้ยาอย่างสมเหตุผล", "ปรับปรุงห้องสมุด", "จัดทำแผนการจัดการความรู้ของคณะ"]


def _plan(
    activities: list[str],
    headers: list[str] = GENERIC,
    *,
    title: str | None = None,
    km_goal: str | None = None,
) -> RawPlan:
    rows = [
        RawRow(
            cells={
                Column.SEQ: RawCell(text=str(n), provenance=Provenance(page=2)),
                Column.ACTIVITY: RawCell(text=text, provenance=Provenance(page=2)),
            },
            page=2,
        )
        for n, text in enumerate(activities, start=1)
    ]
    return RawPlan(
        header=RawPlanHeader(unit=None, km_goal=km_goal, deliverable=None, page=2),
        title=title,
        columns=[HeaderMatch(printed=h, column=None, score=0.0) for h in headers],
        rows=rows,
    )


def _refusal(lines: list[str], plan: RawPlan, headers: list[str] | None = None) -> str | None:
    evidence = KmEvidence()
    for line in lines:
        evidence.line(line)
    evidence.header_cells(headers or [])
    return evidence.refusal([plan])


QUALITY_REFUSAL = (
    "not a KM action plan: no KM title and no KM step in its tables "
    "(its title: 'แผนพัฒนาคุณภาพ ระดับคณะ ประจำปีการศึกษา 2559')"
)


def test_rows_naming_km_steps_make_a_km_plan_without_any_title() -> None:
    assert _refusal(["ประจำปีงบประมาณ พ.ศ. 2567"], _plan(STEPS)) is None


def test_a_km_title_makes_a_km_plan_whose_rows_name_no_step() -> None:
    title = "แผนการจัดการความรู้ คณะพยาบาลศาสตร์ ประจำปี 2567"
    assert _refusal([title], _plan(OWN_TOPICS)) is None


def test_neither_title_nor_steps_is_refused_naming_the_title_it_prints() -> None:
    reason = _refusal(["", "1", QUALITY_TITLE, "คณะนิติศาสตร์"], _plan(OWN_TOPICS))
    assert reason == QUALITY_REFUSAL
    assert reason == FailureReason.NOT_KM_PLAN.say(
        seen=" (its title: 'แผนพัฒนาคุณภาพ ระดับคณะ ประจำปีการศึกษา 2559')"
    )
    assert FailureReason.NOT_KM_PLAN.value == "not-km-plan"


def test_the_refusal_is_one_line_with_the_title_cut() -> None:
    long_title = "แผนปฏิบัติราชการ " + "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา" * 3
    reason = _refusal([long_title], _plan(OWN_TOPICS))
    assert reason is not None and "\n" not in reason
    quoted = "แผนปฏิบัติราชการ สำนักงานเขตพื้นที่การศึกษาประถมศ…"
    assert len(quoted) == 50 and reason.endswith(f"(its title: '{quoted}')")
    # No other kind of plan named: the first line is quoted; nothing at all: nothing is.
    assert _refusal(["งบหน้า ประจำปี 2568"], _plan(OWN_TOPICS)) == (
        "not a KM action plan: no KM title and no KM step in its tables "
        "(its first line: 'งบหน้า ประจำปี 2568')"
    )
    assert not_km_reason(None, None) == FailureReason.NOT_KM_PLAN.say(seen="")


@pytest.mark.parametrize(
    "line",
    [
        "แผนการจัดการความรู้",  # a cover page
        "แผนการจดัการความรู้ ประจำปีงบประมาณ 2567",  # marks out of order
        "แผนการด าเนินงานการจัดการความรู้ ประจ าปี 2567",  # lost sara am
        "แผนก ำรจัดก ำรควำมรู้ (KM Action Plan)",  # sara aa drawn as sara am
        "แผนการจ\uf710ดการความร\uf70b\uf719 ประจําป\uf702",  # private-use glyph codes
        "แ ผ น ก า ร จั ด ก า ร ค ว า ม รู้",  # letter-spaced
        "KM Plan 2569 | โรงพยาบาลเวียงหมอก | หน้า 3",  # a running header
        "ตามที่มหาวิทยาลัยได้มอบหมายให้ทุกคณะจัดทำแผนการจัดการความรู้ ประจำปีการศึกษา "
        "2565 เพื่อเป็นกรอบในการดำเนินงาน นั้น คณะจึงขอประกาศใช้แผนดังแนบ",  # memo prose
        "Knowledge Management Action Plan FY2024",
    ],
)
def test_km_titles_and_words_count_wherever_a_line_prints_them(line: str) -> None:
    assert says_km(line)
    assert _refusal(["ประกาศ", line], _plan(OWN_TOPICS)) is None


def test_a_title_wrapped_over_two_lines_says_km() -> None:
    lines = ["แผนปฏิบัติการ", "จัดการความรู้ ประจำปีงบประมาณ พ.ศ. 2568"]
    assert not any(says_km(line) for line in lines)
    assert _refusal(lines, _plan(OWN_TOPICS)) is None


@pytest.mark.parametrize(
    "line",
    [
        QUALITY_TITLE,
        "แผนการจัดการเรียนรู้ รายวิชาคณิตศาสตร์",  # a lesson plan
        "แผนบริหารจัดการความเสี่ยง ประจำปีงบประมาณ 2567",
        "ระยะทาง 12 km",
        "ผลการดำเนินงาน ตามแผนปฏิบัติราชการ",
    ],
)
def test_other_plans_do_not_say_km(line: str) -> None:
    assert not says_km(line)


def test_words_of_km_in_body_cells_are_no_evidence() -> None:
    """A quality plan's row may be to draw up a KM plan: the document is still none."""
    plan = _plan(["7. คณะจะดำเนินการจัดทำแผนการจัดการความรู้ และนำไปสู่การปฏิบัติจริง"])
    assert _refusal([QUALITY_TITLE], plan) == QUALITY_REFUSAL


def test_one_row_name_may_be_chance_two_are_a_plan() -> None:
    """การเรียนรู้ (step 7) and การสื่อสาร (element 2) open ordinary sentences."""
    assert _refusal([], _plan(["การเรียนรู้ของนักศึกษา", "ซ่อมถนน"])) is not None
    assert _refusal([], _plan(["การสื่อสารองค์กร", "ซ่อมถนน"])) is not None
    elements = ["การสื่อสาร", "กระบวนการและเครื่องมือ (Process and Tools)", "ซ่อมถนน"]
    assert _refusal([], _plan(elements)) is None


@pytest.mark.parametrize(
    "header", ["วิธีการสู่ความสำเร็จ", "องค์ความรู้ (Tacit Knowledge)", "ประเด็นความรู้", "KM Owner"]
)
def test_a_header_only_km_templates_print_makes_a_km_plan(header: str) -> None:
    assert km_header(header)
    assert _refusal([], _plan(OWN_TOPICS, [*GENERIC, header])) is None
    assert _refusal([], _plan(OWN_TOPICS), headers=[header]) is None
    assert not km_header("ผู้รับผิดชอบ") and not km_header("งบประมาณ")


def test_a_km_goal_or_a_km_title_above_the_table_makes_a_km_plan() -> None:
    goal = "เป้าหมาย KM : การใช้ยาอย่างสมเหตุผล"
    assert _refusal([goal], _plan(OWN_TOPICS, km_goal="การใช้ยาอย่างสมเหตุผล")) is None
    assert _refusal([], _plan(OWN_TOPICS), headers=[goal]) is None
    # A bare เป้าหมาย : reads as the KM goal's label too: the label read is no evidence.
    bare = "เป้าหมาย : ลดต้นทุนการผลิต"
    assert _refusal([bare], _plan(OWN_TOPICS, km_goal="ลดต้นทุนการผลิต")) is not None
    assert _refusal([], _plan(OWN_TOPICS, title="แผนการจัดการความรู้ (KM Action Plan)")) is None
    assert _refusal([], _plan(OWN_TOPICS, title="แผนพัฒนาคุณภาพ")) is not None


@pytest.mark.skipif(not QUALITY_PLAN.is_file(), reason="../shared/realworld is not present")
def test_a_real_quality_plan_is_refused() -> None:
    """A faculty quality-improvement plan (doPDF, ../shared/realworld): its three tables fit
    the plan families' columns, but no title, header or row says KM; one body cell plans to
    draw up a KM plan. It used to load as three km_process plans with empty activities."""
    with pytest.raises(NoPlanTablesError) as refused:
        extract_document(QUALITY_PLAN, ExtractSettings(ocr="never"))
    assert str(refused.value) == FailureReason.NOT_KM_PLAN.say(
        seen=" (its title: 'แผนพัฒนาคุณภาพ ระดับคณะ')"
    )
