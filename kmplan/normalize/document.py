"""The normalize stage's entry point: RawDocument -> NormalizedDocument.

Nothing here raises on bad content: a value that cannot be read becomes None (or the
row position, for seq) plus a Warning with a stable code and its provenance.
"""

from __future__ import annotations

import re

from kmplan.extract.document import FRONT_PAGES
from kmplan.extract.models import (
    Column,
    ExtractIssue,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawRow,
)
from kmplan.normalize.department import department_name
from kmplan.normalize.metadata import (
    announcement_date,
    fiscal_year,
    organization_name,
    reference_number,
    signer_name,
)
from kmplan.normalize.models import (
    Activity,
    DocumentMeta,
    NormalizedDocument,
    Plan,
)
from kmplan.normalize.models import (
    Warning as NormalizeWarning,
)
from kmplan.normalize.periods import PeriodResult, fiscal_year_bounds, parse_period
from kmplan.normalize.repairs import RepairLog
from kmplan.normalize.steps import classify_step
from kmplan.normalize.targets import parse_target
from kmplan.normalize.text import clean_optional, clean_text
from kmplan.normalize.thai_glyphs import restore_dropped_tone_marks

_SEQ = re.compile(r"^\s*(\d+)\s*\.?\s*$")
# Change Management Process tables share the template but list six elements, not the
# seven KM steps; their rows must not be forced onto a KM step.
_CHANGE_MANAGEMENT = re.compile(r"change\s*management|การบริหารการเปลี่ยนแปลง", re.IGNORECASE)


def normalize_document(raw: RawDocument) -> NormalizedDocument:
    """Clean and interpret every field of an extracted document."""
    meta, warnings = _document_meta(raw)
    warnings = [_from_issue(issue) for issue in raw.issues] + warnings
    log = RepairLog()
    plans: list[Plan] = []
    activities: list[Activity] = []
    for plan_no, raw_plan in enumerate(raw.plans, start=1):
        plan, plan_warnings = _plan(plan_no, raw_plan, log)
        plans.append(plan)
        warnings.extend(plan_warnings)
        for row_no, row in enumerate(raw_plan.rows, start=1):
            activity, row_warnings = _activity(plan, row_no, row, meta.fiscal_year, log)
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


def _confidence_warnings(
    activity: Activity, threshold: float | None
) -> list[NormalizeWarning]:
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
    meta = DocumentMeta(
        document_id=raw.sha256,
        source_file=raw.source_file,
        page_count=raw.page_count,
        organization=organization_name(printed.organization),
        fiscal_year=fiscal_year(printed.fiscal_year),
        announced_on=announcement_date(printed.announced_on),
        reference_no=reference_number(printed.reference_no),
        signed_by=signer_name(printed.signed_by),
    )
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


def _meta_warning(code: str, field: str, printed: str | None) -> NormalizeWarning:
    shown = clean_text(printed or "")
    message = f"{field} not found" if not shown else f"{field} not readable from {shown!r}"
    return NormalizeWarning(code=code, message=message, field=field)


def _plan(plan_no: int, raw: RawPlan, log: RepairLog) -> tuple[Plan, list[NormalizeWarning]]:
    header = raw.header
    where = {"page": header.page, "plan_no": plan_no}
    plan = Plan(
        plan_no=plan_no,
        department=department_name(log.clean(header.unit, field="department", **where)),
        km_goal=log.clean(header.km_goal, field="km_goal", **where),
        deliverable=log.clean(header.deliverable, field="deliverable", **where) or None,
        page=header.page,
        plan_type=plan_type(raw.title),
    )
    warnings: list[NormalizeWarning] = []
    if not plan.department:
        warnings.append(
            NormalizeWarning(
                code="department-missing",
                message="plan header names no unit (ชื่อหน่วยงาน)",
                page=header.page,
                plan_no=plan_no,
                field="department",
            )
        )
    return plan, warnings


def plan_type(title: str | None) -> str:
    """Which plan family a table title announces; the KM Process table by default."""
    if title and _CHANGE_MANAGEMENT.search(title):
        return "change_management"
    return "km_process"


def _activity(
    plan: Plan, row_no: int, row: RawRow, year: int | None, log: RepairLog
) -> tuple[Activity, list[NormalizeWarning]]:
    seq, problems = _seq(clean_text(row.text(Column.SEQ) or ""), row_no)
    ocr = any(c.provenance.method == "ocr" for c in row.cells.values())
    cell = {
        column: log.clean(
            row.text(column), field=column.value, page=row.page, plan_no=plan.plan_no, seq=seq,
            ocr=ocr,
        )
        for column in Column
    }
    step, step_problems = _step(plan.plan_type, cell[Column.ACTIVITY])
    period, period_problems = _period(cell[Column.PERIOD], year)
    target = parse_target(cell[Column.TARGET])
    activity = Activity(
        plan_no=plan.plan_no,
        row_no=row_no,
        seq=seq,
        step=step,
        activity=cell[Column.ACTIVITY],
        method=cell[Column.METHOD],
        period_text=cell[Column.PERIOD],
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
        for code, field, message in problems + step_problems + period_problems
    ]
    return activity, warnings


# (code, field, message) of one row's problem; provenance is added by the caller.
_Problem = tuple[str, str, str]


def _seq(printed: str, row_no: int) -> tuple[int, list[_Problem]]:
    found = _SEQ.match(printed)
    if found:
        return int(found.group(1)), []
    message = f"ลำดับ {printed!r} is not a number; row position {row_no} used"
    return row_no, [("seq-unparsed", "seq", message)]


def _step(kind: str, activity: str) -> tuple[int | None, list[_Problem]]:
    if kind != "km_process":
        return None, []
    match = classify_step(activity)
    if match is None:
        return None, [("step-unresolved", "step", f"no KM step recognised in {activity!r}")]
    return match.step, []


def _period(printed: str, year: int | None) -> tuple[PeriodResult, list[_Problem]]:
    period = parse_period(printed, year)
    if period.problem is not None:
        return period, [("period-unparsed", "period", f"{printed!r}: {period.problem}")]
    if year is not None and not _within_fiscal_year(period, year):
        message = f"{printed!r} falls outside fiscal year {year}"
        return period, [("period-outside-fiscal-year", "period", message)]
    return period, []


def _within_fiscal_year(period: PeriodResult, year: int) -> bool:
    first, last = fiscal_year_bounds(year)
    assert period.start is not None and period.end is not None
    return first <= period.start and period.end <= last
