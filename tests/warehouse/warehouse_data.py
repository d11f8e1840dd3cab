"""Hand-built NormalizedDocuments shared by the warehouse tests (no tests in here)."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import duckdb

from normalize.models import (
    Activity,
    DocumentMeta,
    NormalizedDocument,
    Plan,
    Warning,
)

TABLES = ("documents", "plans", "activities", "warnings")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def activity(plan_no: int, row_no: int, seq: int, **changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "plan_no": plan_no,
        "row_no": row_no,
        "seq": seq,
        "step": seq,
        "activity": "การบ่งชี้ความรู้",
        "method": "ประชุมคณะทำงาน KM เพื่อกำหนดองค์ความรู้",
        "period_text": "ต.ค.65 - ธ.ค.65",
        "period_start": date(2022, 10, 1),
        "period_end": date(2022, 12, 31),
        "indicator": "จำนวนองค์ความรู้ที่บ่งชี้",
        "target": "ร้อยละ 80",
        "target_percent": 80.0,
        "responsible": "คณะทำงาน KM",
        "note": None,
        "page": 2,
    }
    fields.update(changes)
    return Activity(**fields)


def tak_2566() -> NormalizedDocument:
    """2 plans x 3 activities; plan 2 prints its seqs out of order (rows 1, 2, 3 = seq 1, 3, 2)."""
    meta = DocumentMeta(
        document_id=sha("tak-2566"),
        source_file="km-plan-tak-2566.pdf",
        page_count=5,
        organization="องค์การบริหารส่วนจังหวัดตาก",
        fiscal_year=2566,
        announced_on=date(2023, 10, 11),
        reference_no="ตก 51008/9726",
        signed_by="นายณัฐวุฒิ ทวีเกื้อกูลกิจ",
    )
    plans = [
        Plan(
            plan_no=1,
            department="กองการเจ้าหน้าที่",
            km_goal="การพัฒนาทักษะการปฏิบัติงานของบุคลากร",
            deliverable="คู่มือการปฏิบัติงาน",
            page=2,
        ),
        Plan(plan_no=2, department="สำนักปลัด", km_goal="", deliverable=None, page=4),
    ]
    activities = [
        activity(1, 1, 1, note="ดำเนินการแล้ว"),
        activity(1, 2, 2, activity="การสร้างและแสวงหาความรู้", target="100 %",
                 target_percent=100.0),
        activity(1, 3, 3, activity="การจัดความรู้ให้เป็นระบบ", period_text="ตลอดปี",
                 period_start=None, period_end=None, target="มีคู่มือ 1 เล่ม",
                 target_percent=None, page=3),
        activity(2, 1, 1, page=4),
        activity(2, 2, 3, step=None, activity="การประมวลผลความรู้", page=4),
        activity(2, 3, 2, step=6, activity="การแบ่งปันแลกเปลี่ยนความรู้", page=5),
    ]  # fmt: skip
    warnings = [
        Warning(code="period-unparsed", message="ระยะเวลา 'ตลอดปี' อ่านไม่ได้", page=3,
                plan_no=1, seq=3, field="period_text"),
        Warning(code="step-unresolved", message="no canonical step for การประมวลผลความรู้"),
    ]  # fmt: skip
    return NormalizedDocument(meta=meta, plans=plans, activities=activities, warnings=warnings)


def small_doc(
    key: str, source_file: str, fiscal_year: int | None, **meta: Any
) -> NormalizedDocument:
    """One plan with one activity."""
    fields: dict[str, Any] = {
        "document_id": sha(key),
        "source_file": source_file,
        "page_count": 1,
        "organization": "เทศบาลเมืองแม่สอด",
        "fiscal_year": fiscal_year,
        "announced_on": None,
        "reference_no": None,
        "signed_by": None,
    }
    fields.update(meta)
    return NormalizedDocument(
        meta=DocumentMeta(**fields),
        plans=[Plan(plan_no=1, department="กองช่าง", km_goal="งานช่าง", deliverable=None, page=1)],
        activities=[activity(1, 1, 1, page=1)],
        warnings=[],
    )


def contract_rows(doc: NormalizedDocument) -> list[dict[str, Any]]:
    """The rows the export contract promises for `doc`, written out independently of the
    warehouse: fields in contract order, dates as ISO strings, ordered by plan then seq."""
    meta = doc.meta
    plans = {plan.plan_no: plan for plan in doc.plans}
    ordered = sorted(doc.activities, key=lambda a: (a.plan_no, a.seq, a.row_no))
    return [
        {
            "document_id": meta.document_id,
            "source_file": meta.source_file,
            "organization": meta.organization,
            "fiscal_year": meta.fiscal_year,
            "announced_on": _iso(meta.announced_on),
            "reference_no": meta.reference_no,
            "signed_by": meta.signed_by,
            "department": plans[a.plan_no].department,
            "km_goal": plans[a.plan_no].km_goal,
            "deliverable": plans[a.plan_no].deliverable,
            "seq": a.seq,
            "step": a.step,
            "activity": a.activity,
            "method": a.method,
            "period_text": a.period_text,
            "period_start": _iso(a.period_start),
            "period_end": _iso(a.period_end),
            "indicator": a.indicator,
            "target": a.target,
            "target_percent": a.target_percent,
            "responsible": a.responsible,
            "note": a.note,
            "page": a.page,
            "plan_type": plans[a.plan_no].plan_type,
            "year_basis": meta.year_basis,
            "element": a.element,
            "target_group": a.target_group,
            "budget_baht": a.budget_baht,
            "tacit_knowledge": a.tacit_knowledge,
            "explicit_knowledge": a.explicit_knowledge,
            "document_kind": str(meta.document_kind),
            "result_text": a.result_text,
            "status": a.status,
            "target_comparator": a.target_comparator,
            "target_count": a.target_count,
            "target_unit": a.target_unit,
            "ocr_confidence": a.ocr_confidence,
            "extra_columns": a.extra_columns or None,
        }
        for a in ordered
    ]


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def snapshot(conn: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order."""
    return {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in TABLES
    }


def rows_of(conn: duckdb.DuckDBPyConnection, document_id: str) -> dict[str, int]:
    return {
        table: conn.execute(
            f"SELECT count(*) FROM {table} WHERE document_id = ?", [document_id]
        ).fetchone()[0]
        for table in TABLES
    }
