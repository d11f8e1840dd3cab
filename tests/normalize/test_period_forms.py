"""Periods as real plans print them (issue 13): single days, a range with a dated note in
brackets, a month with a comment holding a date and an amount, and ระยะเวลา/งบประมาณ
cells. First and last days worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from normalize.budget import parse_budget, split_period_budget
from normalize.periods import PeriodResult, parse_period

D = date


@pytest.mark.parametrize(
    ("printed", "fiscal_year", "start", "end"),
    [
        # a single day: it starts and ends that day
        ("14 ก.พ. 62", 2562, D(2019, 2, 14), D(2019, 2, 14)),
        ("๑๔ ต.ค. ๖๕", 2566, D(2022, 10, 14), D(2022, 10, 14)),
        ("วันที่ 3 สิงหาคม 2564", 2564, D(2021, 8, 3), D(2021, 8, 3)),
        ("14 ก.พ.", 2562, D(2019, 2, 14), D(2019, 2, 14)),  # the fiscal year gives the year
        # a range with a note in brackets that dates a day (when it was held, reported):
        # the range is the period
        ("มี.ค.-เม.ย. 2564 (3 ส.ค.64)", 2564, D(2021, 3, 1), D(2021, 4, 30)),
        ("พ.ย. - ธ.ค. 2565 (25 ธ.ค.65)", 2566, D(2022, 11, 1), D(2022, 12, 31)),
        ("ต.ค. 66 (16-20 ต.ค. 66)", 2567, D(2023, 10, 1), D(2023, 10, 31)),
        # a month with a comment that holds a date and an amount: the month
        (
            "มกราคม ๒๕๖๐ (จัดในวันที่ 29 ม.ค.60 ณ ห้องประชุม ใช้งบประมาณ ๗,๕๐๐ บาท)",
            2560,
            D(2017, 1, 1),
            D(2017, 1, 31),
        ),
        # a note that is only the date: that day
        ("(3 ส.ค.64)", 2564, D(2021, 8, 3), D(2021, 8, 3)),
    ],
)
def test_period_forms(printed: str, fiscal_year: int, start: date, end: date) -> None:
    assert parse_period(printed, fiscal_year) == PeriodResult(start, end, None)


@pytest.mark.parametrize(
    ("printed", "problem"),
    [
        # a note at month precision competes with the period: which to believe is a guess
        ("ต.ค. 66 (พ.ย. 66)", "remark (พ.ย. 66) says another period than 'ต.ค. 66'"),
        ("ต.ค. 66 - ก.ย. 67 (ยกเว้น ธ.ค.)", "remark (ยกเว้น ธ.ค.) names a month that is not read"),
        # a count of months dates no day and names no month: it says nothing of the dates
        ("ต.ค. 66 - ก.ย. 67 (12 เดือน)", None),
        # a day of the month the period names: when it was held
        ("ต.ค. 66 (12 ต.ค.)", None),
    ],
)
def test_notes_that_are_not_dated_days(printed: str, problem: str | None) -> None:
    result = parse_period(printed, 2567)
    assert result.problem == problem


@pytest.mark.parametrize(
    ("printed", "period", "budget", "baht"),
    [
        # the period only
        ("ต.ค. 2563", "ต.ค. 2563", "", None),
        ("มี.ค.-เม.ย. 2564 (3 ส.ค.64)", "มี.ค.-เม.ย. 2564 (3 ส.ค.64)", "", None),
        # the period over an amount (two lines of one cell, joined with a space)
        ("พ.ย. - ธ.ค. ๒๕๖๓ ๑๒,๐๐๐ บาท", "พ.ย. - ธ.ค. 2563", "12,000 บาท", 12000.0),
        ("มิ.ย. - ส.ค. 2565 / 8,500 บาท", "มิ.ย. - ส.ค. 2565", "8,500 บาท", 8500.0),
        ("ก.ค. - ส.ค. ๒๕๖๔ -", "ก.ค. - ส.ค. 2564", "-", None),
        # an amount inside the comment is part of the note, not the budget
        (
            "มกราคม 2560 (จัดในวันที่ 29 ม.ค.60 ใช้งบประมาณ 7,500 บาท)",
            "มกราคม 2560 (จัดในวันที่ 29 ม.ค.60 ใช้งบประมาณ 7,500 บาท)",
            "",
            None,
        ),
        # the amount only
        ("15,000 บาท", "", "15,000 บาท", 15000.0),
    ],
)
def test_period_budget_cells(printed: str, period: str, budget: str, baht: float | None) -> None:
    assert split_period_budget(printed) == (period, budget)
    assert parse_budget(budget).baht == baht
    assert parse_budget(budget).problem is None
