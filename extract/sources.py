"""Where a document names its organization and year when no memo or announcement does.

University, college and hospital plans seldom carry a memo: a cover page (often a framed
box: four rules around the text, or a small table, whose cells are read too) or the title
block above the plan table names the unit, and a running header or footer may repeat it
on every page.
Values are returned as printed; normalize cleans them and decides which source wins.
The words that begin a unit's name are data: extract/vocab/units.json.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.metadata import readable
from extract.models import RawMetadata
from extract.text.page_content import PageContent
from extract.vocab import load

_UNITS = load("units")
_UNIT_WORDS = sorted(_UNITS["units"], key=len, reverse=True)
_NOT_UNITS = tuple(_UNITS["not_units"])
# What a cover line may print before the unit's name: the plan's own title words.
# The KM plan titles are data (extract/vocab/km_plan_titles.json), longest first.
_KM_TITLES = "|".join(
    r"\(?\s*" + r"\s*".join(map(re.escape, title.split())) + r"\s*\)?"
    for title in sorted(load("km_plan_titles")["titles"], key=len, reverse=True)
)
_LEADING_TITLE = re.compile(
    rf"^(?:\s|{_KM_TITLES}|รายงานผลการดำเนินงาน(?:ตาม)?|ของ|[:\-–])+",
    re.IGNORECASE,
)
# What follows the name on the same line: the year, the plan's title, a page number.
_AFTER_NAME = re.compile(
    r"\s*(?:ประจำ\s*ปี|ปี\s*งบ|ปี\s*การ\s*ศึกษา|พ\s*\.\s*ศ\s*\.|แผนการจัดการความรู้"
    r"|\(?\s*KM\b|หน้า\s*[0-9๐-๙]|[0-9๐-๙]+\s*$).*$",
    re.IGNORECASE,
)
_YEAR_LINE = re.compile(
    r"(?:ปี\s*งบ\s*(?:ประมาณ|ฯ)|ปี\s*การ\s*ศึกษา|ประจำ\s*ปี)\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*[0-9๐-๙]{4}"
)
_DIGITS = re.compile(r"[0-9๐-๙]+")
# A cover names its unit in a few short lines; a longer line is a sentence.
_LONGEST_NAME_LINE = 120
# A name printed over more lines than this is not one name.
_MOST_NAME_LINES = 3
# A line is a running header or footer when it opens or closes at least this share of
# the pages (and two pages at least).
_RUNNING_SHARE = 0.6
_EDGE_LINES = 2


@dataclass(frozen=True)
class PageText:
    number: int
    # Every text line (top, text, inside a table), top to bottom: a box on a cover may be
    # a table, while the cells of a plan table name no organization.
    placed: tuple[tuple[float, str, bool], ...]
    # The first and last lines outside tables: where a running header or footer sits.
    edges: tuple[str, ...]

    def lines(self, tables: bool) -> list[str]:
        return [text for _, text, boxed in self.placed if tables or not boxed]


def page_text(content: PageContent, whole: bool) -> PageText:
    """The lines of one page this module reads; `whole`: all of them (front pages), else
    only its edge lines."""
    outside = [line.text for line in content.lines]
    edges = (*outside[:_EDGE_LINES], *outside[-_EDGE_LINES:]) if outside else ()
    if not whole:
        return PageText(content.number, (), tuple(edges))
    placed = [(line.top, line.text, False) for line in content.lines]
    for grid in content.grids:
        for row in grid.rows:
            for cell in row.cells:
                if cell is None or cell.spanned:
                    continue
                if cell.lines:
                    placed.extend((ln.top, ln.text, True) for ln in cell.lines)
                elif cell.text.strip():
                    placed.append((cell.bbox.top, cell.text, True))
    return PageText(content.number, tuple(sorted(placed, key=lambda p: p[0])), tuple(edges))


def unit_name(line: str) -> str | None:
    """The unit a line names, from its unit word on (คณะพยาบาลศาสตร์ of แผนการจัดการความรู้
    คณะพยาบาลศาสตร์ ประจำปีงบประมาณ 2566), if the line is a name and not a sentence."""
    text = " ".join(readable(line).split())
    if not text or len(text) > _LONGEST_NAME_LINE:
        return None
    text = _LEADING_TITLE.sub("", text)
    if text.startswith(_NOT_UNITS) or not text.startswith(tuple(_UNIT_WORDS)):
        return None
    name = _AFTER_NAME.sub("", text).strip(" :-–()")
    return name if len(name) > min(len(w) for w in _UNIT_WORDS if text.startswith(w)) else None


def cover_organization(
    pages: Iterable[PageText],
    memo_pages: Sequence[int],
    plan_pages: Sequence[int],
    running: Iterable[str] = (),
) -> tuple[str, int] | None:
    """The first unit named on a page that is no memo (outside the plan tables), with the
    lines right under it that name a unit too (คณะวิทยาศาสตร์ / มหาวิทยาลัยราชภัฏ... is
    one name printed on two lines). Running lines are a header's, not a cover's."""
    repeated = {_mask(line) for line in running}
    for page in pages:
        if page.number in memo_pages:
            continue
        lines = page.lines(page.number not in plan_pages)
        names = [None if _mask(line) in repeated else unit_name(line) for line in lines]
        for index, name in enumerate(names):
            if name is None:
                continue
            parts = [name]
            for following in names[index + 1 : index + _MOST_NAME_LINES]:
                if following is None:
                    break
                parts.append(following)
            return " ".join(parts), page.number
    return None


def cover_year(pages: Iterable[PageText], skip: Sequence[int]) -> tuple[str, int] | None:
    """The first line stating the plan's year on a page not in `skip` (a cover)."""
    for page in pages:
        if page.number in skip:
            continue
        for line in page.lines(tables=True):
            if _YEAR_LINE.search(readable(line)):
                return line, page.number
    return None


def running_lines(pages: Sequence[PageText]) -> list[str]:
    """Lines that open or close most pages (page numbers masked), first printing of each."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for page in pages:
        for key in {_mask(line) for line in page.edges}:
            counts[key] += 1
        for line in page.edges:
            first.setdefault(_mask(line), line)
    need = max(2, round(_RUNNING_SHARE * len(pages) + 0.49))
    return [first[key] for key in first if key and counts[key] >= need]


def running_organization(lines: Iterable[str]) -> str | None:
    return next((name for line in lines if (name := unit_name(line))), None)


_REPORT_TITLES = tuple(load("document_kinds")["results_report"])
# A memo's subject line may carry the title: เรื่อง รายงานผลการดำเนินงาน...
_SUBJECT = re.compile(r"^\s*(?:เรื่อง\s*:?)?\s*")


def is_report_title(line: str | None) -> bool:
    """A line that opens with a results report's title (รายงานผลการดำเนินงานตามแผน...,
    also รอบ 6 เดือน / 12 เดือน); a plan that mentions reporting in a sentence is none."""
    if not line:
        return False
    text = "".join(_SUBJECT.sub("", readable(line)).split())
    return text.startswith(tuple("".join(t.split()) for t in _REPORT_TITLES))


def report_title(pages: Iterable[PageText], plan_pages: Sequence[int]) -> str | None:
    """The first line of the front pages that is a results report's title (not a cell of
    a plan table: รายงานผลการดำเนินงานต่อผู้บริหาร is a step's method)."""
    for page in pages:
        for line in page.lines(tables=page.number not in plan_pages):
            if is_report_title(line):
                return line
    return None


def with_sources(
    metadata: RawMetadata, pages: Sequence[PageText], plan_pages: Iterable[int]
) -> RawMetadata:
    """`metadata` (the memo's) with the cover, title block and running lines added."""
    plans = sorted(set(plan_pages))
    running = running_lines(pages)
    cover = cover_organization(pages, metadata.memo_pages, plans, running)
    year = cover_year(pages, [*metadata.memo_pages, *plans])
    return metadata.model_copy(
        update={
            "plan_pages": plans,
            "cover_organization": cover[0] if cover else None,
            "cover_organization_page": cover[1] if cover else None,
            "cover_year": year[0] if year else None,
            "cover_year_page": year[1] if year else None,
            "running_lines": running,
            "report_title": report_title(pages, plans),
        }
    )


def _mask(line: str) -> str:
    return _DIGITS.sub("#", " ".join(readable(line).split()))
