"""Memo and announcement metadata from the text lines in front of the plans.

Values are returned as printed (Thai digits kept); normalize parses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from extract.models import RawMetadata
from extract.vocab import load
from extract.vocab.glyph_codes import repair_pua
from extract.vocab.years import BE_PREFIX

_THAI_OR_ARABIC_DIGIT = _D = "0-9๐-๙"
# ที่ ตก ๕๑๐๐๘/๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖  (memo: reference and date on one line)
# OCR may drop the tone mark of ที่ and the space after it (ที่ตก ๕๑๐๐๘/๙๗๒๖ วันที ๑๑ ...).
_REFERENCE = re.compile(
    r"^\s*ที่?(?:\s+|(?=[ก-ฮ]{2}\s*[0-9๐-๙]))(?P<ref>.+?)"
    r"(?:\s+(?:ลง\s*)?วันที่?\s+(?P<date>.+))?\s*$"
)
# A memo may print its date on a line of its own: "วันที่ ๑ ธันวาคม ๒๕๖๖", "ลงวันที่ ...".
# Only a line that is nothing but the date: a body line may begin with วันที่ too.
_MEMO_DATE = re.compile(
    r"^\s*(?:ลง\s*)?วันที่?\s*"
    rf"(?P<date>[{_THAI_OR_ARABIC_DIGIT}]{{1,2}}[^{_THAI_OR_ARABIC_DIGIT}]{{2,25}}"
    rf"[{_THAI_OR_ARABIC_DIGIT}]{{2,4}})\s*$"
)
# ประกาศ ณ วันที่ ... closes an announcement; an order (คำสั่ง) closes with สั่ง ณ วันที่,
# some announcements with ให้ไว้ ณ วันที่.
_ANNOUNCED = re.compile(r"(?:ประกาศ|สั่ง|ให้ไว้)\s*ณ\s*วันที่?\s*(?P<date>.+)$")
# ปีงบประมาณ พ.ศ. ๒๕๖๖, ปีงบ ประมาณ 2566, ปีงบฯ 2566, ปีงบประมาณ พ.ศ.2566
_FISCAL_YEAR = re.compile(
    rf"ปี\s*งบ\s*(?:ประมาณ|ฯ)\s*{BE_PREFIX}"
    rf"(?P<year>[{_D}]{{4}}|[{_D}]{{2}}(?![{_D}]))"
)
# "ประจำปี ๒๕๖๗", "ประจำปี พ.ศ. 2567": the plan's year without the word งบประมาณ. Read only
# when no line says ปีงบประมาณ; ประจำปีการศึกษา (academic) does not match (no digit follows).
_PLAN_YEAR = re.compile(rf"ประจำ\s*ปี\s*{BE_PREFIX}(?P<year>[{_THAI_OR_ARABIC_DIGIT}]{{4}})")
# The heading of an announcement (ประกาศ...) or of an order (คำสั่ง...) names the
# organization. Not a line that continues a sentence: ประกาศใช้/ประกาศให้/ประกาศแผน...,
# nor the closing ประกาศ ณ วันที่.
_ANNOUNCEMENT_TITLE = re.compile(
    r"^\s*(?:ประกาศ|คำสั่ง)\s*(?P<org>(?!ณ|ใช้|ให้|แผน|เรื่อง|ดังกล่าว|นี้|ไว้|ว่า)\S.*)$"
)
# The heading word alone on its line, the organization on the next.
_HEADING_ALONE = re.compile(r"^\s*(?:ประกาศ|คำสั่ง)\s*$")
# (นายณัฐวุฒิ ทวีเกื้อกูลกิจ): a name in parentheses on a line of its own, under a signature.
# The title words a name may begin with are data: extract/vocab/titles.json.
_TITLES = sorted({f for forms in load("titles").values() for f in forms}, key=len, reverse=True)
_SIGNER = re.compile(
    r"^\s*\(\s*(?P<name>(?:" + "|".join(map(re.escape, _TITLES)) + r")[^()]*)\)\s*$"
)
T = TypeVar("T")
_REF_HAS_DIGITS = re.compile(rf"[{_THAI_OR_ARABIC_DIGIT}]")


def find_metadata(
    lines: list[str],
    unit_lines: list[str],
    later_lines: list[str] | None = None,
    page_of: Sequence[int] | None = None,
) -> RawMetadata:
    """`lines`: front-matter text in reading order; `unit_lines`: printed ชื่อหน่วยงาน values;
    `later_lines`: text of the pages after the front matter, searched for the fiscal year
    only when the front matter does not print it (a scanned memo, a plan-only file);
    `page_of`: the page of each line of `lines` then `later_lines`, to say where the year
    and the memo were read."""
    later = later_lines or []
    reference = memo_date = announced = year = organization = None
    first_signer = announcement_signer = None
    heading_alone = False
    year_at: int | None = None
    memo_lines: list[int] = []
    for index, line in enumerate(map(readable, lines)):
        if is_memo_line(line):
            memo_lines.append(index)
        if reference is None and (m := _REFERENCE.match(line)):
            if _REF_HAS_DIGITS.search(m["ref"]):
                reference, memo_date = m["ref"].strip(), m["date"]
        if memo_date is None and (m := _MEMO_DATE.match(line)):
            memo_date = m["date"]
        if organization is None and heading_alone and line.strip():
            # "ประกาศ" alone, then the organization (not the subject line เรื่อง ...).
            if not line.strip().startswith(("เรื่อง", "ณ")):
                organization = line.strip()
        heading_alone = organization is None and bool(_HEADING_ALONE.match(line))
        if announced is None and (m := _ANNOUNCED.search(line)):
            announced = m["date"].strip()
        if year is None and (m := _FISCAL_YEAR.search(line)):
            year, year_at = m["year"], index
        if organization is None and (m := _ANNOUNCEMENT_TITLE.match(line)):
            organization = m["org"].strip()
        if m := _SIGNER.match(line):
            first_signer = first_signer or m["name"].strip()
            # The name under the announcement's signature wins over the memo's.
            if announced is not None and announcement_signer is None:
                announcement_signer = m["name"].strip()
    source = "memo" if organization is not None else None
    if organization is None:
        organization = _organization_from_units(unit_lines)
        source = "title" if organization is not None else None
    if year is None:
        year, year_at = _later_year(lines, later)
    pages = list(page_of or [])
    return RawMetadata(
        fiscal_year_line=_at([*lines, *later], year_at),
        organization=organization,
        fiscal_year=year,
        announced_on=announced or (memo_date.strip() if memo_date else None),
        reference_no=reference,
        signed_by=announcement_signer or first_signer,
        organization_source=source,
        fiscal_year_page=_at(pages, year_at),
        memo_pages=sorted({pages[i] for i in memo_lines if i < len(pages)}),
    )


def _later_year(lines: list[str], later: list[str]) -> tuple[str | None, int | None]:
    """A year the front matter does not state as ปีงบประมาณ: a later page's ปีงบประมาณ, else
    the first ประจำปี of any page; and its line's index in `lines` then `later`."""
    year, year_at = _first_year(later, _FISCAL_YEAR, offset=len(lines))
    if year is None:
        year, year_at = _first_year([*lines, *later], _PLAN_YEAR)
    return year, year_at


def _at(items: Sequence[T], index: int | None) -> T | None:
    """items[index], or None where there is no such item."""
    return items[index] if index is not None and 0 <= index < len(items) else None


def is_memo_line(line: str) -> bool:
    """A line only a memo or an announcement prints: its reference number, its date, its
    heading (ประกาศ... / คำสั่ง...) or its closing ประกาศ ณ วันที่."""
    found = _REFERENCE.match(line)
    return bool(
        (found and _REF_HAS_DIGITS.search(found["ref"]))
        or _MEMO_DATE.match(line)
        or _ANNOUNCED.search(line)
        or _ANNOUNCEMENT_TITLE.match(line)
        or _HEADING_ALONE.match(line)
        or line.strip().startswith("บันทึกข้อความ")
    )


def states_fiscal_year(line: str) -> bool:
    """Whether `line` states the fiscal year as find_metadata reads it first (ปีงบประมาณ ...):
    once a front page does, the later pages are not searched for it."""
    return _FISCAL_YEAR.search(readable(line)) is not None


def _first_year(
    lines: list[str], pattern: re.Pattern[str], offset: int = 0
) -> tuple[str | None, int | None]:
    """The first year `pattern` finds in `lines`, and its line's index (plus `offset`)."""
    for index, line in enumerate(lines):
        if found := pattern.search(readable(line)):
            return found["year"], index + offset
    return None, None


def readable(line: str) -> str:
    """The line with font glyph codes mapped back and sara am recomposed, so that the
    patterns above see the words a reader sees (ท\uf702่ is ที่)."""
    return unicodedata.normalize("NFC", repair_pua(line)).replace("\u0e4d\u0e32", "\u0e33")


def _organization_from_units(unit_lines: list[str]) -> str | None:
    """ชื่อหน่วยงาน : องค์การบริหารส่วนจังหวัดตาก (กองคลัง) names the organization first."""
    for unit in unit_lines:
        head = unit.split("(", 1)[0].strip()
        if head and "(" in unit:
            return head
    return None
