"""The normalize stage's entry point: RawDocument -> NormalizedDocument.

Nothing here raises on bad content: a value that cannot be read becomes None (or the
row position, for seq) plus a Warning with a stable code and its provenance.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.document import FRONT_PAGES
from extract.models import ExtractIssue, RawDocument, RawMetadata
from extract.vocab.codes import WarningCode
from normalize.activity import normalize_row
from normalize.metadata import announcement_date, reference_number, signer_name
from normalize.models import (
    Activity,
    DocumentMeta,
    NormalizedDocument,
    Plan,
    Source,
)
from normalize.models import (
    Warning as NormalizeWarning,
)
from normalize.plan import normalize_plan
from normalize.plan_header import (
    PlanYear,
    approval_date,
    approval_note,
    organization_line,
    plan_year,
    title_organization,
)
from normalize.plan_periods import document_months_basis, plan_periods
from normalize.repairs import RepairLog
from normalize.results import document_kind
from normalize.sources import field_sources, find_organization, find_year
from normalize.text import clean_optional, clean_text
from normalize.thai_glyphs import restore_dropped_tone_marks


def normalize_document(raw: RawDocument) -> NormalizedDocument:
    """Clean and interpret every field of an extracted document."""
    meta, warnings, sources = _document_meta(raw)
    warnings = [_from_issue(issue) for issue in raw.issues] + warnings
    log = RepairLog()
    plans: list[Plan] = []
    activities: list[Activity] = []
    # Year-less periods are dated by the fiscal year only; an academic year's months are
    # not placed by guesswork.
    fiscal = meta.year_basis == "fiscal"
    period_year = meta.fiscal_year if fiscal else None
    printed = raw.metadata
    # The lines that state the document's year, which may say its basis (ปีงบประมาณ).
    year_lines = [
        printed.fiscal_year_line,
        printed.fiscal_year,
        printed.cover_year,
        *printed.running_lines,
    ]
    months = document_months_basis(raw.plans)
    for plan_no, raw_plan in enumerate(raw.plans, start=1):
        plan, plan_warnings = normalize_plan(plan_no, raw_plan, log, meta.organization)
        plans.append(plan)
        warnings.extend(plan_warnings)
        periods = plan_periods(raw_plan, period_year, year_lines, months, fiscal=fiscal)
        for row_no, row in enumerate(raw_plan.rows, start=1):
            activity, row_warnings = normalize_row(
                plan, row_no, row, periods, log, meta.document_kind
            )
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
        sources=sources,
    )


def _from_issue(issue: ExtractIssue) -> NormalizeWarning:
    return NormalizeWarning.of(issue.code, issue.message, page=issue.page)


def _confidence_warnings(activity: Activity, threshold: float | None) -> list[NormalizeWarning]:
    confidence = activity.ocr_confidence
    if confidence is None or threshold is None or confidence >= threshold:
        return []
    return [
        NormalizeWarning.of(
            WarningCode.OCR_LOW_CONFIDENCE,
            f"OCR confidence {confidence:.0f} is under {threshold:.0f}; check the row",
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


def _document_meta(
    raw: RawDocument,
) -> tuple[DocumentMeta, list[NormalizeWarning], dict[str, Source]]:
    printed: RawMetadata = raw.metadata
    if any(page <= FRONT_PAGES for page in raw.ocr_pages):
        printed = _ocr_metadata(printed)
    title_block = _title_block(raw)
    # Memo, cover or title block, running header or footer (normalize/sources.py).
    organization = find_organization(printed, title_block.organization)
    year = find_year(printed, title_block.year)
    meta = DocumentMeta(
        document_id=raw.sha256,
        source_file=raw.source_file,
        page_count=raw.page_count,
        organization=organization.value,
        fiscal_year=year.year,
        year_basis=year.basis,
        announced_on=announcement_date(printed.announced_on),
        reference_no=reference_number(printed.reference_no),
        signed_by=signer_name(printed.signed_by),
        document_kind=document_kind(printed.report_title, [p.title for p in raw.plans]),
    )
    if meta.announced_on is None and printed.announced_on is None and title_block.approved:
        # A project list carries no announcement: the plan dates from its approval.
        meta = meta.model_copy(update={"announced_on": announcement_date(title_block.approved)})
    warnings: list[NormalizeWarning] = []
    if meta.organization is None:
        warnings.append(_meta_warning(WarningCode.ORGANIZATION_MISSING, printed.organization))
    if meta.fiscal_year is None:
        warnings.append(_meta_warning(WarningCode.FISCAL_YEAR_MISSING, printed.fiscal_year))
    if meta.announced_on is None and clean_optional(printed.announced_on) is not None:
        warnings.append(_meta_warning(WarningCode.ANNOUNCED_ON_UNPARSED, printed.announced_on))
    return meta, warnings, field_sources(meta, printed, organization, year)


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


def _meta_warning(code: WarningCode, printed: str | None) -> NormalizeWarning:
    shown = clean_text(printed or "")
    message = (
        f"{code.field} not found" if not shown else f"{code.field} not readable from {shown!r}"
    )
    return NormalizeWarning.of(code, message)
