"""Quarters and the plan's year basis (issue 13 part 8): each quarter form per basis, a
calendar year's months, and quarters of a plan whose basis is not told (NULL with
`quarter-basis-unknown`). Dates entered by hand: fiscal year 2569 runs 1 Oct 2025 - 30 Sep
2026, calendar year 2569 is 2026."""

from __future__ import annotations

from datetime import date

import pytest

from extract.models import (
    Column,
    HeaderMatch,
    Provenance,
    RawCell,
    RawDocument,
    RawMetadata,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.vocab.codes import WarningCode
from extract.vocab.months import month_abbreviations
from normalize.document import normalize_document
from normalize.marked_periods import month_calendar
from normalize.periods import PeriodBasis, PeriodResult, parse_period
from normalize.plan_periods import (
    PlanPeriods,
    QuarterColumn,
    document_months_basis,
    plan_basis,
    plan_periods,
    stated_basis,
)

D = date
UNKNOWN = WarningCode.QUARTER_BASIS_UNKNOWN
MONTHS_FROM_JANUARY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
MONTHS_FROM_OCTOBER = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
NAMES = month_abbreviations()


@pytest.mark.parametrize(
    ("text", "fiscal", "calendar"),
    [
        ("Q1", (D(2025, 10, 1), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 3, 31))),
        ("q4", (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 12, 31))),
        ("Q1-Q2", (D(2025, 10, 1), D(2026, 3, 31)), (D(2026, 1, 1), D(2026, 6, 30))),
        ("Q2 – Q3", (D(2026, 1, 1), D(2026, 6, 30)), (D(2026, 4, 1), D(2026, 9, 30))),
        ("Q1 - Q4", (D(2025, 10, 1), D(2026, 9, 30)), (D(2026, 1, 1), D(2026, 12, 31))),
        ("ไตรมาส 2", (D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30))),
        ("ไตรมาสที่ 3", (D(2026, 4, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 9, 30))),
        ("ไตรมาสที่ ๑", (D(2025, 10, 1), D(2025, 12, 31)), (D(2026, 1, 1), D(2026, 3, 31))),
        ("ไตรมาส ๓ - ๔", (D(2026, 4, 1), D(2026, 9, 30)), (D(2026, 7, 1), D(2026, 12, 31))),
        ("ไตรมาสที่ 1 และ 3", (D(2025, 10, 1), D(2026, 6, 30)), (D(2026, 1, 1), D(2026, 9, 30))),
        ("Quarter 2", (D(2026, 1, 1), D(2026, 3, 31)), (D(2026, 4, 1), D(2026, 6, 30))),
        ("Q4/2569", (D(2026, 7, 1), D(2026, 9, 30)), (D(2026, 10, 1), D(2026, 12, 31))),
        ("Q1 2570", (D(2026, 10, 1), D(2026, 12, 31)), (D(2027, 1, 1), D(2027, 3, 31))),
    ],
)
def test_quarters_by_the_plans_basis(
    text: str, fiscal: tuple[date, date], calendar: tuple[date, date]
) -> None:
    assert parse_period(text, 2569, "fiscal") == PeriodResult(*fiscal)
    assert parse_period(text, 2569, "calendar") == PeriodResult(*calendar)


@pytest.mark.parametrize(
    ("text", "basis", "start", "end"),
    [
        # the cell's own words win over the plan's basis
        ("ไตรมาส 1 ปีงบประมาณ 2569", "calendar", D(2025, 10, 1), D(2025, 12, 31)),
        ("Q1 FY2569", "calendar", D(2025, 10, 1), D(2025, 12, 31)),
        ("Q1 FY2569", None, D(2025, 10, 1), D(2025, 12, 31)),
        ("ไตรมาส 1 ปีปฏิทิน 2569", "fiscal", D(2026, 1, 1), D(2026, 3, 31)),
        # a remark naming the months tells which quarter is meant
        ("ไตรมาส 1 (ม.ค.-มี.ค. 69)", None, D(2026, 1, 1), D(2026, 3, 31)),
    ],
)
def test_a_quarter_that_says_its_basis(
    text: str, basis: PeriodBasis | None, start: date, end: date
) -> None:
    assert parse_period(text, 2569, basis) == PeriodResult(start, end)


@pytest.mark.parametrize("text", ["Q1", "ไตรมาสที่ 2", "Q2-Q3", "ไตรมาส ๔ ปี 2569", "Q1/2569"])
def test_quarters_of_an_unknown_basis_are_not_dated(text: str) -> None:
    result = parse_period(text, 2569, None)
    assert (result.start, result.end, result.code) == (None, None, UNKNOWN)
    assert result.problem is not None and "fiscal year" in result.problem
    # a remark that is no period does not tell the basis either
    result = parse_period(f"{text} (ออนไลน์)", 2569, None)
    assert (result.start, result.end, result.code) == (None, None, UNKNOWN)


@pytest.mark.parametrize(
    ("text", "fiscal", "calendar"),
    [
        # year-less months: October to December of a calendar year are in that year
        ("ต.ค. - ธ.ค.", (D(2025, 10, 1), D(2025, 12, 31)), (D(2026, 10, 1), D(2026, 12, 31))),
        ("มกราคม", (D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 1, 1), D(2026, 1, 31))),
        ("ตลอดปี", (D(2025, 10, 1), D(2026, 9, 30)), (D(2026, 1, 1), D(2026, 12, 31))),
        # ตลอดปีงบประมาณ is the fiscal year whatever the plan's basis
        ("ตลอดปีงบประมาณ", (D(2025, 10, 1), D(2026, 9, 30)), (D(2025, 10, 1), D(2026, 9, 30))),
    ],
)
def test_months_and_whole_years_by_the_basis(
    text: str, fiscal: tuple[date, date], calendar: tuple[date, date]
) -> None:
    assert parse_period(text, 2569, "fiscal") == PeriodResult(*fiscal)
    assert parse_period(text, 2569, "calendar") == PeriodResult(*calendar)
    # an unknown basis keeps the fiscal rule for months: only quarters wait for a basis
    assert parse_period(text, 2569, None) == PeriodResult(*fiscal)


@pytest.mark.parametrize(
    ("lines", "basis"),
    [
        (["แผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"], "fiscal"),
        (["ประจำปี งบ ประมาณ 2569"], "fiscal"),
        (["ปีงบฯ 2569"], "fiscal"),
        (["KM Plan FY2026"], "fiscal"),
        (["KM Plan (Fiscal Year 2026)"], "fiscal"),
        (["แผนการจัดการความรู้ ประจำปีปฏิทิน 2569"], "calendar"),
        (["KM Plan, calendar year 2026"], "calendar"),
        ([None, "", "ประจำปี 2569", "แผนปฏิบัติการ ปีงบประมาณ 2569"], "fiscal"),
        # ประจำปี alone says no basis; nor does a word that holds "fy"
        (["แผนการจัดการความรู้ ประจำปี 2569", "Simplify the process"], None),
    ],
)
def test_stated_basis(lines: list[str | None], basis: PeriodBasis | None) -> None:
    assert stated_basis(lines) == basis


def _months(numbers: list[int], year: str | None = None) -> list[HeaderMatch]:
    return [
        HeaderMatch(printed=NAMES[m], column=Column.PERIOD, score=100, month=m, year_printed=year)
        for m in numbers
    ]


def _plan(columns: list[HeaderMatch], title: str | None = None) -> RawPlan:
    header = RawPlanHeader(unit=None, km_goal=None, deliverable=None, page=1)
    return RawPlan(header=header, title=title, columns=columns, rows=[])


def test_the_basis_of_a_plan() -> None:
    assert plan_basis(_plan(_months(MONTHS_FROM_OCTOBER)), []) == "fiscal"
    assert plan_basis(_plan(_months(MONTHS_FROM_JANUARY)), []) == "calendar"
    assert plan_basis(_plan([]), []) is None
    assert plan_basis(_plan([]), [], "calendar") == "calendar"
    # words win over the month columns, the plan's own over the document's
    assert plan_basis(_plan(_months(MONTHS_FROM_JANUARY)), ["ปีงบประมาณ 2569"]) == "fiscal"
    title = "KM Plan ปีปฏิทิน 2569"
    assert plan_basis(_plan([], title), ["ปีงบประมาณ 2569"]) == "calendar"
    over = _months(MONTHS_FROM_JANUARY, "ปีงบประมาณ 2569")
    assert plan_basis(_plan(over), []) == "fiscal"
    # the document's plans agree, or tell nothing
    january, october = _plan(_months(MONTHS_FROM_JANUARY)), _plan(_months(MONTHS_FROM_OCTOBER))
    assert document_months_basis([january, _plan([])]) == "calendar"
    assert document_months_basis([january, october]) is None


def test_calendar_months_without_a_printed_year() -> None:
    calendar = month_calendar(_months(MONTHS_FROM_JANUARY), 2569, "calendar")
    assert calendar is not None and calendar.problem is None
    assert {c.year for c in calendar.columns} == {2026}
    # the fiscal rule places October to September only
    fiscal = month_calendar(_months(MONTHS_FROM_JANUARY), 2569, "fiscal")
    assert fiscal is not None and fiscal.problem is not None


def _quarters(year: str | None = None) -> tuple[QuarterColumn, ...]:
    return tuple(QuarterColumn(q, f"Q{q}", year) for q in (1, 2, 3, 4))


def _marking(*quarters: int) -> RawRow:
    return RawRow(cells={}, page=1, marked_quarters=quarters)


@pytest.mark.parametrize(
    ("basis", "year_row", "marked", "text", "start", "end"),
    [
        ("fiscal", None, (1,), "Q1", D(2025, 10, 1), D(2025, 12, 31)),
        ("calendar", None, (1,), "Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("fiscal", None, (2, 3), "Q2 Q3", D(2026, 1, 1), D(2026, 6, 30)),
        ("calendar", None, (1, 4), "Q1 Q4", D(2026, 1, 1), D(2026, 12, 31)),
        # a year row over the quarters states their year and, with its words, the basis
        ("calendar", "ปี 2570", (1,), "Q1", D(2027, 1, 1), D(2027, 3, 31)),
        (None, "ปีงบประมาณ 2570", (1,), "Q1", D(2026, 10, 1), D(2026, 12, 31)),
    ],
)
def test_marked_quarter_columns(
    basis: PeriodBasis | None,
    year_row: str | None,
    marked: tuple[int, ...],
    text: str,
    start: date,
    end: date,
) -> None:
    periods = PlanPeriods(2569, basis, None, _quarters(year_row))
    assert periods.marked(_marking(*marked)) == (text, PeriodResult(start, end))


def test_marked_quarters_of_an_unknown_basis_or_none_marked() -> None:
    found = PlanPeriods(2569, None, None, _quarters()).marked(_marking(2))
    assert found is not None
    text, result = found
    assert (text, result.start, result.end, result.code) == ("Q2", None, None, UNKNOWN)
    found = PlanPeriods(2569, "fiscal", None, _quarters()).marked(_marking())
    assert found is not None
    assert found[1].problem == "no quarter marked in the quarter columns (Q1 Q2 Q3 Q4)"
    assert found[1].code == WarningCode.PERIOD_UNPARSED
    # a plan with no period columns reads its period as text
    assert PlanPeriods(2569, "fiscal", None).marked(_marking(1)) is None


def test_an_academic_year_keeps_its_rule() -> None:
    periods = plan_periods(_plan([]), None, ["ปีการศึกษา 2569"], None, fiscal=False)
    assert periods.basis == "fiscal" and periods.year is None
    assert parse_period("Q1", None, periods.basis).problem == (
        "whole fiscal year, but the fiscal year is unknown"
    )


def _text_row(seq: str, period: str) -> RawRow:
    cells = {
        Column.SEQ: seq, Column.ACTIVITY: "Home Care DM", Column.PERIOD: period,
        Column.RESPONSIBLE: "ฝ่ายการพยาบาล",
    }  # fmt: skip
    return RawRow(
        cells={c: RawCell(text=t, provenance=Provenance(page=1)) for c, t in cells.items()},
        page=1,
    )


def test_a_document_that_tells_no_basis() -> None:
    """ประจำปี 2569 only, quarters as text: the rows are loaded, their periods NULL with
    `quarter-basis-unknown`, the printed text kept; a month period is still dated."""
    plan = RawPlan(
        header=RawPlanHeader(unit=None, km_goal=None, deliverable=None, page=1),
        title="แผนการจัดการความรู้ ประจำปี 2569",
        columns=[],
        rows=[_text_row("1", "Q1"), _text_row("2", "ม.ค. - มี.ค. 2569")],
        own_columns=True,
    )
    metadata = RawMetadata(
        organization=None, fiscal_year="2569", announced_on=None, reference_no=None,
        signed_by=None, fiscal_year_line="แผนการจัดการความรู้ ประจำปี 2569",
    )  # fmt: skip
    raw = RawDocument(
        source_file="x.pdf", sha256="ab" * 32, page_count=1, metadata=metadata, plans=[plan],
        issues=[],
    )  # fmt: skip
    doc = normalize_document(raw)
    first, second = doc.activities
    assert (first.period_text, first.period_start, first.period_end) == ("Q1", None, None)
    assert (second.period_start, second.period_end) == (D(2026, 1, 1), D(2026, 3, 31))
    unknown = [w for w in doc.warnings if w.code != WarningCode.STEP_UNRESOLVED]
    assert [(w.code, w.seq, w.field) for w in unknown] == [
        (WarningCode.ORGANIZATION_MISSING, None, "organization"),
        (WarningCode.DEPARTMENT_MISSING, None, "department"),
        (WarningCode.QUARTER_BASIS_UNKNOWN, 1, "period"),
    ]
    assert unknown[2].message.startswith("'Q1': quarters, but the plan does not say")
    # read as KM Process by rule, not by a guess between look-alike families
    assert doc.plans[0].family_basis == "own columns"
    assert not [w for w in doc.warnings if w.code == WarningCode.PLAN_FAMILY_UNCERTAIN]
    # the same document stating its fiscal year dates the quarter
    fiscal = raw.model_copy(
        update={"metadata": metadata.model_copy(update={"fiscal_year_line": "ปีงบประมาณ 2569"})}
    )
    dated = normalize_document(fiscal).activities[0]
    assert (dated.period_start, dated.period_end) == (D(2025, 10, 1), D(2025, 12, 31))
