"""One plan table's header (RawPlan) -> Plan: its department, goal, family and warnings."""

from __future__ import annotations

from functools import partial

from extract.models import Column, RawPlan, RawPlanHeader
from extract.vocab.codes import WarningCode
from extract.vocab.kinds import PlanType
from normalize.department import department_name
from normalize.families import FamilyDecision, decide_family, unmapped_headers
from normalize.models import Plan
from normalize.models import Warning as NormalizeWarning
from normalize.plan_header import approval_note, organization_line
from normalize.repairs import RepairLog
from normalize.text import clean_optional, clean_text


def normalize_plan(
    plan_no: int, raw: RawPlan, log: RepairLog, organization: str | None
) -> tuple[Plan, list[NormalizeWarning]]:
    """Plan `plan_no` of a document issued by `organization` (None when unknown)."""
    header = raw.header
    activities = [clean_text(row.text(Column.ACTIVITY) or "") for row in raw.rows]
    decision = decide_family(raw.families, raw.title, activities, own_columns=raw.own_columns)
    clean = partial(log.clean, page=header.page, plan_no=plan_no)
    named = department_name(clean(header.unit, field="department"))
    plan = Plan(
        plan_no=plan_no,
        department=named or _unnamed_department(decision.plan_type, header, organization),
        km_goal=clean(header.km_goal, field="km_goal"),
        deliverable=clean(header.deliverable, field="deliverable") or None,
        page=header.page,
        plan_type=decision.plan_type,
        family_basis=decision.basis,
        title=clean_optional(raw.title),
        approval_note=approval_note(header.lines),
    )
    warnings = _department_warnings(plan, named=bool(named))
    warnings += _family_warnings(plan, raw, decision)
    return plan, warnings


def _unnamed_department(
    plan_type: PlanType, header: RawPlanHeader, organization: str | None
) -> str | None:
    """Where a plan whose header names no unit is filed: its organization, else nothing
    (NULL with the department-missing warning; the contract allows it when both are
    unknown)."""
    if plan_type == PlanType.PROJECT_LIST:
        # A project list names no department: the plan belongs to the unit on its
        # organization line, else to the organization itself.
        return organization_line(header.lines) or organization or None
    # A one-unit agency, or a header lost in the file: filed under the organization,
    # with a warning.
    return organization or None


def _department_warnings(plan: Plan, *, named: bool) -> list[NormalizeWarning]:
    if plan.department and (named or plan.plan_type == PlanType.PROJECT_LIST):
        return []
    filed = "; the plan is filed under the organization" if plan.department else ""
    message = f"plan header names no unit (ชื่อหน่วยงาน){filed}"
    return [
        NormalizeWarning.of(
            WarningCode.DEPARTMENT_MISSING, message, page=plan.page, plan_no=plan.plan_no
        )
    ]


def _family_warnings(plan: Plan, raw: RawPlan, decision: FamilyDecision) -> list[NormalizeWarning]:
    """Columns no family names, and a family chosen by default among several."""
    problems: list[tuple[WarningCode, str]] = []
    unmapped = unmapped_headers(raw.columns)
    if unmapped:
        shown = ", ".join(repr(h) for h in unmapped)
        message = (
            f"columns {shown} fit no plan family; their cells are kept in "
            f"extra_columns and the table is loaded as {plan.plan_type}"
        )
        if raw.own_columns:
            message = (
                f"the table prints the organization's own columns, and no field of the "
                f"contract is named by {shown}: their cells are kept in extra_columns; the "
                f"table is read as {plan.plan_type} (by {decision.basis})"
            )
        problems.append((WarningCode.COLUMNS_UNMAPPED, message))
    if decision.basis == "default" and len(raw.families) > 1:
        message = (
            f"neither title nor row names tell {' / '.join(raw.families)} "
            f"apart; loaded as {plan.plan_type}"
        )
        problems.append((WarningCode.PLAN_FAMILY_UNCERTAIN, message))
    return [
        NormalizeWarning.of(code, message, page=plan.page, plan_no=plan.plan_no)
        for code, message in problems
    ]
