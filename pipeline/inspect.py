"""inspect: what kmplan finds in one PDF and why each value is what it is (no warehouse)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from extract import ExtractSettings, RawDocument, extract_document
from extract.models import HeaderMatch, RawMetadata
from extract.vocab.kinds import PlanType
from normalize.document import normalize_document
from normalize.given import with_given
from normalize.models import Activity, NormalizedDocument
from pipeline.present.terminal import terminal_text


class InspectReport(BaseModel):
    raw: RawDocument
    doc: NormalizedDocument


def inspect_file(
    path: Path,
    settings: ExtractSettings | None = None,
    given: tuple[str | None, int | None] = (None, None),
    data: bytes | None = None,
) -> InspectReport:
    """Extract and normalize `path` (or its bytes `data`, already read), with the
    organization and year `given` (as to ingest); raises ExtractError for a file that cannot
    be read."""
    raw = extract_document(path, settings, data=data)
    return InspectReport(raw=raw, doc=with_given(normalize_document(raw), *given))


def _span(start: object, end: object) -> str:
    return "-" if start is None else f"{start}..{end}"


def _metadata_lines(report: InspectReport) -> list[str]:
    meta, printed = report.doc.meta, report.raw.metadata
    rows = [
        ("organization", meta.organization, printed.organization),
        ("fiscal_year", meta.fiscal_year, printed.fiscal_year),
        ("announced_on", meta.announced_on, printed.announced_on),
        ("reference_no", meta.reference_no, printed.reference_no),
        ("signed_by", meta.signed_by, printed.signed_by),
    ]
    names = {"fiscal_year": f"{meta.year_basis} year"}
    lines = [
        f"  {names.get(field, field.replace('_', ' ')):<13} {value}   "
        f"(from {report.doc.sources.get(field, 'nowhere')}; printed: {shown!r})"
        for field, value, shown in rows
    ]
    lines.append(f"  kind          {meta.document_kind}")
    lines.extend(_source_lines(printed))
    return lines


def _source_lines(printed: RawMetadata) -> list[str]:
    """What the other sources print (cover, title block, running header or footer)."""
    lines = []
    if printed.cover_organization:
        where = "title block" if printed.cover_organization_page in printed.plan_pages else "cover"
        page = printed.cover_organization_page
        lines.append(f"  {where} (p.{page}) names: {printed.cover_organization!r}")
    if printed.cover_year:
        lines.append(f"  cover (p.{printed.cover_year_page}) year line: {printed.cover_year!r}")
    lines.extend(f"  running header/footer: {line!r}" for line in printed.running_lines)
    return lines


def _plan_lines(report: InspectReport) -> list[str]:
    lines: list[str] = []
    by_plan = {p.plan_no: p for p in report.doc.plans}
    for plan_no, raw_plan in enumerate(report.raw.plans, start=1):
        plan = by_plan[plan_no]
        rows = [a for a in report.doc.activities if a.plan_no == plan_no]
        lines.append(f"  plan {plan_no}: {plan.department} (page {plan.page}, {len(rows)} rows)")
        lines.append(f"    family: {plan.plan_type} (by {plan.family_basis})")
        if plan.title:
            lines.append(f"    title: {plan.title}")
        if plan.approval_note:
            lines.append(f"    approval: {plan.approval_note}")
        lines.append(f"    goal: {plan.km_goal}")
        lines.append(f"    deliverable: {plan.deliverable}")
        mapped = ", ".join(_header_cell(m) for m in raw_plan.columns)
        lines.append(f"    header cells: {mapped}")
        for a in rows:
            lines.append(f"    seq {a.seq} {_row_facts(plan.plan_type, a)}: {a.activity[:60]}")
            if report.doc.meta.document_kind == "results_report":
                lines.append(f"      status {a.status or '-'}, result: {a.result_text or '-'}")
            lines.extend(
                f"      unmapped column {header!r}: {text[:80]}"
                for header, text in a.extra_columns.items()
            )
    return lines


def _header_cell(match: HeaderMatch) -> str:
    column = match.column.value if match.column else "?"
    if match.month is not None:
        # A month column of a Gantt-style ระยะเวลา, and the year printed over it.
        year = f" under {match.year_printed!r}" if match.year_printed else ""
        return f"{match.printed!r}->{column}:month {match.month}{year}"
    return f"{match.printed!r}->{column}({match.score:.0f})"


def _row_facts(plan_type: str, a: Activity) -> str:
    span = f"p.{a.page} {_span(a.period_start, a.period_end)}"
    if plan_type == PlanType.PROJECT_LIST:
        budget = "-" if a.budget_baht is None else f"{a.budget_baht:,.2f} baht"
        return f"{span} budget {budget}"
    percent = "-" if a.target_percent is None else f"{a.target_percent:g}%"
    if plan_type == PlanType.CHANGE_MANAGEMENT:
        return f"element {a.element if a.element is not None else '?'} {span} target {percent}"
    return f"step {a.step if a.step is not None else '?'} {span} target {percent}"


def render_report(report: InspectReport) -> str:
    """The report as plain text for a terminal."""
    doc, raw = report.doc, report.raw
    lines = [
        f"{raw.source_file}: sha256 {raw.sha256[:16]}…, {raw.page_count} pages, "
        f"{len(doc.plans)} plans, {len(doc.activities)} rows",
        "metadata:",
        *_metadata_lines(report),
        f"repair: {doc.meta.repair_share:.2%} of characters changed by glyph repair "
        f"in {len(doc.repairs)} fields; damaged pages (text layer lost characters): "
        f"{', '.join(map(str, doc.meta.damaged_pages)) or 'none'}",
        "plans:",
        *_plan_lines(report),
    ]
    if doc.repairs:
        lines.append("repaired fields:")
        lines.extend(
            f"  p.{r.page} plan {r.plan_no} seq {r.seq} {r.field} [{', '.join(r.kinds)}]: "
            f"{r.printed!r} -> {r.repaired!r}"
            for r in doc.repairs
        )
    lines.append(f"warnings: {len(doc.warnings)}")
    lines.extend(
        f"  {w.code} (page {w.page}, plan {w.plan_no}, seq {w.seq}, {w.field}): {w.message}"
        for w in doc.warnings
    )
    # Per line, after the lines are made: a newline inside a value (a cell's text, a file
    # name) is shown as \\n instead of starting a line of its own.
    return "\n".join(terminal_text(line) for line in lines)
