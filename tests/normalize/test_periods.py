"""Periods (ระยะเวลา) and memo dates: exact first and last days, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.vocab.months import month_number
from normalize.dates import parse_thai_date
from normalize.periods import PeriodResult, fiscal_year_bounds, parse_period

D = date

# Every distinct ระยะเวลา of the seed's 63 rows (fiscal year 2566 = 2022-10-01..2023-09-30).
SEED_PERIODS = [
    ("มกราคม - มิถุนายน 2566", D(2023, 1, 1), D(2023, 6, 30)),
    ("ตุลาคม 2565", D(2022, 10, 1), D(2022, 10, 31)),
    ("กุมภาพันธ์ 2566", D(2023, 2, 1), D(2023, 2, 28)),
    ("มกราคม - เมษายน 2566", D(2023, 1, 1), D(2023, 4, 30)),
    ("พฤษภาคม 2566", D(2023, 5, 1), D(2023, 5, 31)),
    ("สิงหาคม 2566", D(2023, 8, 1), D(2023, 8, 31)),
    ("พ.ค. - มิ.ย. 2566", D(2023, 5, 1), D(2023, 6, 30)),
    ("เมษายน 2566", D(2023, 4, 1), D(2023, 4, 30)),
    ("มิถุนายน 2566", D(2023, 6, 1), D(2023, 6, 30)),
    ("1 ต.ค.65 – 30 ก.ย.66", D(2022, 10, 1), D(2023, 9, 30)),
    ("ตุลาคม - ธันวาคม 2565", D(2022, 10, 1), D(2022, 12, 31)),
    ("มกราคม 2566", D(2023, 1, 1), D(2023, 1, 31)),
    ("มีนาคม 2566", D(2023, 3, 1), D(2023, 3, 31)),
    ("ต.ค.65 - มี.ค.66", D(2022, 10, 1), D(2023, 3, 31)),
    ("มี.ค.66 - เม.ย.66", D(2023, 3, 1), D(2023, 4, 30)),
    ("มี.ค.66 – เม.ย.66", D(2023, 3, 1), D(2023, 4, 30)),
    ("พ.ค.66 – ก.ย.66", D(2023, 5, 1), D(2023, 9, 30)),
    ("ก.ค.66 – ก.ย.66", D(2023, 7, 1), D(2023, 9, 30)),
    ("ตุลาคม - พฤศจิกายน 2565", D(2022, 10, 1), D(2022, 11, 30)),
    ("ธันวาคม 2565", D(2022, 12, 1), D(2022, 12, 31)),
    ("กรกฎาคม 2566", D(2023, 7, 1), D(2023, 7, 31)),
    ("สิงหาคม - กันยายน 2566", D(2023, 8, 1), D(2023, 9, 30)),
    ("กันยายน 2566", D(2023, 9, 1), D(2023, 9, 30)),
    ("กันยายน 2565", D(2022, 9, 1), D(2022, 9, 30)),  # printed before the fiscal year
    ("ตุลาคม 2565 - มีนาคม 2566", D(2022, 10, 1), D(2023, 3, 31)),
    ("พฤษภาคม - กรกฎาคม 2566", D(2023, 5, 1), D(2023, 7, 31)),
]

# Forms other agencies print.
OTHER_PERIODS = [
    ("ต.ค. ๒๕๖๕", D(2022, 10, 1), D(2022, 10, 31)),
    ("ต.ค. 2565", D(2022, 10, 1), D(2022, 10, 31)),
    ("ต.ค.๖๕ - มี.ค.๖๖", D(2022, 10, 1), D(2023, 3, 31)),
    ("1 ต.ค. 65 - 30 ก.ย. 66", D(2022, 10, 1), D(2023, 9, 30)),
    ("๑ ต.ค. ๖๕ – ๓๐ ก.ย. ๖๖", D(2022, 10, 1), D(2023, 9, 30)),
    ("15 มี.ค. 2566", D(2023, 3, 15), D(2023, 3, 15)),
    ("วันที่ 15 มีนาคม พ.ศ. 2566", D(2023, 3, 15), D(2023, 3, 15)),
    ("ตุลาคม พ.ศ. 2565", D(2022, 10, 1), D(2022, 10, 31)),
    # broken abbreviations
    ("ต.ค 65", D(2022, 10, 1), D(2022, 10, 31)),
    ("ต .ค. 65", D(2022, 10, 1), D(2022, 10, 31)),
    ("ตค. 65", D(2022, 10, 1), D(2022, 10, 31)),
    ("ตค 2565 - มีค 2566", D(2022, 10, 1), D(2023, 3, 31)),
    # separators
    ("ต.ค. 65 — ธ.ค. 65", D(2022, 10, 1), D(2022, 12, 31)),
    ("ต.ค. 65 ถึง ธ.ค. 65", D(2022, 10, 1), D(2022, 12, 31)),
    ("ตั้งแต่ ต.ค. 65 ถึง ธ.ค. 65", D(2022, 10, 1), D(2022, 12, 31)),
    ("ตุลาคม-ธันวาคม 2565", D(2022, 10, 1), D(2022, 12, 31)),
    ("ต.ค.65-มี.ค.66", D(2022, 10, 1), D(2023, 3, 31)),
    ("-ต.ค.65 - มี.ค.66", D(2022, 10, 1), D(2023, 3, 31)),  # a bullet before the period
    # month-name typos resolve by similarity
    ("กุมภาพันธ 2566", D(2023, 2, 1), D(2023, 2, 28)),
    ("มิถนายน 2566", D(2023, 6, 1), D(2023, 6, 30)),
    ("พฤศจิกายน - ธันวา 2565", D(2022, 11, 1), D(2022, 12, 31)),
    # the first month without a year takes the last month's year ...
    ("ต.ค. - ธ.ค. 2565", D(2022, 10, 1), D(2022, 12, 31)),
    # ... or the year before when that would put the start after the end
    ("ต.ค. - มี.ค. 2566", D(2022, 10, 1), D(2023, 3, 31)),
    ("พฤศจิกายน - มกราคม 2567", D(2023, 11, 1), D(2024, 1, 31)),
    # the last month without a year takes the first month's year, or the next one
    ("ต.ค. 65 - มี.ค.", D(2022, 10, 1), D(2023, 3, 31)),
    # a day range in one month
    ("1 - 15 ต.ค. 65", D(2022, 10, 1), D(2022, 10, 15)),
    # February spans 28 or 29 days
    ("กุมภาพันธ์ 2567", D(2024, 2, 1), D(2024, 2, 29)),
    ("ก.พ. 63", D(2020, 2, 1), D(2020, 2, 29)),
    ("29 ก.พ. 2567", D(2024, 2, 29), D(2024, 2, 29)),
    # numeric dates
    ("1/10/65 - 31/3/66", D(2022, 10, 1), D(2023, 3, 31)),
    # the whole fiscal year in words
    ("ตลอดปีงบประมาณ พ.ศ. 2567", D(2023, 10, 1), D(2024, 9, 30)),
    # a CE year is read as CE
    ("ตุลาคม 2022", D(2022, 10, 1), D(2022, 10, 31)),
]


@pytest.mark.parametrize(("text", "start", "end"), SEED_PERIODS + OTHER_PERIODS)
def test_parse_period(text: str, start: date, end: date) -> None:
    assert parse_period(text, 2566) == PeriodResult(start, end, None)


@pytest.mark.parametrize(("text", "start", "end"), SEED_PERIODS + OTHER_PERIODS)
def test_printed_years_do_not_need_the_fiscal_year(text: str, start: date, end: date) -> None:
    assert parse_period(text, None) == PeriodResult(start, end, None)


# No year printed: October to December belong to the year before the fiscal year.
@pytest.mark.parametrize(
    ("text", "fiscal_year", "start", "end"),
    [
        ("ต.ค.", 2566, D(2022, 10, 1), D(2022, 10, 31)),
        ("ต.ค", 2566, D(2022, 10, 1), D(2022, 10, 31)),
        ("ธันวาคม", 2566, D(2022, 12, 1), D(2022, 12, 31)),
        ("มกราคม", 2566, D(2023, 1, 1), D(2023, 1, 31)),
        ("ก.ย.", 2566, D(2023, 9, 1), D(2023, 9, 30)),
        ("ต.ค. - มี.ค.", 2566, D(2022, 10, 1), D(2023, 3, 31)),
        ("ต .ค. ถึง ก.ย.", 2567, D(2023, 10, 1), D(2024, 9, 30)),
        ("ก.พ.", 2567, D(2024, 2, 1), D(2024, 2, 29)),
        ("15 มี.ค.", 2566, D(2023, 3, 15), D(2023, 3, 15)),
        ("ตลอดปีงบประมาณ", 2566, D(2022, 10, 1), D(2023, 9, 30)),
        ("ตลอดปี", 2566, D(2022, 10, 1), D(2023, 9, 30)),
    ],
)
def test_fiscal_year_fills_missing_years(
    text: str, fiscal_year: int, start: date, end: date
) -> None:
    assert parse_period(text, fiscal_year) == PeriodResult(start, end, None)


@pytest.mark.parametrize(
    ("text", "fiscal_year", "problem"),
    [
        ("", 2566, "no period printed"),
        ("-", 2566, "no period printed"),
        ("ต.ค. - มี.ค.", None, "no year printed and the fiscal year is unknown"),
        ("ตลอดปีงบประมาณ", None, "whole fiscal year, but the fiscal year is unknown"),
        ("ไตรมาสที่ 1", None, "whole fiscal year, but the fiscal year is unknown"),
        ("ไตรมาส 3 - 2", 2566, "quarter 3 after quarter 2"),
        ("ไตรมาส 5", 2566, "unknown month 'ไตรมาส'"),
        ("2566", 2566, "no month in '2566'"),
        ("ต.ค. 65 -", 2566, "open range 'ต.ค. 65 -'"),
        (
            "ต.ค. 65 - มี.ค. 66 - ก.ย. 66",
            2566,
            "more than one range in 'ต.ค. 65 - มี.ค. 66 - ก.ย. 66'",
        ),
        ("มี.ค. 66 - ต.ค. 65", 2566, "start after end in 'มี.ค. 66 - ต.ค. 65'"),
        ("ตุลาคม 2565 มีนาคม 2566", 2566, "more than one month in 'ตุลาคม 2565 มีนาคม 2566'"),
        ("31 ก.พ. 2566", 2566, "no day 31 in month 2"),
        ("29 ก.พ. 2566", 2566, "no day 29 in month 2"),
        ("32 ต.ค. 65", 2566, "no day 32 in month 10"),
        ("ต.ค. 123", 2566, "not a year: '123'"),
        ("1 2 ต.ค. 65", 2566, "too many numbers in '1 2 ต.ค. 65'"),
        # a one-letter slip in an abbreviation makes another month: not guessed
        ("มิ.ค. 66", 2566, "unknown month 'มิ.ค.'"),
        ("ภายในเดือนมีนาคม 2566", 2566, "a deadline, no start printed: 'ภายในเดือนมีนาคม 2566'"),
        ("ภายใน 30 ก.ย. 66", 2566, "a deadline, no start printed: 'ภายใน 30 ก.ย. 66'"),
        ("ก.พ. 66 เป็นต้นไป", 2566, "open-ended, no end printed: 'ก.พ. 66 เป็นต้นไป'"),
    ],
)
def test_unreadable_periods_give_a_problem(
    text: str, fiscal_year: int | None, problem: str
) -> None:
    assert parse_period(text, fiscal_year) == PeriodResult(None, None, problem)


@pytest.mark.parametrize(
    ("fiscal_year", "first", "last"),
    [(2566, D(2022, 10, 1), D(2023, 9, 30)), (2567, D(2023, 10, 1), D(2024, 9, 30))],
)
def test_fiscal_year_bounds(fiscal_year: int, first: date, last: date) -> None:
    assert fiscal_year_bounds(fiscal_year) == (first, last)


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("ต.ค.", 10),
        ("ต.ค", 10),
        ("ต .ค.", 10),
        ("ตค.", 10),
        ("ตุลาคม", 10),
        ("ตุลา", 10),
        ("ม.ค.", 1),
        ("มี.ค.", 3),
        ("มีนาคม", 3),
        ("พ.ค.", 5),
        ("พ.ย.", 11),
        ("พฤศจิกายน", 11),
        ("กุมภาพันธ", 2),
        ("กุมภาพันธ์", 2),
        ("มิถุนายน", 6),
        ("มิ.ย.", 6),
        ("ก.ค.", 7),
        ("ก.ย.", 9),
        ("กรกฎาคม", 7),
        ("ธ.ค.", 12),
        ("มิ.ค.", None),
        ("พ.ศ.", None),
        ("", None),
        ("ไตรมาส", None),
    ],
)
def test_month_number(text: str, month: int | None) -> None:
    assert month_number(text) == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑๑ ตุลาคม ๒๕๖๖", D(2023, 10, 11)),
        ("11 ต.ค. 2566", D(2023, 10, 11)),
        ("วันที่ ๑๑ ตุลาคม พ.ศ. ๒๕๖๖", D(2023, 10, 11)),
        ("ประกาศ ณ วันที่ ๑๑ ตุลาคม พ.ศ. ๒๕๖๖", D(2023, 10, 11)),
        ("ที่ ตก ๕๑๐๐๘ ๙๗๒๖ วันที่ ๑๑ ตุลาคม ๒๕๖๖", D(2023, 10, 11)),
        ("๑๔ กันยายน ๒๕๖๖", D(2023, 9, 14)),
        ("1 ต.ค.65", D(2022, 10, 1)),
        ("29 ก.พ. 2567", D(2024, 2, 29)),
        ("ตุลาคม ๒๕๖๖", None),  # no day: not a date
        ("29 ก.พ. 2566", None),  # no such day
        ("", None),
        ("ไม่ระบุวันที่", None),
    ],
)
def test_parse_thai_date(text: str, expected: date | None) -> None:
    assert parse_thai_date(text) == expected


_FULL = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
         "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]  # fmt: skip
_ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
         "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]  # fmt: skip
_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@st.composite
def _rendered_dates(draw: st.DrawFn) -> tuple[date, str]:
    # Two-digit BE years cover 2500-2599 BE, i.e. 1957-2056 CE.
    day = draw(st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31)))
    month = draw(st.sampled_from([_FULL, _ABBR]))[day.month - 1]
    be = day.year + 543
    year = draw(st.sampled_from([str(be), f"{be % 100:02d}"]))
    gap = draw(st.sampled_from([" ", "", "  "])) if month in _ABBR else " "
    era = draw(st.sampled_from(["", "พ.ศ. "]))
    prefix = draw(st.sampled_from(["", "วันที่ "]))
    text = f"{prefix}{day.day} {month}{gap}{era}{year}"
    if draw(st.booleans()):
        text = text.translate(_THAI_DIGITS)
    return day, text


@settings(max_examples=500)
@given(_rendered_dates())
def test_rendered_dates_parse_back(case: tuple[date, str]) -> None:
    day, text = case
    assert parse_thai_date(text) == day
    assert parse_period(text, None) == PeriodResult(day, day, None)


_PERIOD_WORDS = st.lists(
    st.sampled_from(
        [*_FULL, *_ABBR, "ตลอดปี", "ตลอดปีงบประมาณ", "ถึง", "-", "–", "พ.ศ.", "วันที่",
         "1", "15", "29", "31", "32", "65", "2566", "๒๕๖๖", "0", "00", "9999", "/"]
    ),
    max_size=6,
).map(" ".join)  # fmt: skip


@settings(max_examples=1000)
@given(
    st.one_of(st.text(max_size=40), _PERIOD_WORDS),
    st.one_of(st.none(), st.integers(min_value=-(10**6), max_value=10**6)),
)
def test_parse_period_never_raises(text: str, fiscal_year: int | None) -> None:
    result = parse_period(text, fiscal_year)
    assert (result.start is None) == (result.end is None) == (result.problem is not None)


_PERIODISH = st.text(alphabet=st.sampled_from(list("0123456789๐๑๖๕ -–.ตคมีพยกธุลาถึง/")), max_size=30)


@settings(max_examples=500)
@given(_PERIODISH, st.one_of(st.none(), st.integers(min_value=2400, max_value=2700)))
def test_period_start_never_after_end(text: str, fiscal_year: int | None) -> None:
    result = parse_period(text, fiscal_year)
    if result.start is not None and result.end is not None:
        assert result.start <= result.end
    else:
        assert result.problem


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parse_thai_date_never_raises(text: str) -> None:
    assert parse_thai_date(text) is None or isinstance(parse_thai_date(text), date)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("ไตรมาสที่ 1", date(2022, 10, 1), date(2022, 12, 31)),
        ("ไตรมาส 2", date(2023, 1, 1), date(2023, 3, 31)),
        ("ไตรมาสที่ 2-3", date(2023, 1, 1), date(2023, 6, 30)),
        ("ไตรมาสที่ 1 - ไตรมาสที่ 4", date(2022, 10, 1), date(2023, 9, 30)),
        ("ไตรมาสที่ ๔ ปีงบประมาณ ๒๕๖๗", date(2024, 7, 1), date(2024, 9, 30)),
        ("Q3", date(2023, 4, 1), date(2023, 6, 30)),
        ("Q1/2566", date(2022, 10, 1), date(2022, 12, 31)),
        ("ทั้งปี", date(2022, 10, 1), date(2023, 9, 30)),
        ("ทั้งปีงบประมาณ", date(2022, 10, 1), date(2023, 9, 30)),
    ],
)
def test_quarters_and_whole_year_phrases_span_the_fiscal_year(
    text: str, start: date, end: date
) -> None:
    assert parse_period(text, 2566) == PeriodResult(start, end)


# Phrasings of other announcements (fiscal year 2567 = 1 Oct 2023 .. 30 Sep 2024).
@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a remark in parentheses that is not a period says nothing about the dates
        ("ต.ค.66 – ก.ย.67 (12 เดือน)", date(2023, 10, 1), date(2024, 9, 30)),
        # a remark that is the same period in other words
        ("ไตรมาสที่ 3 (เม.ย.-มิ.ย. 67)", date(2024, 4, 1), date(2024, 6, 30)),
        ("ต.ค. 66 - ก.ย. 67 (ตลอดปีงบประมาณ)", date(2023, 10, 1), date(2024, 9, 30)),
        ("(ธ.ค. 66)", date(2023, 12, 1), date(2023, 12, 31)),
        # pieces of one period: its first and its last day
        ("ต.ค. 66 - มี.ค. 67 และ ก.ค. 67", date(2023, 10, 1), date(2024, 7, 31)),
        ("ธ.ค. 66, มี.ค. 67", date(2023, 12, 1), date(2024, 3, 31)),
        ("ครั้งที่ 1 ธ.ค. 66 และครั้งที่ 2 มี.ค. 67", date(2023, 12, 1), date(2024, 3, 31)),
        # the fiscal year named alone
        ("ปีงบประมาณ 2567", date(2023, 10, 1), date(2024, 9, 30)),
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", date(2023, 10, 1), date(2024, 9, 30)),
        # English month names with four-digit years
        ("Oct 2023 - Sep 2024", date(2023, 10, 1), date(2024, 9, 30)),
        ("January - March 2024", date(2024, 1, 1), date(2024, 3, 31)),
        ("Sept. 2024", date(2024, 9, 1), date(2024, 9, 30)),
        # a four-digit year between 1900 and 2200 is CE: no BE year is that small
        ("มกราคม 2024", date(2024, 1, 1), date(2024, 1, 31)),
        # words that only frame the period: between, during, in the month of
        ("ระหว่างเดือน ต.ค. 66 - ก.ย. 67", date(2023, 10, 1), date(2024, 9, 30)),
        ("ระหว่างวันที่ 1 - 15 ต.ค. 66", date(2023, 10, 1), date(2023, 10, 15)),
        ("ช่วงเดือน มี.ค. 67", date(2024, 3, 1), date(2024, 3, 31)),
        ("ในเดือน มี.ค. 67", date(2024, 3, 1), date(2024, 3, 31)),
        # quarters joined by และ stay one phrase: Q1 (Oct) .. Q3 (Jun)
        ("ไตรมาสที่ 1 และ 3", date(2023, 10, 1), date(2024, 6, 30)),
    ],
)
def test_other_phrasings_of_a_period(text: str, start: date, end: date) -> None:
    assert parse_period(text, 2567) == PeriodResult(start, end, None)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # the remark is a period, but another one: which to believe is a guess
        ("ต.ค. 66 (พ.ย. 66)", "remark (พ.ย. 66) says another period than 'ต.ค. 66'"),
        # the remark names a month it does not date
        ("ต.ค. 66 - ก.ย. 67 (ยกเว้น ธ.ค.)", "remark (ยกเว้น ธ.ค.) names a month that is not read"),
        # one piece unreadable: the whole period is
        ("ต.ค. 66 และ มิ.ค. 67", "unknown month 'มิ.ค.'"),
        # Oct 23 is 2023 to an English reader, 2523 BE by the Thai rule
        ("1 Oct 23 - 30 Sep 24", "two-digit year '23' with an English month name"),
    ],
)
def test_other_phrasings_that_cannot_be_dated(text: str, problem: str) -> None:
    assert parse_period(text, 2567) == PeriodResult(None, None, problem)
