"""Hand-built documents for the plan audit tests (no tests in here).

`good_plan()` is a plan document that every audit rule passes: one KM Process plan with the
seven steps in order inside FY2566 (1 Oct 2022 - 30 Sep 2023), each row with an
indicator, a measurable target and a responsible unit, its Change Management plan with
the six elements, dated in the first month of the year and signed. Each `*_fails`
builder changes one thing, so that exactly one rule fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from extract.vocab.kinds import DocumentKind
from normalize.models import Activity, DocumentMeta, NormalizedDocument, Plan

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .warehouse_data import activity, sha
except ImportError:
    from warehouse_data import activity, sha  # type: ignore[no-redef]

ORG = "เทศบาลนครแม่สอดจำลอง"
# Step n runs in month n of FY2566: October 2022 for step 1 ... April 2023 for step 7.
MONTHS = [(2022, 10), (2022, 11), (2022, 12), (2023, 1), (2023, 2), (2023, 3), (2023, 4)]
MONTH_ENDS = {10: 31, 11: 30, 12: 31, 1: 31, 2: 28, 3: 31, 4: 30}


def step_row(number: int, **changes: Any) -> Activity:
    """Row `number` of the KM plan, of step `number` unless changes say otherwise."""
    step = number
    year, month = MONTHS[step - 1]
    fields: dict[str, Any] = {
        "step": step,
        "activity": f"กิจกรรมขั้นตอนที่ {step}",
        "period_text": f"เดือนที่ {step}",
        "period_start": date(year, month, 1),
        "period_end": date(year, month, MONTH_ENDS[month]),
        "indicator": "ร้อยละของบุคลากรที่เข้าร่วม",
        "target": "ร้อยละ 80",
        "target_percent": 80.0,
        "responsible": "งานการเจ้าหน้าที่",
        "page": 3 if step <= 4 else 4,
    }
    fields.update(changes)
    return activity(1, step, step, **fields)


def element_row(element: int, **changes: Any) -> Activity:
    fields: dict[str, Any] = {
        "step": None,
        "element": element,
        "activity": f"องค์ประกอบที่ {element}",
        "period_text": "ต.ค.65 - ก.ย.66",
        "period_start": date(2022, 10, 1),
        "period_end": date(2023, 9, 30),
        "target": "1 ครั้ง",
        "target_percent": None,
        "target_count": 1.0,
        "target_unit": "ครั้ง",
        "page": 5,
    }
    fields.update(changes)
    return activity(2, element, element, **fields)


def document(
    key: str,
    rows: list[Activity],
    *,
    plans: list[Plan] | None = None,
    **meta: Any,
) -> NormalizedDocument:
    fields: dict[str, Any] = {
        "document_id": sha(key),
        "source_file": f"{key}.pdf",
        "page_count": 5,
        "organization": ORG,
        "fiscal_year": 2566,
        "announced_on": date(2022, 10, 20),
        "reference_no": "มส 52001/123",
        "signed_by": "นายสมชาย ใจดี",
    }
    fields.update(meta)
    return NormalizedDocument(
        meta=DocumentMeta(**fields),
        plans=plans if plans is not None else default_plans(),
        activities=rows,
        warnings=[],
    )


def default_plans(deliverable: str | None = "คู่มือการปฏิบัติงาน 1 เล่ม") -> list[Plan]:
    return [
        Plan(plan_no=1, department="กองการเจ้าหน้าที่", km_goal="การพัฒนาทักษะบุคลากร",
             deliverable=deliverable, page=3),
        Plan(plan_no=2, department="กองการเจ้าหน้าที่", km_goal="การพัฒนาทักษะบุคลากร",
             deliverable=deliverable, page=5, plan_type="change_management"),
    ]  # fmt: skip


def km_rows(**per_step: dict[str, Any]) -> list[Activity]:
    """Steps 1-7; per_step["s3"] = {...} changes step 3's row."""
    return [step_row(step, **per_step.get(f"s{step}", {})) for step in range(1, 8)]


def cm_rows(drop: int | None = None) -> list[Activity]:
    return [element_row(element) for element in range(1, 7) if element != drop]


def good_plan(key: str = "good") -> NormalizedDocument:
    return document(key, km_rows() + cm_rows())


def results_report(key: str, statuses: list[str | None]) -> NormalizedDocument:
    """A results report of the good plan, dated 15 Feb 2023: steps 1-4 ended before it
    (October 2022 - January 2023), steps 5-7 had not ended (February - April 2023)."""
    rows = [
        step_row(step, status=status, result_text="ดำเนินการแล้ว" if status == "done" else None)
        for step, status in zip(range(1, 8), statuses, strict=True)
    ]
    return document(
        key,
        rows,
        plans=default_plans()[:1],
        document_kind=DocumentKind.RESULTS_REPORT,
        announced_on=date(2023, 2, 15),
    )


DONE = ["done", "done", "done", "done", "in_progress", "not_started", "not_started"]

# rule id -> (a document that fails only that rule, the rule's severity in the findings)
FAILING: dict[str, Callable[[], NormalizedDocument]] = {
    "steps-complete": lambda: document("no-step-5", [r for r in km_rows() if r.step != 5]
                                       + cm_rows()),
    "indicator-target": lambda: document("no-indicator", km_rows(s2={"indicator": " "})
                                         + cm_rows()),
    "target-measurable": lambda: document("vague-target", km_rows(
        s3={"target": "บุคลากรมีความรู้เพิ่มขึ้น", "target_percent": None}) + cm_rows()),
    "responsible": lambda: document("no-responsible", km_rows(s4={"responsible": ""})
                                    + cm_rows()),
    "period-in-year": lambda: document("late-period", km_rows(
        s7={"period_text": "ตุลาคม 2566", "period_start": date(2023, 10, 1),
            "period_end": date(2023, 10, 31)}) + cm_rows()),
    "steps-in-order": lambda: document("early-step-3", km_rows(
        s3={"period_text": "ตุลาคม 2565", "period_start": date(2022, 10, 1),
            "period_end": date(2022, 10, 31)}) + cm_rows()),
    "goal-deliverable": lambda: document("no-deliverable", km_rows() + cm_rows(),
                                         plans=default_plans(deliverable=None)),
    "cm-plan": lambda: document("km-only", km_rows(), plans=default_plans()[:1]),
    "cm-elements": lambda: document("no-element-6", km_rows() + cm_rows(drop=6)),
    "announcement-signed": lambda: document("unsigned", km_rows() + cm_rows(), signed_by=None),
    "announcement-timely": lambda: document("late-notice", km_rows() + cm_rows(),
                                            announced_on=date(2023, 1, 9)),
    "results-status": lambda: results_report("no-status", [*DONE[:6], None]),
    "results-overdue": lambda: results_report("overdue", ["done", "not_started", *DONE[2:]]),
}  # fmt: skip
# A document each rule passes (the good plan, and a results report for the report rules).
PASSING: dict[str, Callable[[], NormalizedDocument]] = {
    rule: good_plan for rule in FAILING if not rule.startswith("results-")
}
PASSING["results-status"] = lambda: results_report("all-status", DONE)
PASSING["results-overdue"] = lambda: results_report("on-time", DONE)
