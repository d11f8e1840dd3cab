"""ระยะเวลา cells: a printed period to the first and last day it covers.

The rules are the contract's: a month without a day spans the whole month; a range
without a year on its first month takes the year of its last month unless that puts
the start after the end; with no year printed at all the fiscal year decides.
Whatever cannot be read without guessing comes back as a problem, never as dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from extract.vocab.codes import WarningCode
from extract.vocab.months import month_number
from extract.vocab.years import BE_OFFSET, BE_PREFIX, FISCAL_YEAR_FIRST_MONTH
from normalize.dates import (
    DateError,
    DateParts,
    ce_year,
    last_day,
    parse_date_parts,
)
from normalize.text import clean_text

# Range separators: hyphen, en dash, em dash, minus sign, tilde, "ถึง" (to).
_SEPARATOR = re.compile(r"\s*(?:[-\u2010-\u2015\u2212~]|ถึง)\s*")
# "ตลอดปีงบประมาณ [พ.ศ.] 2566", or "ปีงบประมาณ 2566" alone in the cell: the whole fiscal
# year, printed in words.
_WHOLE_YEAR = re.compile(
    rf"^(?:(?:ตลอด|ทั้ง)\s*ปี(?:งบประมาณ)?|ปีงบประมาณ)\s*{BE_PREFIX}"
    r"(\d{2}|\d{4})?$"
)
# "ไตรมาสที่ 1", "ไตรมาส 2-3", "ไตรมาสที่ 1 - ไตรมาสที่ 2 ปี 2566", "Q1", "Q1-Q2/2569":
# quarters of the plan's year, fiscal (quarter 1 = Oct-Dec of the year before) or calendar
# (quarter 1 = Jan-Mar), as its year basis says.
_QUARTER_WORD = r"(?:ไตรมาส(?:ที่)?|quarter|q)"
_QUARTERS = re.compile(
    rf"^{_QUARTER_WORD}\s*([1-4])"
    rf"(?:\s*(?:[-\u2010-\u2015\u2212~,]|ถึง|และ)\s*{_QUARTER_WORD}?\s*([1-4]))?"
    rf"(?:\s*(?:ปี(?:งบประมาณ|ปฏิทิน)?|fy|/)?\s*{BE_PREFIX}(\d{{4}}|\d{{2}}))?$",
    re.IGNORECASE,
)
# A quarter printed with its fiscal year (ไตรมาส 1 ปีงบประมาณ 2569, Q1 FY2569) is a fiscal
# quarter whatever the plan's basis; one with ปีปฏิทิน, a calendar quarter.
_FISCAL_WORDS = re.compile(r"งบประมาณ|fy", re.IGNORECASE)
_CALENDAR_WORDS = re.compile(r"ปฏิทิน")
# A remark in parentheses after the period: "ต.ค.66 - ก.ย.67 (12 เดือน)",
# "ไตรมาสที่ 3 (เม.ย. - มิ.ย. 67)", "(ตลอดปีงบประมาณ)".
_REMARK = re.compile(r"^(?P<main>.*?)\s*\((?P<remark>[^()]*)\)$")
# Parts of a period printed in several pieces: "ต.ค. 66 - มี.ค. 67 และ ก.ค. 67",
# "ธ.ค. 66, มี.ค. 67". Their first and last day are the period's.
_PARTS = re.compile(r"\s*(?:,|;|และ)\s*")
# "ครั้งที่ 1 ธ.ค. 66": the round's number is not a day.
_ROUND = re.compile(r"ครั้ง\s*ที่\s*\d+")
# "ภายในเดือน ธ.ค. 66" (by December) is a deadline and "ก.พ. 67 เป็นต้นไป" (from February
# on) has no end: the other day is not printed, and the fiscal year's edge would be a guess.
_DEADLINE = re.compile(r"^ภายใน")
_OPEN_END = re.compile(r"เป็นต้นไป\s*$")
# Runs of letters and dots that could be a month name, to tell a remark that names one.
_WORD = re.compile(r"[\u0e01-\u0e4eA-Za-z.]+")
# A day and the month after it ("29 ม.ค.60", "3 ส.ค."): a remark that dates a day.
_DAY_AND_MONTH = re.compile(r"(?<!\d)(\d{1,2})\s*([\u0e01-\u0e4eA-Za-z.]+)")
# Bullets a cell may start with ("-ต.ค.65 - มี.ค.66"); a period never begins with a dash.
_LEADING_BULLETS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022\u25cf\u25aa* "


# Whether the plan's year runs October to September (a Thai fiscal year) or January to
# December (a calendar year); None where the plan does not tell (normalize/year_basis.py).
PeriodBasis = Literal["fiscal", "calendar"]
_FIRST_MONTH = {"fiscal": FISCAL_YEAR_FIRST_MONTH, "calendar": 1}


@dataclass(frozen=True)
class PeriodResult:
    start: date | None
    end: date | None
    problem: str | None = None
    # The warning a problem is recorded under.
    code: WarningCode = WarningCode.PERIOD_UNPARSED


class QuarterBasisError(DateError):
    """Quarters of a plan whose year basis (fiscal or calendar) is not told."""


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year given in BE (2566 -> 2022-10-01..2023-09-30)."""
    ce = fiscal_year - BE_OFFSET
    return date(ce - 1, FISCAL_YEAR_FIRST_MONTH, 1), date(ce, 9, 30)


def year_bounds(year: int, basis: PeriodBasis | None) -> tuple[date, date]:
    """First and last day of plan year `year` (BE): a fiscal year, or a calendar year."""
    if basis == "calendar":
        ce = year - BE_OFFSET
        return date(ce, 1, 1), date(ce, 12, 31)
    return fiscal_year_bounds(year)


def parse_period(
    text: str, fiscal_year: int | None, basis: PeriodBasis | None = "fiscal"
) -> PeriodResult:
    """Start and end date of a printed period, or a problem saying why there are none.
    `fiscal_year` is the plan year (BE) that places year-less months and quarters, by
    `basis`: quarters of a plan whose basis is unknown (None) are not dated."""
    try:
        start, end = _parse(clean_text(text), _Year(fiscal_year, basis))
    except QuarterBasisError as error:
        return PeriodResult(None, None, str(error), WarningCode.QUARTER_BASIS_UNKNOWN)
    except DateError as error:
        return PeriodResult(None, None, str(error))
    return PeriodResult(start, end)


@dataclass(frozen=True)
class _Year:
    """The plan year (BE) and its basis, which place what a period leaves unsaid."""

    year: int | None
    basis: PeriodBasis | None


def _parse(text: str, fiscal_year: _Year) -> tuple[date, date]:
    text = text.lstrip(_LEADING_BULLETS).strip()
    if not text:
        raise DateError("no period printed")
    remark = _REMARK.match(text)
    if remark:
        return _with_remark(remark["main"], remark["remark"], fiscal_year)
    # "ไตรมาสที่ 1 และ 3" is one phrase of quarters, not two periods.
    text = _ROUND.sub(" ", text).strip()
    parts = _PARTS.split(text)
    if len(parts) > 1 and not _QUARTERS.match(text):
        spans = [_parse_one(part.strip(), fiscal_year) for part in parts]
        return min(start for start, _ in spans), max(end for _, end in spans)
    return _parse_one(text, fiscal_year)


def _with_remark(main: str, remark: str, fiscal_year: _Year) -> tuple[date, date]:
    """A period followed by a remark in parentheses. A remark that dates a day ("3 ส.ค.64",
    "จัดในวันที่ 29 ม.ค.60 ... 7,500 บาท") says when the activity was held or reported,
    not the span it was planned for: the period before it stands. Otherwise a remark that
    is itself a period must agree with it (or stands for it when nothing else is printed);
    a remark that names a month but does not read as a period makes the whole unreadable;
    any other remark ("12 เดือน", "ออนไลน์") says nothing about the dates."""
    if not main.strip(_LEADING_BULLETS):
        return _parse(remark, fiscal_year)
    try:
        span = _parse(main, fiscal_year)
    except QuarterBasisError:
        # "ไตรมาส 1 (ม.ค.-มี.ค. 69)": the remark's months say which quarter is meant.
        try:
            return _parse(remark, fiscal_year)
        except DateError:
            raise QuarterBasisError(_BASIS_UNKNOWN) from None
    if _dates_a_day(remark):
        return span
    try:
        remark_span = _parse(remark, fiscal_year)
    except DateError:
        if any(month_number(word) is not None for word in _WORD.findall(remark)):
            raise DateError(f"remark ({remark}) names a month that is not read") from None
        return span
    if remark_span != span:
        raise DateError(f"remark ({remark}) says another period than {main!r}")
    return span


def _dates_a_day(remark: str) -> bool:
    return any(
        1 <= int(day) <= 31 and month_number(word) is not None
        for day, word in _DAY_AND_MONTH.findall(remark)
    )


def _parse_one(text: str, fiscal_year: _Year) -> tuple[date, date]:
    if not text:
        raise DateError("empty part of a period")
    if _DEADLINE.match(text):
        raise DateError(f"a deadline, no start printed: {text!r}")
    if _OPEN_END.search(text):
        raise DateError(f"open-ended, no end printed: {text!r}")
    whole = _WHOLE_YEAR.match(text)
    if whole:
        if fiscal_year.basis == "calendar" and "งบประมาณ" not in text:
            # ตลอดปี of a calendar-year plan: January to December.
            return quarter_span(1, 4, whole.group(1), fiscal_year.year, "calendar")
        return _whole_fiscal_year(whole.group(1), fiscal_year.year)
    quarters = _QUARTERS.match(text)
    if quarters:
        first_q, last_q, printed = quarters.groups()
        basis = fiscal_year.basis
        if _FISCAL_WORDS.search(text) or _CALENDAR_WORDS.search(text):
            basis = "fiscal" if _FISCAL_WORDS.search(text) else "calendar"
        return quarter_span(int(first_q), int(last_q or first_q), printed, fiscal_year.year, basis)
    sides = _SEPARATOR.split(text)
    if len(sides) > 2:
        raise DateError(f"more than one range in {text!r}")
    if any(not side for side in sides):
        raise DateError(f"open range {text!r}")
    first = parse_date_parts(sides[0])
    last = parse_date_parts(sides[-1])
    if len(sides) == 2 and first.month is None:
        first = replace(first, month=last.month, year=last.year)  # "1 - 15 ต.ค. 65"
    if first.month is None or last.month is None:
        raise DateError(f"no month in {text!r}")
    first, last = _fill_years(first, last, fiscal_year)
    start, end = _first_day(first), _last_day(last)
    if start > end:
        raise DateError(f"start after end in {text!r}")
    return start, end


_BASIS_UNKNOWN = (
    "quarters, but the plan does not say whether its year is a fiscal year (ต.ค.-ก.ย.) "
    "or a calendar year (ม.ค.-ธ.ค.)"
)


def _whole_fiscal_year(printed: str | None, fiscal_year: int | None) -> tuple[date, date]:
    if printed is not None:
        fiscal_year = ce_year(printed) + BE_OFFSET
    if fiscal_year is None:
        raise DateError("whole fiscal year, but the fiscal year is unknown")
    try:
        return fiscal_year_bounds(fiscal_year)
    except ValueError as error:  # a fiscal year outside the calendar's range
        raise DateError(f"no fiscal year {fiscal_year}") from error


def quarter_span(
    first_q: int,
    last_q: int,
    printed: str | None,
    fiscal_year: int | None,
    basis: PeriodBasis | None,
) -> tuple[date, date]:
    """First day of quarter `first_q` to last day of `last_q` of the year printed beside
    them (`printed`) or else the plan's, counted from the basis's first month."""
    if basis is None:
        raise QuarterBasisError(_BASIS_UNKNOWN)
    if basis == "calendar":
        plan_year = ce_year(printed) + BE_OFFSET if printed is not None else fiscal_year
        if plan_year is None:
            raise DateError("calendar-year quarters, but the plan's year is unknown")
        start, _ = year_bounds(plan_year, basis)
    else:
        start, _ = _whole_fiscal_year(printed, fiscal_year)
    if last_q < first_q:
        raise DateError(f"quarter {first_q} after quarter {last_q}")
    first_month = start.month + 3 * (first_q - 1)
    first = date(start.year + (first_month - 1) // 12, (first_month - 1) % 12 + 1, 1)
    last_month = start.month + 3 * last_q - 1
    year, month = start.year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    return first, date(year, month, last_day(year, month))


def _fill_years(
    first: DateParts, last: DateParts, fiscal_year: _Year
) -> tuple[DateParts, DateParts]:
    if first.year is None and last.year is not None:
        first = replace(first, year=last.year)
        if _first_day(first) > _last_day(last):
            first = replace(first, year=last.year - 1)
    elif last.year is None and first.year is not None:
        last = replace(last, year=first.year)
        if _first_day(first) > _last_day(last):
            last = replace(last, year=first.year + 1)
    elif first.year is None and last.year is None:
        if fiscal_year.year is None:
            raise DateError("no year printed and the fiscal year is unknown")
        first = replace(first, year=_year_in_plan(first, fiscal_year.year, fiscal_year.basis))
        last = replace(last, year=_year_in_plan(last, fiscal_year.year, fiscal_year.basis))
    return first, last


def _year_in_plan(parts: DateParts, year: int, basis: PeriodBasis | None) -> int:
    """The CE year of a year-less month of plan year `year`: a calendar year holds all
    twelve; otherwise October to December belong to the year before (the fiscal rule,
    also where the basis is not told: the plans kmplan reads are mostly fiscal)."""
    assert parts.month is not None
    ce = year - BE_OFFSET
    first_month = _FIRST_MONTH["calendar" if basis == "calendar" else "fiscal"]
    return ce - 1 if first_month > 1 and parts.month >= first_month else ce


def _first_day(parts: DateParts) -> date:
    assert parts.year is not None and parts.month is not None
    return _date(parts.year, parts.month, parts.day or 1)


def _last_day(parts: DateParts) -> date:
    assert parts.year is not None and parts.month is not None
    return _date(parts.year, parts.month, parts.day or last_day(parts.year, parts.month))


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:  # 29 ก.พ. in a common year, once the year is known
        raise DateError(f"no such date {day}/{month}/{year}") from error
