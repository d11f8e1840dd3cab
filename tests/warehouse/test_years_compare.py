"""`kmplan compare` and the view department_compare on the three years' samples, checked
cell by cell against what samples/build/variant_years.py changed (EDITIONS):

FY2565: สำนักงานส่งเสริมวิสาหกิจ has no plan (it is new in FY2566); the goals of
        กองการศึกษา ศาสนาและวัฒนธรรม and หน่วยตรวจสอบภายใน differ; the personnel
        division is printed กองการเจ้าหน้าที่ (FY2566: องค์การเจ้าหน้าที่).
FY2567: หน่วยตรวจสอบภายใน has no plan (dropped); the goals of กองคลัง and กองสาธารณสุข
        are rewritten; กองการเจ้าหน้าที่ อบจ.ตาก and กองยุทธศาสตร์ และงบประมาณ (a stray
        space) are printed.
Every period moved by exactly one year.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from warehouse import open_warehouse, run_query
from warehouse.compare import COMPARE_COLUMNS, compare_departments

from ..conftest import YEAR_SAMPLES, read_jsonl

ORG = "องค์การบริหารส่วนจังหวัดตาก"
KEYS = {  # department key -> the spelling of each year's plan
    "สำนักปลัดองค์การบริหารส่วนจังหวัด": ["สำนักปลัดองค์การบริหารส่วนจังหวัด"] * 3,
    "สำนักงานเลขานุการองค์การบริหารส่วนจังหวัด": ["สำนักงานเลขานุการองค์การบริหารส่วนจังหวัด"] * 3,
    "กองยุทธศาสตร์และงบประมาณ": [
        "กองยุทธศาสตร์และงบประมาณ", "กองยุทธศาสตร์และงบประมาณ", "กองยุทธศาสตร์ และงบประมาณ"
    ],
    "กองคลัง": ["กองคลัง"] * 3,
    "สำนักงานส่งเสริมวิสาหกิจ": [None, "สำนักงานส่งเสริมวิสาหกิจ", "สำนักงานส่งเสริมวิสาหกิจ"],
    "กองการศึกษาศาสนาและวัฒนธรรม": ["กองการศึกษา ศาสนาและวัฒนธรรม"] * 3,
    "กองการเจ้าหน้าที่": ["กองการเจ้าหน้าที่", "องค์การเจ้าหน้าที่", "กองการเจ้าหน้าที่ อบจ.ตาก"],
    "กองสาธารณสุข": ["กองสาธารณสุข"] * 3,
    "หน่วยตรวจสอบภายใน": ["หน่วยตรวจสอบภายใน", "หน่วยตรวจสอบภายใน", None],
}  # fmt: skip
YEARS = (2565, 2566, 2567)
STATUS = {
    (2565, 2566): {
        "สำนักงานส่งเสริมวิสาหกิจ": "new",
        "กองการศึกษาศาสนาและวัฒนธรรม": "changed",
        "หน่วยตรวจสอบภายใน": "changed",
    },
    (2566, 2567): {"หน่วยตรวจสอบภายใน": "dropped", "กองคลัง": "changed", "กองสาธารณสุข": "changed"},
}  # fmt: skip  (every other department: kept)


def one_year_later(day: date) -> date:
    """The same day a year later; a month's last day stays its last day."""
    if (day + timedelta(days=1)).day == 1:
        first = date(day.year + 1 + (day.month == 12), day.month % 12 + 1, 1)
        return first - timedelta(days=1)
    return date(day.year + 1, day.month, day.day)


def truth_plans(year: int) -> dict[str, dict[str, object]]:
    """department as printed -> its goal and step dates, from the truth file."""
    plans: dict[str, dict[str, object]] = {}
    for row in read_jsonl(YEAR_SAMPLES[year].with_suffix(".truth.jsonl")):
        plan = plans.setdefault(str(row["department"]), {"goal": row["km_goal"], "steps": {}})
        plan["steps"][row["step"]] = (  # type: ignore[index]
            date.fromisoformat(str(row["period_start"])),
            date.fromisoformat(str(row["period_end"])),
        )
    return plans


def expected_rows() -> dict[tuple[int, int, str], dict[str, object]]:
    truth = {year: truth_plans(year) for year in YEARS}
    out = {}
    for (a, b), changes in STATUS.items():
        for key, spellings in KEYS.items():
            before, after = spellings[YEARS.index(a)], spellings[YEARS.index(b)]
            cell: dict[str, object] = {
                "status": changes.get(key, "kept"),
                "department_from": before,
                "department_to": after,
                "goal_from": truth[a][before]["goal"] if before else None,
                "goal_to": truth[b][after]["goal"] if after else None,
            }
            for step in range(1, 8):
                for index, edge in enumerate(("start", "end")):
                    shift = None
                    if before and after:
                        old = truth[a][before]["steps"][step][index]  # type: ignore[index]
                        new = truth[b][after]["steps"][step][index]  # type: ignore[index]
                        assert new == one_year_later(old)  # the sample moved only the year
                        shift = (new - old).days
                    cell[f"step{step}_{edge}_shift"] = shift
            out[(a, b, key)] = cell
    return out


@pytest.fixture(scope="module")
def compared(years_db: Path) -> dict[tuple[int, int, str], dict[str, object]]:
    conn = open_warehouse(years_db, read_only=True)
    try:
        result = compare_departments(conn, ORG, list(YEARS))
    finally:
        conn.close()
    assert result.columns == COMPARE_COLUMNS
    rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
    return {(int(r["year_from"]), int(r["year_to"]), str(r["department_key"])): r for r in rows}


def test_one_row_per_department_and_year_pair(compared: dict) -> None:
    assert sorted(compared) == sorted(expected_rows())
    assert len(compared) == 18
    # The samples hold 7-step tables only: one family, so one row per department and pair.
    assert {row["plan_type"] for row in compared.values()} == {"km_process"}


def test_every_cell_is_what_the_sample_script_changed(compared: dict) -> None:
    problems = []
    for where, want in expected_rows().items():
        for column, value in want.items():
            if compared[where][column] != value:
                problems.append(f"{where} {column}: got {compared[where][column]!r} want {value!r}")
    assert not problems, "\n".join(problems)


def test_goal_similarity(compared: dict) -> None:
    for where, row in compared.items():
        if row["status"] == "kept":
            assert row["goal_similarity"] == 1.0, where
        elif row["status"] == "changed":
            assert 0 < row["goal_similarity"] < 0.6, where
        else:
            assert row["goal_similarity"] is None, where


def test_shifts_are_one_year_in_days(compared: dict) -> None:
    """2565->2566 crosses no 29 February; 2566->2567 does for dates after February 2024."""
    shifts = {
        pair: {
            row[f"step{s}_{e}_shift"]
            for (a, b, _), row in compared.items()
            if (a, b) == pair
            for s in range(1, 8)
            for e in ("start", "end")
        }
        - {None}
        for pair in STATUS
    }
    assert shifts == {(2565, 2566): {365}, (2566, 2567): {365, 366}}


def test_the_view_gives_the_same_rows(years_db: Path, compared: dict) -> None:
    result = run_query(years_db, "SELECT * FROM department_compare")
    assert len(result.rows) == len(compared)
    index = result.columns.index("status")
    assert sorted(row[index] for row in result.rows) == sorted(
        row["status"] for row in compared.values()
    )
    two = run_query(
        years_db, "SELECT status, count(*) FROM department_compare_years([2565, 2567]) GROUP BY 1"
    )
    assert dict(two.rows) == {"new": 1, "dropped": 1, "changed": 3, "kept": 4}
    keys = run_query(years_db, "SELECT DISTINCT plan_type FROM plan_keys")
    assert keys.rows == (("km_process",),)


def test_cli_compare(years_db: Path) -> None:
    runner = CliRunner()
    args = ["compare", "--db", str(years_db), "--organization", "อบจ.ตาก"]
    done = runner.invoke(app, [*args, "--years", "2565", "2566", "2567", "--format", "jsonl"])
    assert done.exit_code == 0, done.output
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 18
    dropped = [r for r in rows if r["status"] == "dropped"]
    assert [(r["department_key"], r["year_from"], r["year_to"]) for r in dropped] == [
        ("หน่วยตรวจสอบภายใน", 2566, 2567)
    ]
    table = runner.invoke(app, [*args, "2566", "2567"])
    assert table.exit_code == 0, table.output
    assert "dropped" in table.stdout and "1:+365/+365" in table.stdout
    assert table.stdout.splitlines()[0].split()[:4] == ["years", "department_key", "plan", "status"]
    assert table.stdout.rstrip().endswith("(9 rows)")
    one = runner.invoke(app, [*args, "--years", "2566"])
    assert one.exit_code == 1
    assert "at least two different fiscal years" in one.output
    unknown = runner.invoke(app, ["compare", "--db", str(years_db), "--org", "เทศบาลนคร"])
    assert unknown.exit_code == 1
    assert "no organization 'เทศบาลนคร'" in unknown.output
