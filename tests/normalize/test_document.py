"""normalize_document on a small hand-built RawDocument: every field and warning exact."""

from __future__ import annotations

import re
from datetime import date

import pytest

from extract.models import (
    Column,
    ExtractIssue,
    Provenance,
    RawCell,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from normalize.document import normalize_document
from normalize.models import Activity, DocumentMeta, Plan, Warning

from ..conftest import SHARED

KM_TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
CM_TITLE = "แผนการจัดการความรู้ : การบริหารการเปลี่ยนแปลง (Change Management Process)"


def _row(page: int, **cells: str) -> RawRow:
    return RawRow(
        cells={
            Column(name): RawCell(text=text, provenance=Provenance(page=page))
            for name, text in cells.items()
        },
        page=page,
    )


def _document(
    metadata: RawMetadata, plans: list[RawPlan], issues: list[ExtractIssue]
) -> RawDocument:
    return RawDocument(
        source_file="tak.pdf",
        sha256="ab" * 32,
        page_count=40,
        metadata=metadata,
        plans=plans,
        issues=issues,
    )


TAK_METADATA = RawMetadata(
    organization="ประกาศองค์การบริหารส่วนจังหวัดตาก",
    fiscal_year="ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    announced_on="วันที่ ๑๑ ตุลาคม ๒๕๖๖",
    reference_no="ที่ ตก ๕๑๐๐๘ ๙๗๒๖",
    signed_by="(นายณัฐวุฒิ ทวีเกื้อกูลกิจ)",
)

FINANCE = RawPlan(
    header=RawPlanHeader(
        unit="องค์การบริหารส่วนจังหวัดตาก (กองคลัง)",
        km_goal="การจัดซื้อจัดจ้างด้วยวิธีประกวดราคาอิเล็กทรอนิกส์  (e-bidding)",
        deliverable="คู่มือการกำหนดแนวทางจัดซื้อจัดจ้าง\nได้สำเร็จ",
        page=33,
    ),
    title=KM_TITLE,
    columns=[],
    rows=[
        _row(
            33,
            seq="๑",
            activity="การบงชี้ความรู้ -รวบรวมรายการ",
            method="เสริมสร้างความรู้ด้วยกิจกรรม\nหาข้อมูล",
            period="1 ต.ค.65 – 30 ก.ย.66",
            indicator="จำนวนการค้นหา",
            target="ผู้เข้าร่วมประชุมมากกว่าร้อยละ ๗๐",
            responsible="ฝ่ายพัสดุและทรัพย์สิน กองคลัง",
            note="",
        ),
        _row(
            33,
            seq="2",
            activity="การจัดตั้งความรู้ให้เป็นระบบ",
            method="ได้จัดไฟล์",
            period="กันยายน 2565",
            indicator="จำนวนไฟล์",
            target="แล้วเสร็จ 100 %",
            responsible="กองคลัง",
            note="ส่งภายหลัง",
        ),
        _row(34, seq="ก", activity="ประชุมระดมความคิดเห็น", period="ไตรมาส ๕", target="-"),
    ],
)

UNNAMED_CM = RawPlan(
    header=RawPlanHeader(unit=None, km_goal=None, deliverable="  ", page=36),
    title=CM_TITLE,
    columns=[],
    rows=[_row(36, seq="1", activity="การสื่อสาร", period="ต.ค. - ธ.ค.", target="ร้อยละ 92.5")],
)


def test_normalize_document_fields_and_warnings() -> None:
    issue = ExtractIssue(code="plan-header-missing", message="a table with no header", page=34)
    doc = normalize_document(_document(TAK_METADATA, [FINANCE, UNNAMED_CM], [issue]))

    assert doc.meta == DocumentMeta(
        document_id="ab" * 32,
        source_file="tak.pdf",
        page_count=40,
        organization="องค์การบริหารส่วนจังหวัดตาก",
        fiscal_year=2566,
        announced_on=date(2023, 10, 11),
        reference_no="ตก 51008 9726",
        signed_by="นายณัฐวุฒิ ทวีเกื้อกูลกิจ",
    )
    assert doc.plans == [
        Plan(
            plan_no=1,
            department="กองคลัง",
            km_goal="การจัดซื้อจัดจ้างด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            deliverable="คู่มือการกำหนดแนวทางจัดซื้อจัดจ้าง ได้สำเร็จ",
            page=33,
            plan_type="km_process",
            family_basis="title",
            title=KM_TITLE,
        ),
        Plan(
            plan_no=2, department="องค์การบริหารส่วนจังหวัดตาก", km_goal="", deliverable=None,
            page=36,
            plan_type="change_management", family_basis="title", title=CM_TITLE,
        ),
    ]  # fmt: skip
    assert doc.activities == [
        Activity(
            plan_no=1,
            row_no=1,
            seq=1,
            step=1,
            activity="การบงชี้ความรู้ -รวบรวมรายการ",
            method="เสริมสร้างความรู้ด้วยกิจกรรม หาข้อมูล",
            period_text="1 ต.ค.65 – 30 ก.ย.66",
            period_start=date(2022, 10, 1),
            period_end=date(2023, 9, 30),
            indicator="จำนวนการค้นหา",
            target="ผู้เข้าร่วมประชุมมากกว่าร้อยละ 70",
            target_percent=70.0,
            target_comparator="gt",
            responsible="ฝ่ายพัสดุและทรัพย์สิน กองคลัง",
            note=None,
            page=33,
        ),
        Activity(
            plan_no=1,
            row_no=2,
            seq=2,
            step=3,
            activity="การจัดตั้งความรู้ให้เป็นระบบ",
            method="ได้จัดไฟล์",
            period_text="กันยายน 2565",
            period_start=date(2022, 9, 1),
            period_end=date(2022, 9, 30),
            indicator="จำนวนไฟล์",
            target="แล้วเสร็จ 100 %",
            target_percent=100.0,
            responsible="กองคลัง",
            note="ส่งภายหลัง",
            page=33,
        ),
        Activity(
            plan_no=1,
            row_no=3,
            seq=3,
            step=None,
            activity="ประชุมระดมความคิดเห็น",
            method="",
            period_text="ไตรมาส 5",
            period_start=None,
            period_end=None,
            indicator="",
            target="-",
            target_percent=None,
            responsible="",
            note=None,
            page=34,
        ),
        Activity(
            plan_no=2,
            row_no=1,
            seq=1,
            step=None,  # a Change Management element, not a KM step
            element=2,
            activity="การสื่อสาร",
            method="",
            period_text="ต.ค. - ธ.ค.",
            period_start=date(2022, 10, 1),  # no year printed: from the fiscal year
            period_end=date(2022, 12, 31),
            indicator="",
            target="ร้อยละ 92.5",
            target_percent=92.5,
            responsible="",
            note=None,
            page=36,
        ),
    ]
    assert doc.warnings == [
        Warning(code="plan-header-missing", message="a table with no header", page=34),
        Warning(
            code="period-outside-fiscal-year",
            message="'กันยายน 2565' falls outside fiscal year 2566",
            page=33, plan_no=1, seq=2, field="period",
        ),
        Warning(
            code="seq-unparsed",
            message="ลำดับ 'ก' is not a number; row position 3 used",
            page=34, plan_no=1, seq=None, field="seq",
        ),
        Warning(
            code="step-unresolved",
            message="no KM step recognised in 'ประชุมระดมความคิดเห็น'",
            page=34, plan_no=1, seq=3, field="step",
        ),
        Warning(
            code="period-unparsed",
            message="'ไตรมาส 5': unknown month 'ไตรมาส'",
            page=34, plan_no=1, seq=3, field="period",
        ),
        Warning(
            code="department-missing",
            message="plan header names no unit (ชื่อหน่วยงาน); the plan is filed under the "
            "organization",
            page=36, plan_no=2, field="department",
        ),
    ]  # fmt: skip


def test_missing_metadata_gives_none_and_warnings() -> None:
    empty = RawMetadata(
        organization=None, fiscal_year="ประจำปีงบประมาณ", announced_on="๑๑ ตุลา",
        reference_no=None, signed_by=None,
    )  # fmt: skip
    plan = RawPlan(
        header=RawPlanHeader(unit="กองคลัง", km_goal="ก", deliverable=None, page=2),
        title=None,
        columns=[],
        rows=[_row(2, seq="1", activity="การเรียนรู้", period="ต.ค. - ธ.ค.")],
    )
    doc = normalize_document(_document(empty, [plan], []))

    assert (doc.meta.organization, doc.meta.fiscal_year, doc.meta.announced_on) == (
        None,
        None,
        None,
    )
    assert [a.step for a in doc.activities] == [7]
    assert (doc.activities[0].period_start, doc.activities[0].period_end) == (None, None)
    assert doc.warnings == [
        Warning(
            code="organization-missing", message="organization not found", field="organization"
        ),
        Warning(
            code="fiscal-year-missing",
            message="fiscal_year not readable from 'ประจำปีงบประมาณ'",
            field="fiscal_year",
        ),
        Warning(
            code="announced-on-unparsed",
            message="announced_on not readable from '11 ตุลา'",
            field="announced_on",
        ),
        Warning(
            code="period-unparsed",
            message="'ต.ค. - ธ.ค.': no year printed and the fiscal year is unknown",
            page=2, plan_no=1, seq=1, field="period",
        ),
    ]  # fmt: skip


def test_no_plans_gives_no_rows() -> None:
    doc = normalize_document(_document(TAK_METADATA, [], []))
    assert (doc.plans, doc.activities, doc.warnings) == ([], [], [])


SEED = SHARED / "seed" / "tak-pao-km-plan-2566.txt"
_COLUMNS = [Column.SEQ, Column.ACTIVITY, Column.METHOD, Column.PERIOD, Column.INDICATOR,
            Column.TARGET, Column.RESPONSIBLE, Column.NOTE]  # fmt: skip


def _seed_plans(text: str) -> list[RawPlan]:
    plans: list[list[RawRow]] = []
    for line in text.splitlines():
        if not re.match(r"^\d\t", line):
            continue
        cells = line.split("\t")
        row = _row(1, **{c.value: t for c, t in zip(_COLUMNS, cells, strict=False)})
        if cells[0] == "1":
            plans.append([])
        plans[-1].append(row)
    header = RawPlanHeader(unit=None, km_goal=None, deliverable=None, page=1)
    return [RawPlan(header=header, title=KM_TITLE, columns=[], rows=rows) for rows in plans]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed document not present")
def test_seed_rows_all_resolve() -> None:
    plans = _seed_plans(SEED.read_text(encoding="utf-8"))
    doc = normalize_document(_document(TAK_METADATA, plans, []))

    steps = [[a.step for a in doc.activities if a.plan_no == n] for n in range(1, 10)]
    assert steps == [[1, 3, 2, 4, 5, 6, 7]] + [[1, 2, 3, 4, 5, 6, 7]] * 8
    assert len(doc.activities) == 63
    assert all(a.period_start and a.period_end for a in doc.activities)
    assert sum(a.target_percent is not None for a in doc.activities) == 19
    assert [(w.code, w.plan_no, w.seq) for w in doc.warnings if w.code != "department-missing"] == [
        ("period-outside-fiscal-year", 9, 1)
    ]


@pytest.mark.parametrize(("printed", "shown", "what"), [
    ("0", "0", "not a row number"),
    ("๐", "0", "not a row number"),  # Thai digits are shown as Arabic, as stored
    ("12345678901", "12345678901", "not a row number"),
    ("/ 0", "/ 0", "not a number"),
])  # fmt: skip
def test_a_seq_that_cannot_be_a_row_number_is_the_row_position(
    printed: str, shown: str, what: str
) -> None:
    """ลำดับ counts from 1 (the contract's minimum); a 0 or a run of digits from a damaged
    file would break the warehouse's CHECK and refuse the whole document."""
    plan = FINANCE.model_copy(
        update={"rows": [_row(33, seq="1", activity="ก"), _row(33, seq=printed, activity="ข")]}
    )
    doc = normalize_document(_document(TAK_METADATA, [plan], []))
    assert [a.seq for a in doc.activities] == [1, 2]
    assert [(w.code, w.message) for w in doc.warnings if w.field == "seq"] == [
        ("seq-unparsed", f"ลำดับ {shown!r} is {what}; row position 2 used")
    ]


def test_a_plan_of_no_unit_in_a_document_of_no_organization_has_no_department() -> None:
    empty = RawMetadata(
        organization=None, fiscal_year=None, announced_on=None, reference_no=None, signed_by=None
    )
    plan = RawPlan(
        header=RawPlanHeader(unit=None, km_goal="ก", deliverable=None, page=2),
        title=None,
        columns=[],
        rows=[_row(2, seq="1", activity="การเรียนรู้", period="ต.ค. - ธ.ค.")],
    )
    doc = normalize_document(_document(empty, [plan], []))

    assert [p.department for p in doc.plans] == [None]  # never '' (the contract's null)
    assert len(doc.activities) == 1
    missing = [w for w in doc.warnings if w.code == "department-missing"]
    assert [(w.message, w.plan_no) for w in missing] == [
        ("plan header names no unit (ชื่อหน่วยงาน)", 1)
    ]
