"""The normalize stage's entry point: RawDocument -> NormalizedDocument.

Nothing here raises on bad content: a value that cannot be read becomes None (or the
row position, for seq) plus a Warning with a stable code and its provenance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.document import FRONT_PAGES
from extract.models import (
    Column,
    ExtractIssue,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawRow,
)
from extract.vocab.families import family
from normalize.budget import parse_budget, split_period_budget
from normalize.department import department_name
from normalize.families import decide_family, unmapped_headers
from normalize.marked_periods import MonthCalendar, marked_period, month_calendar
from normalize.metadata import (
    announcement_date,
    fiscal_year,
    organization_name,
    reference_number,
    signer_name,
)
from normalize.models import (
    Activity,
    DocumentMeta,
    NormalizedDocument,
    Plan,
)
from normalize.models import (
    Warning as NormalizeWarning,
)
from normalize.periods import PeriodResult, fiscal_year_bounds, parse_period
from normalize.plan_header import (
    PlanYear,
    approval_date,
    approval_note,
    organization_line,
    plan_year,
    title_organization,
)
from normalize.repairs import RepairLog
from normalize.steps import classify_name
from normalize.targets import parse_target
from normalize.text import clean_optional, clean_text
from normalize.thai_glyphs import restore_dropped_tone_marks

# More rows than any plan holds: a longer number is not a ลำดับ (and would overflow).
_MAX_SEQ = 9999
_SEQ = re.compile(r"^\s*(\d+)\s*\.?\s*$")


def normalize_document(raw: RawDocument) -> NormalizedDocument:
    """Clean and interpret every field of an extracted document."""
    meta, warnings = _document_meta(raw)
    warnings = [_from_issue(issue) for issue in raw.issues] + warnings
    log = RepairLog()
    plans: list[Plan] = []
    activities: list[Activity] = []
    # Year-less periods are dated by the fiscal year only; an academic year's months are
    # not placed by guesswork.
    period_year = meta.fiscal_year if meta.year_basis == "fiscal" else None
    for plan_no, raw_plan in enumerate(raw.plans, start=1):
        plan, plan_warnings = _plan(plan_no, raw_plan, log, meta.organization)
        plans.append(plan)
        warnings.extend(plan_warnings)
        calendar = month_calendar(raw_plan.columns, period_year)
        for row_no, row in enumerate(raw_plan.rows, start=1):
            activity, row_warnings = _activity(plan, row_no, row, period_year, log, calendar)
            activities.append(activity)
            warnings.extend(row_warnings + _confidence_warnings(activity, raw.ocr_min_confidence))
    return NormalizedDocument(
        meta=meta.model_copy(
            update={"repair_share": log.share, "damaged_pages": sorted(log.damaged_pages)}
        ),
        plans=plans,
        activities=activities,
        warnings=warnings,
        repairs=log.repairs,
    )


def _from_issue(issue: ExtractIssue) -> NormalizeWarning:
    return NormalizeWarning(code=issue.code, message=issue.message, page=issue.page)


def _confidence_warnings(activity: Activity, threshold: float | None) -> list[NormalizeWarning]:
    confidence = activity.ocr_confidence
    if confidence is None or threshold is None or confidence >= threshold:
        return []
    return [
        NormalizeWarning(
            code="ocr-low-confidence",
            message=f"OCR confidence {confidence:.0f} is under {threshold:.0f}; check the row",
            page=activity.page,
            plan_no=activity.plan_no,
            seq=activity.seq,
        )
    ]


def _ocr_metadata(printed: RawMetadata) -> RawMetadata:
    """Names read by OCR with the tone marks Tesseract drops put back (dictionary-checked)."""
    signer = printed.signed_by
    if signer:
        signer = restore_dropped_tone_marks(signer)[0]
    return printed.model_copy(update={"signed_by": signer})


def _document_meta(raw: RawDocument) -> tuple[DocumentMeta, list[NormalizeWarning]]:
    printed: RawMetadata = raw.metadata
    if any(page <= FRONT_PAGES for page in raw.ocr_pages):
        printed = _ocr_metadata(printed)
    title_block = _title_block(raw)
    meta = DocumentMeta(
        document_id=raw.sha256,
        source_file=raw.source_file,
        page_count=raw.page_count,
        organization=organization_name(printed.organization) or title_block.organization,
        fiscal_year=fiscal_year(printed.fiscal_year),
        announced_on=announcement_date(printed.announced_on),
        reference_no=reference_number(printed.reference_no),
        signed_by=signer_name(printed.signed_by),
    )
    if title_block.year is not None and (
        title_block.year.basis == "academic" or meta.fiscal_year is None
    ):
        # The plan's own title states its year; an academic-year plan is dated by it.
        meta = meta.model_copy(
            update={"fiscal_year": title_block.year.year, "year_basis": title_block.year.basis}
        )
    if meta.announced_on is None and printed.announced_on is None and title_block.approved:
        # A project list carries no announcement: the plan dates from its approval.
        meta = meta.model_copy(update={"announced_on": announcement_date(title_block.approved)})
    warnings: list[NormalizeWarning] = []
    if meta.organization is None:
        warnings.append(_meta_warning("organization-missing", "organization", printed.organization))
    if meta.fiscal_year is None:
        warnings.append(_meta_warning("fiscal-year-missing", "fiscal_year", printed.fiscal_year))
    if meta.announced_on is None and clean_optional(printed.announced_on) is not None:
        warnings.append(
            _meta_warning("announced-on-unparsed", "announced_on", printed.announced_on)
        )
    return meta, warnings


@dataclass(frozen=True)
class _TitleBlock:
    year: PlanYear | None
    organization: str | None  # a project list's organization line
    approved: str | None  # the printed date of its approval note


def _title_block(raw: RawDocument) -> _TitleBlock:
    """What the plans' title lines say about the document (the first that says it)."""
    year = plan_year([text for p in raw.plans for text in (p.title, *p.header.lines)])
    organization = next(
        (org for p in raw.plans if p.title and (org := organization_line(p.header.lines))), None
    ) or next((org for p in raw.plans if (org := title_organization(p.title))), None)
    approved = next(
        (d for p in raw.plans if (d := approval_date(approval_note(p.header.lines)))), None
    )
    return _TitleBlock(year, organization, approved)


def _meta_warning(code: str, field: str, printed: str | None) -> NormalizeWarning:
    shown = clean_text(printed or "")
    message = f"{field} not found" if not shown else f"{field} not readable from {shown!r}"
    return NormalizeWarning(code=code, message=message, field=field)


def _plan(
    plan_no: int, raw: RawPlan, log: RepairLog, organization: str | None
) -> tuple[Plan, list[NormalizeWarning]]:
    header = raw.header
    where = {"page": header.page, "plan_no": plan_no}
    activities = [clean_text(row.text(Column.ACTIVITY) or "") for row in raw.rows]
    decision = decide_family(raw.families, raw.title, activities)
    department = department_name(log.clean(header.unit, field="department", **where))
    named = bool(department)
    if not department and decision.plan_type == "project_list":
        # A project list names no department: the plan belongs to the unit on its
        # organization line, else to the organization itself.
        department = organization_line(header.lines) or organization or ""
    elif not department:
        # The contract needs a department; a plan that names none (a one-unit agency, or
        # a header lost in the file) is filed under the organization, with a warning.
        department = organization or ""
    plan = Plan(
        plan_no=plan_no,
        department=department,
        km_goal=log.clean(header.km_goal, field="km_goal", **where),
        deliverable=log.clean(header.deliverable, field="deliverable", **where) or None,
        page=header.page,
        plan_type=decision.plan_type,
        family_basis=decision.basis,
        title=clean_optional(raw.title),
        approval_note=approval_note(header.lines),
    )
    warnings: list[NormalizeWarning] = []
    if not plan.department or (not named and plan.plan_type != "project_list"):
        filed = "; the plan is filed under the organization" if plan.department else ""
        warnings.append(
            NormalizeWarning(
                code="department-missing",
                message=f"plan header names no unit (ชื่อหน่วยงาน){filed}",
                page=header.page,
                plan_no=plan_no,
                field="department",
            )
        )
    unmapped = unmapped_headers(raw.columns)
    if unmapped:
        shown = ", ".join(repr(h) for h in unmapped)
        warnings.append(
            NormalizeWarning(
                code="columns-unmapped",
                message=f"columns {shown} fit no plan family; their cells are kept in "
                f"extra_columns and the table is loaded as {plan.plan_type}",
                **where,
            )
        )
    if decision.basis == "default" and len(raw.families) > 1:
        warnings.append(
            NormalizeWarning(
                code="plan-family-uncertain",
                message=f"neither title nor row names tell {' / '.join(raw.families)} "
                f"apart; loaded as {plan.plan_type}",
                **where,
            )
        )
    return plan, warnings


def _activity(
    plan: Plan,
    row_no: int,
    row: RawRow,
    year: int | None,
    log: RepairLog,
    calendar: MonthCalendar | None = None,
) -> tuple[Activity, list[NormalizeWarning]]:
    seq, problems = _seq(clean_text(row.text(Column.SEQ) or ""), row_no)
    ocr = any(c.provenance.method == "ocr" for c in row.cells.values())
    cell = {
        column: log.clean(
            row.text(column),
            field=column.value,
            page=row.page,
            plan_no=plan.plan_no,
            seq=seq,
            ocr=ocr,
        )
        for column in Column
    }
    step, element, name_problems = _row_name(plan.plan_type, cell[Column.ACTIVITY])
    period_text, budget_text = cell[Column.PERIOD], cell[Column.BUDGET]
    if Column.PERIOD_BUDGET in row.cells:
        both_period, both_budget = split_period_budget(cell[Column.PERIOD_BUDGET])
        period_text = period_text or both_period
        budget_text = budget_text or both_budget
    if calendar is not None and not period_text:
        # ระยะเวลา printed as month columns: the months the row marks are its period.
        period_text, period = marked_period(calendar, row.marked_months)
        shown = f"months marked {period_text!r}: " if period_text else ""
        period_problems = _period_problems(period_text, period, year, shown)
    else:
        period, period_problems = _period(period_text, year)
    project = plan.plan_type == "project_list" or any(
        column in row.cells for column in _PROJECT_COLUMNS
    )
    # The contract keeps งบประมาณ for project lists: an amount a KM Process row prints (in a
    # ระยะเวลา/งบประมาณ cell) is no field of its own.
    budget = parse_budget(budget_text if project else "")
    if budget.problem is not None:
        problems.append(("budget-unparsed", "budget_baht", budget.problem))
    target = parse_target(cell[Column.TARGET])
    activity = Activity(
        plan_no=plan.plan_no,
        row_no=row_no,
        seq=seq,
        step=step,
        element=element,
        activity=cell[Column.ACTIVITY],
        method=cell[Column.METHOD],
        period_text=period_text,
        period_start=period.start,
        period_end=period.end,
        indicator=cell[Column.INDICATOR],
        target=cell[Column.TARGET],
        target_percent=target.percent,
        target_comparator=target.comparator,
        target_count=target.count,
        target_unit=target.unit,
        responsible=cell[Column.RESPONSIBLE],
        note=cell[Column.NOTE] or None,
        page=row.page,
        target_group=cell[Column.TARGET_GROUP] or None if project else None,
        budget_baht=budget.baht,
        tacit_knowledge=cell[Column.TACIT] or None if project else None,
        explicit_knowledge=cell[Column.EXPLICIT] or None if project else None,
        extra_columns={
            header: clean_text(text) for header, text in row.extra.items() if clean_text(text)
        },
        ocr_confidence=row.min_confidence,
    )
    warnings = [
        NormalizeWarning(
            code=code,
            message=message,
            page=row.page,
            plan_no=plan.plan_no,
            seq=None if field == "seq" else seq,
            field=field,
        )
        for code, field, message in problems + name_problems + period_problems
    ]
    return activity, warnings


_PROJECT_COLUMNS = (Column.TARGET_GROUP, Column.TACIT, Column.EXPLICIT)


# (code, field, message) of one row's problem; provenance is added by the caller.
_Problem = tuple[str, str, str]


def _seq(printed: str, row_no: int) -> tuple[int, list[_Problem]]:
    found = _SEQ.match(printed)
    if found and 1 <= int(found.group(1)) <= _MAX_SEQ:
        return int(found.group(1)), []
    # ลำดับ counts from 1 (the contract's minimum); 0 or a run of digits is a misreading.
    what = "not a row number" if found else "not a number"
    message = f"ลำดับ {printed!r} is {what}; row position {row_no} used"
    return row_no, [("seq-unparsed", "seq", message)]


def _row_name(kind: str, activity: str) -> tuple[int | None, int | None, list[_Problem]]:
    """(step, element) the activity cell names, by its family's row-name vocabulary."""
    fam = family(kind)
    if fam.row_vocabulary is None or fam.row_field is None:
        return None, None, []
    match = classify_name(activity, fam.row_vocabulary)
    if match is None:
        field = fam.row_field
        name = {"step": "KM step", "element": "Change Management element"}.get(field, field)
        return None, None, [(f"{field}-unresolved", field, f"no {name} recognised in {activity!r}")]
    if fam.row_field == "element":
        return None, match.step, []
    return match.step, None, []


def _period(printed: str, year: int | None) -> tuple[PeriodResult, list[_Problem]]:
    period = parse_period(printed, year)
    return period, _period_problems(printed, period, year, f"{printed!r}: ")


def _period_problems(
    printed: str, period: PeriodResult, year: int | None, shown: str
) -> list[_Problem]:
    """Warnings on a period; `shown` leads the unparsed message (the text as printed)."""
    if period.problem is not None:
        return [("period-unparsed", "period", f"{shown}{period.problem}")]
    if year is not None and not _within_fiscal_year(period, year):
        message = f"{printed!r} falls outside fiscal year {year}"
        return [("period-outside-fiscal-year", "period", message)]
    return []


def _within_fiscal_year(period: PeriodResult, year: int) -> bool:
    first, last = fiscal_year_bounds(year)
    assert period.start is not None and period.end is not None
    return first <= period.start and period.end <= last
