"""Periods marked in month columns: a Gantt-style ระยะเวลา prints the twelve months as
columns (HeaderMatch.month) and each row marks the months it runs in
(RawRow.marked_months).

The period runs from the first day of the first marked month to the last day of the last
one, as the pieces of a text period joined by และ do: months marked apart are not a
problem, and the period's text names every marked month. A month's year is the one
printed over it (a year row, พ.ศ. 2566 over ต.ค.-ธ.ค.) or beside it (ต.ค. 66); where none
is printed, the fiscal year places the months, October to September. Years that do not
follow the months from column to column, or months the fiscal year cannot place, date no
row: the reason comes back as a problem, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from extract.models import HeaderMatch
from extract.vocab.years import FISCAL_YEAR_FIRST_MONTH
from normalize.dates import DateError, ce_year, last_day, parse_date_parts
from normalize.digits import to_arabic_digits
from normalize.periods import PeriodBasis, PeriodResult, fiscal_year_bounds, year_bounds
from normalize.text import clean_text

_DIGITS = re.compile(r"\d{4}|\d{2}")
# "ปีงบประมาณ 2567" over the months states the fiscal year, not the calendar year.
_FISCAL_LABEL = re.compile(r"งบประมาณ|fiscal|\bFY", re.IGNORECASE)


@dataclass(frozen=True)
class MonthColumn:
    month: int  # 1-12
    printed: str  # the header as printed, whitespace collapsed
    year: int | None  # CE; None when the columns cannot be dated


@dataclass(frozen=True)
class MonthCalendar:
    """The month columns of one plan, in column order, with their years."""

    columns: tuple[MonthColumn, ...]
    problem: str | None = None  # why the columns have no years (then no row is dated)

    def column(self, month: int) -> MonthColumn:
        return next(c for c in self.columns if c.month == month)


def month_calendar(
    headers: Sequence[HeaderMatch], fiscal_year: int | None, basis: PeriodBasis | None = "fiscal"
) -> MonthCalendar | None:
    """The plan's month columns dated, or None when its ระยะเวลา is not printed as months.
    Where no year is printed over them, the plan year places them by its `basis`."""
    months = [h for h in headers if h.month is not None]
    if not months:
        return None
    numbers = [h.month for h in months if h.month is not None]
    printed = [clean_text(h.printed) for h in months]
    try:
        years: list[int | None] = list(_years(numbers, months, fiscal_year, basis))
        problem = None
    except DateError as error:
        years, problem = [None] * len(months), str(error)
    columns = zip(numbers, printed, years, strict=True)
    return MonthCalendar(tuple(MonthColumn(*column) for column in columns), problem)


def _printed_year(header: HeaderMatch, month: int) -> int | None:
    """The CE year printed for one month column: beside the month (ต.ค. 66) or over it."""
    own = parse_date_parts(header.printed).year  # DateError for "Oct 23": not guessed
    if own is not None:
        return own
    label = to_arabic_digits(header.year_printed or "")
    found = _DIGITS.findall(label)
    if not found:
        return None
    if len(found) > 1:
        raise DateError(f"more than one year in {label!r} over the month columns")
    year = ce_year(found[0])
    if _FISCAL_LABEL.search(label):
        return year - 1 if month >= FISCAL_YEAR_FIRST_MONTH else year
    return year


def _years(
    months: list[int], headers: Sequence[HeaderMatch], fiscal: int | None, basis: PeriodBasis | None
) -> list[int]:
    printed = [_printed_year(h, m) for h, m in zip(headers, months, strict=True)]
    known = next((k for k, year in enumerate(printed) if year is not None), None)
    if known is None:
        if fiscal is None:
            raise DateError("no year printed over the month columns and the fiscal year is unknown")
        if basis == "calendar" and months[0] == 1:
            # ม.ค. to ธ.ค. of a calendar-year plan: the months of its year.
            first_day, _ = year_bounds(fiscal, basis)
            printed = [first_day.year, *printed[1:]]
            known = 0
        elif months[0] != FISCAL_YEAR_FIRST_MONTH:
            raise DateError(
                f"the month columns begin with month {months[0]} and print no year: "
                "the fiscal year places October to September only"
            )
        else:
            first, _ = fiscal_year_bounds(fiscal)
            known, printed = 0, [first.year, *printed[1:]]
    # Columns run month after month: a year turns where December is followed by January.
    years = [0] * len(months)
    anchor = printed[known]
    assert anchor is not None
    years[known] = anchor
    for k in range(known + 1, len(months)):
        years[k] = years[k - 1] + (months[k] < months[k - 1])
    for k in range(known - 1, -1, -1):
        years[k] = years[k + 1] - (months[k] > months[k + 1])
    for year, stated in zip(years, printed, strict=True):
        if stated is not None and stated != year:
            raise DateError("the years printed over the month columns do not follow the months")
    return years


def marked_period(calendar: MonthCalendar, marked: Sequence[int]) -> tuple[str, PeriodResult]:
    """The period text (the printed headers of the marked months, in column order, joined by
    spaces) and the period's first and last day."""
    columns = [c for c in calendar.columns if c.month in set(marked)]
    text = " ".join(c.printed for c in columns)
    if not columns:
        headers = " ".join(c.printed for c in calendar.columns)
        return text, PeriodResult(None, None, f"no month marked in the month columns ({headers})")
    if calendar.problem is not None:
        return text, PeriodResult(None, None, calendar.problem)
    first, last = columns[0], columns[-1]
    assert first.year is not None and last.year is not None
    start = date(first.year, first.month, 1)
    end = date(last.year, last.month, last_day(last.year, last.month))
    return text, PeriodResult(start, end)
