"""Thai calendar dates as printed: day, month name (full, abbreviated, broken), BE year.

PyThaiNLP's thai_strptime is not used: it needs a day, rejects Thai digits and
misreads months 10-12. Month names are looked up in the `months` vocabulary instead,
so that typos and broken abbreviations ("ต .ค", "ตค.") still resolve.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from extract.vocab.months import month_number
from extract.vocab.years import BE_OFFSET, ERA
from normalize.text import clean_text

# Words printed around a date that carry no date information ("วันที่ 11 ตุลาคม พ.ศ. 2566").
# พ.ศ./ค.ศ. need care: "พ.ศ" must not eat the พ of พ.ค. or พ.ย., hence the required ศ.
# ระหว่าง/ช่วง (between, during) and ในเดือน (in the month of) only frame the date;
# ภายใน (by, a deadline) is not dropped: it gives no start.
_NOISE = re.compile(rf"วันที่|ตั้งแต่|ระหว่าง|ช่วง|(?<!ภาย)ในเดือน|เดือน|{ERA}")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z]")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{2}|\d{4})$")
# A day, a month-like run of non-digits and a year, inside longer text (memo lines).
_DATE_IN_TEXT = re.compile(r"(?<!\d)\d{1,2}(?!\d)[^\d]{1,30}?(?<!\d)(?:\d{4}|\d{2})(?!\d)")


class DateError(ValueError):
    """A printed date that cannot be read without guessing; the message says why."""


@dataclass(frozen=True)
class DateParts:
    """What one printed date states; missing parts are filled by the caller's rules."""

    day: int | None
    month: int | None
    year: int | None  # CE


def ce_year(digits: str) -> int:
    """CE year of a printed year: 2-digit BE (66), 4-digit BE (2566) or 4-digit CE (2023)."""
    value = int(digits)
    if len(digits) == 2:
        return 2500 + value - BE_OFFSET
    if len(digits) == 4 and value >= 2400:
        return value - BE_OFFSET
    if len(digits) == 4 and 1900 <= value <= 2200:
        return value  # printed in CE (ค.ศ.); BE years are never this small
    raise DateError(f"not a year: {digits!r}")


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_date_parts(text: str) -> DateParts:
    """Read one printed date such as "1 ต.ค.65", "มกราคม 2566", "ต.ค." or "15"."""
    text = clean_text(_NOISE.sub(" ", clean_text(text)))
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        day, month, year = numeric.groups()
        return _checked(DateParts(int(day), int(month), ce_year(year)))
    chunks = [chunk.strip() for chunk in re.split(r"(\d+)", text)]
    # Chunks of bare punctuation ("/", ",") separate numbers; only letters make a month.
    words = [i for i, chunk in enumerate(chunks) if _LETTER.search(chunk)]
    if not words:
        return _day_only(chunks)
    if len(words) > 1:
        raise DateError(f"more than one month in {text!r}")
    at = words[0]
    before = [c for c in chunks[:at] if c.isdecimal()]
    after = [c for c in chunks[at + 1 :] if c.isdecimal()]
    if len(before) > 1 or len(after) > 1:
        raise DateError(f"too many numbers in {text!r}")
    month = month_number(chunks[at])
    if month is None:
        raise DateError(f"unknown month {chunks[at]!r}")
    day = int(before[0]) if before else None
    if after and len(after[0]) == 2 and _LATIN.search(chunks[at]):
        # "Oct 23" is 2023 to an English reader and 2523 BE to the Thai rule: not guessed.
        raise DateError(f"two-digit year {after[0]!r} with an English month name")
    year = ce_year(after[0]) if after else None
    return _checked(DateParts(day, month, year))


def _day_only(chunks: list[str]) -> DateParts:
    # A bare number is only meaningful as the first day of "1 - 15 ต.ค. 65".
    numbers = [c for c in chunks if c.isdecimal()]
    if len(numbers) == 1 and len(numbers[0]) <= 2 and 1 <= int(numbers[0]) <= 31:
        return DateParts(int(numbers[0]), None, None)
    raise DateError(f"no month in {' '.join(numbers)!r}" if numbers else "empty date")


def _checked(parts: DateParts) -> DateParts:
    if parts.month is not None and not 1 <= parts.month <= 12:
        raise DateError(f"no month {parts.month}")
    if parts.day is not None:
        # Without a year, February may still have 29 days.
        limit = 29 if parts.month == 2 and parts.year is None else 31
        if parts.month is not None and parts.year is not None:
            limit = last_day(parts.year, parts.month)
        elif parts.month is not None and parts.month != 2:
            limit = last_day(2001, parts.month)
        if not 1 <= parts.day <= limit:
            raise DateError(f"no day {parts.day} in month {parts.month}")
    return parts


def parse_thai_date(text: str) -> date | None:
    """The first complete date (day, month, year) printed in `text`, e.g. a memo line."""
    cleaned = clean_text(text)
    for candidate in _DATE_IN_TEXT.finditer(cleaned):
        try:
            parts = parse_date_parts(candidate.group(0))
        except DateError:
            continue
        if parts.day is not None and parts.month is not None and parts.year is not None:
            return date(parts.year, parts.month, parts.day)
    return None
