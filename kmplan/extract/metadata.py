"""Memo and announcement metadata from the text lines in front of the plans.

Values are returned as printed (Thai digits kept); normalize parses them.
"""

from __future__ import annotations

import re
import unicodedata

from kmplan.extract.models import RawMetadata
from kmplan.vocab.glyph_codes import repair_pua

_THAI_OR_ARABIC_DIGIT = "0-9๐-๙"
# ที่ ตก ๕๑๐๐๘/๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖  (memo: reference and date on one line)
# OCR may drop the tone mark of ที่ and the space after it (ที่ตก ๕๑๐๐๘/๙๗๒๖ วันที ๑๑ ...).
_REFERENCE = re.compile(
    r"^\s*ที่?(?:\s+|(?=[ก-ฮ]{2}\s*[0-9๐-๙]))(?P<ref>.+?)(?:\s+วันที่?\s+(?P<date>.+))?\s*$"
)
_ANNOUNCED = re.compile(r"ประกาศ\s*ณ\s*วันที่?\s*(?P<date>.+)$")
# ปีงบประมาณ พ.ศ. ๒๕๖๖, ปีงบ ประมาณ 2566, ปีงบฯ 2566, ปีงบประมาณ พ.ศ.2566
_FISCAL_YEAR = re.compile(
    r"ปี\s*งบ\s*(?:ประมาณ|ฯ)\s*(?:พ\s*\.\s*ศ\s*\.?)?\s*"
    rf"(?P<year>[{_THAI_OR_ARABIC_DIGIT}]{{4}})"
)
_ANNOUNCEMENT_TITLE = re.compile(r"^\s*ประกาศ\s*(?P<org>(?!ณ)\S.*)$")
# (นายณัฐวุฒิ ทวีเกื้อกูลกิจ): a name in parentheses on a line of its own, under a signature
_SIGNER = re.compile(
    r"^\s*\(\s*(?P<name>(?:นาย|นาง|นางสาว|น\.ส\.|ว่าที่|ดร\.|ผศ\.|รศ\.|ศ\.|พล|พ\.|ร\.|จ\.|ส\.)"
    r"[^()]*)\)\s*$"
)
_REF_HAS_DIGITS = re.compile(rf"[{_THAI_OR_ARABIC_DIGIT}]")


def find_metadata(
    lines: list[str], unit_lines: list[str], later_lines: list[str] | None = None
) -> RawMetadata:
    """`lines`: front-matter text in reading order; `unit_lines`: printed ชื่อหน่วยงาน values;
    `later_lines`: text of the pages after the front matter, searched for the fiscal year
    only when the front matter does not print it (a scanned memo, a plan-only file)."""
    reference = memo_date = announced = year = organization = None
    first_signer = announcement_signer = None
    for line in map(readable, lines):
        if reference is None and (m := _REFERENCE.match(line)):
            if _REF_HAS_DIGITS.search(m["ref"]):
                reference, memo_date = m["ref"].strip(), m["date"]
        if announced is None and (m := _ANNOUNCED.search(line)):
            announced = m["date"].strip()
        if year is None and (m := _FISCAL_YEAR.search(line)):
            year = m["year"]
        if organization is None and (m := _ANNOUNCEMENT_TITLE.match(line)):
            organization = m["org"].strip()
        if m := _SIGNER.match(line):
            first_signer = first_signer or m["name"].strip()
            # The name under the announcement's signature wins over the memo's.
            if announced is not None and announcement_signer is None:
                announcement_signer = m["name"].strip()
    if organization is None:
        organization = _organization_from_units(unit_lines)
    if year is None:
        year = next(
            (m["year"] for ln in later_lines or [] if (m := _FISCAL_YEAR.search(readable(ln)))),
            None,
        )
    return RawMetadata(
        organization=organization,
        fiscal_year=year,
        announced_on=announced or (memo_date.strip() if memo_date else None),
        reference_no=reference,
        signed_by=announcement_signer or first_signer,
    )


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
