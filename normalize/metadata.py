"""Memo and announcement lines (organization, fiscal year, reference, signer, date)."""

from __future__ import annotations

import re
from datetime import date

from extract.vocab.years import BE_OFFSET
from normalize.dates import DateError, ce_year, parse_thai_date
from normalize.text import clean_text

# The announcement heading reads "ประกาศองค์การบริหารส่วนจังหวัดตาก" (an order's
# "คำสั่ง..."): the word is not part of the organization's name.
_ANNOUNCEMENT = re.compile(r"^(?:ประกาศ|คำสั่ง)\s*")
# Four-digit years first: a two-digit number is only read as a year (66) when no
# four-digit one is printed, since "ครั้งที่ 12" must not become 2512.
_YEARS = (re.compile(r"(?<!\d)(\d{4})(?!\d)"), re.compile(r"(?<!\d)(\d{2})(?!\d)"))
# "ที่ ตก 51008/9726", "ที่ : ตก ..." - the label ที่ (number) and its colon are not part of
# the number (extract leaves the colon when the label is spaced from it).
_REFERENCE_LABEL = re.compile(r"^(?:ที่)?\s*:?\s*")
# The memo prints the date on the same line as the reference number.
_DATE_LABEL = re.compile(r"\s*(?:ลง\s*)?วันที่.*$")


# A heading printed on one line with its subject or an order's number:
# "ประกาศเทศบาลตำบลบ้านใหม่ เรื่อง แผน...", "คำสั่งเทศบาลตำบลบ้านใหม่ ที่ 123/2566".
_AFTER_NAME = re.compile(r"\s+(?:เรื่อง(?:\s|:|$)|ที่\s*:?\s*\d).*$")


def organization_name(printed: str | None) -> str | None:
    """The issuing organization, without the heading word ประกาศ and what follows the name."""
    name = _ANNOUNCEMENT.sub("", clean_text(printed or "")).strip()
    return _AFTER_NAME.sub("", name).strip() or None


def fiscal_year(printed: str | None) -> int | None:
    """The fiscal year in BE from "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", "2566" or "66"."""
    text = clean_text(printed or "")
    for pattern in _YEARS:
        for found in pattern.finditer(text):
            try:
                return ce_year(found.group(1)) + BE_OFFSET
            except DateError:
                continue
    return None


def reference_number(printed: str | None) -> str | None:
    """The letter's reference number as printed, Arabic digits, without the label ที่."""
    text = _DATE_LABEL.sub("", _REFERENCE_LABEL.sub("", clean_text(printed or "")))
    return text.strip() or None


def signer_name(printed: str | None) -> str | None:
    """The signer's name with title, without the parentheses it is printed in."""
    text = clean_text(printed or "")
    text = clean_text(text.removeprefix("(").removesuffix(")"))
    return text or None


def announcement_date(printed: str | None) -> date | None:
    return parse_thai_date(printed) if printed else None
