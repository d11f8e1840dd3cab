"""inspect: what kmplan finds in one PDF and why each value is what it is (no warehouse)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from extract import ExtractSettings, RawDocument, extract_document
from extract.models import HeaderMatch
from extract.vocab.kinds import PlanType
from normalize.document import normalize_document
from normalize.models import Activity, NormalizedDocument


class InspectReport(BaseModel):
    raw: RawDocument
    doc: NormalizedDocument


def inspect_file(path: Path, settings: ExtractSettings | None = None) -> InspectReport:
    """Extract and normalize `path`; raises ExtractError for a file that cannot be read."""
    raw = extract_document(path, settings)
    return InspectReport(raw=raw, doc=normalize_document(raw))


def _span(start: object, end: object) -> str:
    return "-" if start is None else f"{start}..{end}"


def _metadata_lines(report: InspectReport) -> list[str]:
    meta, printed = report.doc.meta, report.raw.metadata
    rows = [
        ("organization", meta.organization, printed.organization),
        (f"{meta.year_basis} year", meta.fiscal_year, printed.fiscal_year),
        ("announced on", meta.announced_on, printed.announced_on),
        ("reference no", meta.reference_no, printed.reference_no),
        ("signed by", meta.signed_by, printed.signed_by),
    ]
    return [f"  {name:<13} {value}   (printed: {shown!r})" for name, value, shown in rows]


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
    return "\n".join(lines)
