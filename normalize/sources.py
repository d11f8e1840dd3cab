"""Which printed source gives a document its organization and year, and where it came from.

In order: the memo or announcement; the cover page or the title block above a plan table;
a running header or footer; what the user gave `kmplan ingest` (--organization,
--fiscal-year); else nothing, and the field is NULL with a warning (contract v2, "Missing
metadata"). A year is never inferred from the periods of the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.models import RawMetadata
from extract.sources import running_organization
from normalize.metadata import fiscal_year, organization_name
from normalize.models import DocumentMeta, Source
from normalize.plan_header import PlanYear, YearBasis, plan_year
from normalize.text import clean_text

_STATES_YEAR = re.compile(r"(?:ปี\s*งบ|ประจำ\s*ปี|ปี\s*พ\s*\.\s*ศ|ปี\s*การ\s*ศึกษา)\s*.{0,12}\d{4}")


@dataclass(frozen=True)
class Found:
    value: str | None
    source: Source | None


@dataclass(frozen=True)
class FoundYear:
    year: int | None
    basis: YearBasis
    source: Source | None


def page_kind(printed: RawMetadata, page: int | None) -> Source:
    """memo, title (a page holding a plan table) or cover (any other page)."""
    if page in printed.memo_pages:
        return "memo"
    return "title" if page in printed.plan_pages else "cover"


def find_organization(printed: RawMetadata, title_block: str | None) -> Found:
    """The organization by the sources' order; `title_block` is what the plans' title
    lines name (a project list's organization line, or a title naming its unit)."""
    cover_kind = page_kind(printed, printed.cover_organization_page)
    from_units = printed.organization_source == "title"  # else the announcement's heading
    candidates: list[tuple[str | None, Source]] = [
        (None if from_units else printed.organization, "memo"),
        (printed.cover_organization if cover_kind == "cover" else None, "cover"),
        (printed.organization if from_units else None, "title"),
        (title_block, "title"),
        (printed.cover_organization if cover_kind == "title" else None, "title"),
        (running_organization(printed.running_lines), "header"),
    ]
    for text, source in candidates:
        if name := organization_name(text):
            return Found(name, source)
    return Found(None, None)


def find_year(printed: RawMetadata, title_year: PlanYear | None) -> FoundYear:
    """The plan year: the memo's or the first line stating it; the plan's own title where
    it states an academic year or nothing else does; then a cover, a running line."""
    year = fiscal_year(printed.fiscal_year)
    if title_year is not None and (title_year.basis == "academic" or year is None):
        return FoundYear(title_year.year, title_year.basis, "title")
    if year is not None:
        return FoundYear(year, "fiscal", page_kind(printed, printed.fiscal_year_page))
    later: list[tuple[list[str], Source]] = [
        ([printed.cover_year] if printed.cover_year else [], "cover"),
        (list(printed.running_lines), "header"),
    ]
    for lines, source in later:
        stated = plan_year(lines)
        if stated is not None:
            return FoundYear(stated.year, stated.basis, source)
        value = next((v for line in lines if (v := _stated_year(line)) is not None), None)
        if value is not None:
            return FoundYear(value, "fiscal", source)
    return FoundYear(None, "fiscal", None)


def _stated_year(line: str) -> int | None:
    """The year of a line that states one (ประจำปี พ.ศ. 2566), not any number in it."""
    return fiscal_year(line) if _STATES_YEAR.search(clean_text(line)) else None


def field_sources(
    meta: DocumentMeta, printed: RawMetadata, organization: Found, year: FoundYear
) -> dict[str, Source]:
    """Where each document field that has a value was read."""
    dated: Source = "memo" if printed.announced_on else "title"  # else a list's approval
    found: dict[str, Source | None] = {
        "organization": organization.source,
        "fiscal_year": year.source,
        "announced_on": dated if meta.announced_on else None,
        "reference_no": "memo" if meta.reference_no else None,
        "signed_by": "memo" if meta.signed_by else None,
    }
    return {field: source for field, source in found.items() if source is not None}
