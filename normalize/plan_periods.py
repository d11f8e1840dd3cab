"""How one plan's periods are dated: its year, its year basis, and the month or quarter
columns its rows mark.

The year basis says which months a quarter is, and where a year-less October goes:
- stated: the plan's title block, a year row over its period columns, or the line the
  document's year was read from says ปีงบประมาณ (fiscal) or ปีปฏิทิน (calendar)
  (extract/vocab/year_bases.json);
- else the plan's month columns: from ต.ค. a fiscal year, from ม.ค. a calendar year; or
  those of the document's other plans, where they agree;
- else it is not told (None): quarters are then not dated (`quarter-basis-unknown`),
  never guessed. ประจำปี 2569 alone tells no basis: agencies print it over fiscal plans,
  companies over calendar ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from extract import vocab
from extract.models import RawPlan, RawRow
from extract.vocab.codes import WarningCode
from extract.vocab.years import FISCAL_YEAR_FIRST_MONTH
from normalize.dates import DateError
from normalize.digits import to_arabic_digits
from normalize.marked_periods import MonthCalendar, marked_period, month_calendar
from normalize.periods import (
    PeriodBasis,
    PeriodResult,
    QuarterBasisError,
    parse_period,
    quarter_span,
)
from normalize.text import clean_text

_FIRST_MONTHS: dict[int, PeriodBasis] = {FISCAL_YEAR_FIRST_MONTH: "fiscal", 1: "calendar"}
_YEAR = re.compile(r"(?<!\d)(\d{4}|\d{2})(?!\d)")


@cache
def _basis_words() -> tuple[tuple[PeriodBasis, re.Pattern[str]], ...]:
    """Each basis and the words that state it: Thai ones anywhere in a line (compared
    without spaces), English ones as whole words."""
    found: list[tuple[PeriodBasis, re.Pattern[str]]] = []
    data = vocab.load("year_bases")
    for basis in ("calendar", "fiscal"):  # ปีงบ must not hide ปีปฏิทิน: calendar first
        forms = data[basis]
        thai = [re.escape(vocab.squash(f)) for f in forms if not f.isascii()]
        english = [r"\s*".join(map(re.escape, f.split())) for f in forms if f.isascii()]
        pattern = "|".join([*thai, *(rf"\b{e}(?![A-Za-z])" for e in english)])
        found.append((basis, re.compile(pattern, re.IGNORECASE)))
    return tuple(found)


def stated_basis(texts: Iterable[str | None]) -> PeriodBasis | None:
    """The basis the first of `texts` that states one says (ปีงบประมาณ, ปีปฏิทิน, ...)."""
    for text in texts:
        if not text:
            continue
        line = clean_text(text)
        squashed = vocab.squash(line)
        for basis, words in _basis_words():
            if any(words.search(form) for form in (squashed, line)):
                return basis
    return None


def months_basis(raw: RawPlan) -> PeriodBasis | None:
    """The basis a plan's month columns tell: from ต.ค. fiscal, from ม.ค. calendar."""
    months = [h.month for h in raw.columns if h.month is not None]
    return _FIRST_MONTHS.get(months[0]) if months else None


def document_months_basis(plans: Sequence[RawPlan]) -> PeriodBasis | None:
    """The basis the month columns of a document's plans tell, where they all agree: one
    document has one plan year."""
    told = {basis for raw in plans if (basis := months_basis(raw)) is not None}
    return told.pop() if len(told) == 1 else None


def plan_basis(
    raw: RawPlan, document_lines: Sequence[str | None], document_months: PeriodBasis | None = None
) -> PeriodBasis | None:
    """The year basis of one plan: stated by its own title block or the year row over
    its period columns, then by the document's year lines; then told by its own month
    columns, then by those of the document's other plans."""
    over_columns = [h.year_printed for h in raw.columns if h.in_grid]
    stated = stated_basis([raw.title, *raw.header.lines, *over_columns, *document_lines])
    return stated or months_basis(raw) or document_months


@dataclass(frozen=True)
class QuarterColumn:
    quarter: int  # 1-4
    printed: str  # the header as printed, whitespace collapsed
    year_printed: str | None  # the year row over it, as printed


@dataclass(frozen=True)
class PlanPeriods:
    """What dates the rows of one plan."""

    year: int | None  # the plan year (BE) that places year-less months and quarters
    basis: PeriodBasis | None
    months: MonthCalendar | None  # the month columns, dated
    quarters: tuple[QuarterColumn, ...] = ()  # the quarter columns, in column order

    def marked(self, row: RawRow) -> tuple[str, PeriodResult] | None:
        """The text and dates of the period a row marks in the month or quarter columns;
        None where the plan prints its period as text."""
        if self.months is not None:
            return marked_period(self.months, row.marked_months)
        if self.quarters:
            return self._marked_quarters(row.marked_quarters)
        return None

    def printed(self, text: str) -> PeriodResult:
        return parse_period(text, self.year, self.basis)

    def _marked_quarters(self, marked: Sequence[int]) -> tuple[str, PeriodResult]:
        columns = [c for c in self.quarters if c.quarter in set(marked)]
        text = " ".join(c.printed for c in columns)
        if not columns:
            headers = " ".join(c.printed for c in self.quarters)
            problem = f"no quarter marked in the quarter columns ({headers})"
            return text, PeriodResult(None, None, problem)
        label = to_arabic_digits(columns[0].year_printed or "")
        printed = _YEAR.search(label)
        # A year row over the quarters states their year, and its basis if it names one.
        basis = stated_basis([label]) or self.basis
        first, last = columns[0].quarter, columns[-1].quarter
        try:
            year = printed[1] if printed else None
            start, end = quarter_span(first, last, year, self.year, basis)
        except QuarterBasisError as error:
            return text, PeriodResult(None, None, str(error), WarningCode.QUARTER_BASIS_UNKNOWN)
        except DateError as error:
            return text, PeriodResult(None, None, str(error))
        return text, PeriodResult(start, end)


def plan_periods(
    raw: RawPlan,
    year: int | None,
    document_lines: Sequence[str | None],
    document_months: PeriodBasis | None,
    *,
    fiscal: bool,
) -> PlanPeriods:
    """How `raw`'s rows are dated; `fiscal`: the document's year is no academic year (whose
    year-less months and quarters are not placed: academic years start in different
    months, and `year` is then None)."""
    basis = plan_basis(raw, document_lines, document_months) if fiscal else "fiscal"
    quarters = tuple(
        QuarterColumn(h.quarter, clean_text(h.printed), h.year_printed)
        for h in raw.columns
        if h.quarter is not None
    )
    return PlanPeriods(year, basis, month_calendar(raw.columns, year, basis), quarters)
