"""The lines of a plan's title block that carry no label: the plan year and its basis
(ปีงบประมาณ or ปีการศึกษา), the organization line of a project list, and its approval
note (ผ่านมติที่ประชุมคณะกรรมการ ... ครั้งที่ 2/2566 เมื่อวันที่ 15 กุมภาพันธ์ 2566)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from extract.vocab import load
from extract.vocab.families import families
from extract.vocab.years import BE_PREFIX
from normalize.text import clean_text

YearBasis = Literal["fiscal", "academic"]

_BE = rf"{BE_PREFIX}(?P<year>\d{{4}})"
_ACADEMIC = re.compile(rf"ปี\s*การ\s*ศึกษา\s*{_BE}")
_FISCAL = re.compile(rf"ปี\s*งบ\s*(?:ประมาณ|ฯ)\s*{_BE}")
# The approval of the plan: ผ่านมติ / ผ่านความเห็นชอบ / ได้รับอนุมัติ ... (ที่ประชุม ...)
_APPROVAL = re.compile(r"ผ่าน\s*(?:มติ|ความเห็นชอบ|การพิจารณา)|ได้รับ\s*(?:อนุมัติ|ความเห็นชอบ)|มติที่ประชุม")
_APPROVAL_DATE = re.compile(r"(?:เมื่อ\s*)?วันที่\s*(?P<date>\d.*?)\s*\)?\s*$")
_THAI_LETTER = re.compile(r"[ก-ฮ]")
# Lines of the title block that are not the organization: a page number, the year alone.
_NOT_ORGANIZATION = re.compile(r"^[\s\-–—\d()./]*$")


@dataclass(frozen=True)
class PlanYear:
    basis: YearBasis
    year: int  # BE, as printed


def plan_year(texts: Sequence[str | None]) -> PlanYear | None:
    """The year a title block states, with its basis; academic where it says ปีการศึกษา."""
    for text in texts:
        if not text:
            continue
        line = clean_text(text)  # Thai digits become Arabic
        if found := _ACADEMIC.search(line):
            return PlanYear("academic", int(found["year"]))
        if found := _FISCAL.search(line):
            return PlanYear("fiscal", int(found["year"]))
    return None


def approval_note(lines: Sequence[str]) -> str | None:
    return next((clean_text(ln) for ln in lines if _APPROVAL.search(clean_text(ln))), None)


def approval_date(note: str | None) -> str | None:
    """The printed date of an approval note (Thai or Arabic digits), for dates.parse."""
    if not note:
        return None
    found = _APPROVAL_DATE.search(note)
    return found["date"] if found else None


# What a title says besides the organization: แผนการจัดการความรู้ (KM Action Plan), the year,
# a results report's title (extract/vocab/document_kinds.json) and its period (รอบ 6 เดือน).
_REPORT_WORDS = "|".join(
    re.escape(form) + r"(?:\s*ตาม)?"
    for form in sorted(load("document_kinds")["results_report"], key=len, reverse=True)
)
# The KM plan titles (extract/vocab/km_plan_titles.json: แผนปฏิบัติการจัดการความรู้, KM Plan,
# ...), longest first, each in brackets or not, its words spaced or not.
_KM_TITLES = "|".join(
    r"\(?\s*" + r"\s*".join(map(re.escape, title.split())) + r"\s*\)?"
    for title in sorted(load("km_plan_titles")["titles"], key=len, reverse=True)
)
_TITLE_WORDS = re.compile(
    _REPORT_WORDS + r"|รอบ\s*\d+\s*เดือน"
    rf"|{_KM_TITLES}|\(?\s*Knowledge\s*Management\s*\)?"
    rf"|(?:ประจำ)?\s*ปี\s*(?:งบ\s*(?:ประมาณ|ฯ)|การ\s*ศึกษา)\s*{BE_PREFIX}\d{{4}}"
    # the year without ปีงบประมาณ: ประจำปี 2569, ปีปฏิทิน 2569, พ.ศ. 2569, 2569
    rf"|(?:(?:ประจำ\s*)?ปี\s*(?:ปฏิทิน\s*)?)?{BE_PREFIX}(?<!\d)\d{{4}}(?!\d)"
    r"|ของ|ประจำปี|[:\-–]",
    re.IGNORECASE,
)


def title_organization(title: str | None) -> str | None:
    """The organization a title names beside the plan and year (แผนการจัดการความรู้
    คณะพยาบาลศาสตร์ ประจำปีงบประมาณ พ.ศ. 2566), if any."""
    if not title:
        return None
    text = clean_text(title)
    # A family's own name (กระบวนการจัดการความรู้ (KM Process)) is not an organization.
    for form in sorted({t for f in families() for t in f.titles}, key=len, reverse=True):
        text = re.sub(r"\(?\s*" + re.escape(form) + r"\s*\)?", " ", text, flags=re.IGNORECASE)
    rest = clean_text(_TITLE_WORDS.sub(" ", text)).strip(" ()")
    return rest if len(rest) >= 4 and _THAI_LETTER.search(rest) else None


def organization_line(lines: Sequence[str]) -> str | None:
    """The first line of the title block that names a unit: not the approval note, not a
    line stating only the year."""
    for line in lines:
        text = clean_text(line)
        if (
            not text
            or _APPROVAL.search(text)
            or _NOT_ORGANIZATION.match(text)
            or not _THAI_LETTER.search(text)
        ):
            continue
        if (_ACADEMIC.search(text) or _FISCAL.search(text)) and len(text) < 40:
            continue
        return text
    return None
