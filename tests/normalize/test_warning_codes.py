"""The normalize warnings that no other test triggered: each from a plan as printed,
asserted with its code, field, provenance and message."""

from __future__ import annotations

from extract.models import (
    Column,
    Provenance,
    RawCell,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.vocab.codes import WarningCode
from extract.vocab.kinds import PlanType
from normalize.document import normalize_document
from normalize.models import NormalizedDocument, Warning

METADATA = RawMetadata(
    organization="ประกาศองค์การบริหารส่วนจังหวัดตาก",
    fiscal_year="ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    announced_on="วันที่ ๑๑ ตุลาคม ๒๕๖๕",
    reference_no=None,
    signed_by=None,
)
HEADER = RawPlanHeader(
    unit="องค์การบริหารส่วนจังหวัดตาก (กองช่าง)", km_goal="งานซ่อมถนน", deliverable=None, page=5
)
CM_TITLE = "แผนการจัดการความรู้ : การบริหารการเปลี่ยนแปลง (Change Management Process)"


def _row(seq: str, **cells: str) -> RawRow:
    printed = {"seq": seq, **cells}
    return RawRow(
        cells={
            Column(name): RawCell(text=text, provenance=Provenance(page=5))
            for name, text in printed.items()
        },
        page=5,
    )


def _plan(title: str | None, families: list[PlanType], *rows: RawRow) -> RawPlan:
    return RawPlan(header=HEADER, title=title, columns=[], rows=list(rows), families=families)


def _normalized(plan: RawPlan) -> NormalizedDocument:
    raw = RawDocument(
        source_file="tak.pdf",
        sha256="cd" * 32,
        page_count=5,
        metadata=METADATA,
        plans=[plan],
        issues=[],
    )
    return normalize_document(raw)


def test_a_change_management_row_naming_no_element_warns() -> None:
    plan = _plan(
        CM_TITLE,
        [PlanType.KM_PROCESS, PlanType.CHANGE_MANAGEMENT],
        _row("1", activity="การสื่อสาร", period="ต.ค. 65"),
        _row("2", activity="จัดซื้อวัสดุสำนักงาน", period="พ.ย. 65"),
    )
    doc = _normalized(plan)
    assert [a.element for a in doc.activities] == [2, None]
    assert doc.warnings == [
        Warning(
            code="element-unresolved",
            message="no Change Management element recognised in 'จัดซื้อวัสดุสำนักงาน'",
            page=5, plan_no=1, seq=2, field="element",
        )
    ]  # fmt: skip


def test_a_budget_that_is_not_one_amount_warns_and_stays_null() -> None:
    plan = _plan(
        "รายการโครงการจัดการความรู้",
        [PlanType.PROJECT_LIST],
        _row("1", activity="อบรมช่างซ่อมถนน", period="ม.ค. 66", budget="12,500 บาท"),
        _row("2", activity="ศึกษาดูงาน", period="ก.พ. 66", budget="10,000 - 20,000 บาท"),
    )
    doc = _normalized(plan)
    assert [a.budget_baht for a in doc.activities] == [12500.0, None]
    assert doc.warnings == [
        Warning(
            code="budget-unparsed",
            message="'10,000 - 20,000 บาท' is not an amount in baht",
            page=5, plan_no=1, seq=2, field="budget_baht",
        )
    ]  # fmt: skip


def test_a_table_that_title_and_rows_cannot_place_in_one_family_warns() -> None:
    # The KM Process and Change Management tables print the same columns; with no title
    # and rows that name neither steps nor elements, the family is a default.
    plan = _plan(
        None,
        [PlanType.KM_PROCESS, PlanType.CHANGE_MANAGEMENT],
        _row("1", activity="ซ่อมถนนสายหลัก", period="ต.ค. 65"),
    )
    uncertain = [w for w in _normalized(plan).warnings if w.code == "plan-family-uncertain"]
    assert uncertain == [
        Warning(
            code="plan-family-uncertain",
            message="neither title nor row names tell km_process / change_management apart; "
            "loaded as km_process",
            page=5, plan_no=1,
        )
    ]  # fmt: skip


def test_one_family_or_a_title_leaves_no_doubt() -> None:
    for families, title in (([PlanType.KM_PROCESS], None), (list(PlanType)[:2], CM_TITLE)):
        plan = _plan(title, families, _row("1", activity="ซ่อมถนนสายหลัก", period="ต.ค. 65"))
        codes = [w.code for w in _normalized(plan).warnings]
        assert WarningCode.PLAN_FAMILY_UNCERTAIN not in codes
