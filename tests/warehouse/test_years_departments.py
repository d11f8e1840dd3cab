"""Department and organization keys: one key for a department's spellings across years,
a user's merge and split, and keys that survive ingesting again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.ingest import ingest
from warehouse import open_warehouse, run_query
from warehouse.departments import (
    DepartmentKeyError,
    department_form,
    merge_departments,
    normalize,
    split_department,
)

from ..conftest import YEAR_SAMPLES

ORG = "องค์การบริหารส่วนจังหวัดตาก"


def keys(db: Path) -> dict[str, str]:
    """spelling -> department key"""
    result = run_query(db, "SELECT spelling, department_key FROM department_aliases")
    return {str(spelling): str(key) for spelling, key in result.rows}


def test_normalize_and_responsible_unit() -> None:
    assert normalize("กองการเจ้าหน้าที่ อบจ.ตาก") == "กองการเจ้าหน้าที่องค์การบริหารส่วนจังหวัดตาก"
    assert department_form("กองการเจ้าหน้าที่ อบจ.ตาก", ORG) == "กองการเจ้าหน้าที่"
    assert department_form("กองยุทธศาสตร์ และงบประมาณ", ORG) == "กองยุทธศาสตร์และงบประมาณ"
    # the printed name is a typo of the unit its rows name as responsible
    responsible = ["ฝ่ายส่งเสริมและพัฒนา บุคลากร กองการเจ้าหน้าที่"]
    assert department_form("องค์การเจ้าหน้าที่", ORG, responsible) == "กองการเจ้าหน้าที่"
    # ... but an unrelated unit in the responsible column changes nothing
    assert department_form("สำนักงานส่งเสริมวิสาหกิจ", ORG, ["สวนวิทยากรกรมการ ก่อสร้าง สำนักช่าง"]) == (
        "สำนักงานส่งเสริมวิสาหกิจ"
    )


def test_three_spellings_one_key(years_db: Path) -> None:
    spelled = keys(years_db)
    assert spelled["องค์การเจ้าหน้าที่"] == "กองการเจ้าหน้าที่"
    assert spelled["กองการเจ้าหน้าที่ อบจ.ตาก"] == "กองการเจ้าหน้าที่"
    assert spelled["กองการเจ้าหน้าที่"] == "กองการเจ้าหน้าที่"
    assert spelled["กองยุทธศาสตร์ และงบประมาณ"] == spelled["กองยุทธศาสตร์และงบประมาณ"]
    assert len(set(spelled.values())) == 9
    orgs = run_query(years_db, "SELECT DISTINCT organization_key FROM organization_aliases")
    assert orgs.rows == ((ORG,),)


def test_cli_lists_keys_and_spellings(years_db: Path) -> None:
    done = CliRunner().invoke(app, ["departments", "--db", str(years_db), "--org", "อบจ.ตาก"])
    assert done.exit_code == 0, done.output
    line = next(x for x in done.stdout.splitlines() if "องค์การเจ้าหน้าที่" in x)
    assert "กองการเจ้าหน้าที่ | กองการเจ้าหน้าที่ อบจ.ตาก | องค์การเจ้าหน้าที่" in line
    assert "[2565, 2566, 2567]" in line
    assert done.stdout.rstrip().endswith("(9 rows)")


def test_same_keys_whatever_the_order(years_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "reversed.duckdb"
    assert ingest([YEAR_SAMPLES[y] for y in (2567, 2566, 2565)], db).ok
    assert keys(db) == keys(years_db)


def test_user_corrections_survive_ingest(years_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert ingest([YEAR_SAMPLES[2565], YEAR_SAMPLES[2566]], db).ok
    runner = CliRunner()
    split = runner.invoke(app, ["departments", "split", "องค์การเจ้าหน้าที่", "--db", str(db)])
    assert split.exit_code == 0, split.output
    assert "องค์การเจ้าหน้าที่ now has key องค์การเจ้าหน้าที่" in split.stdout
    merge = runner.invoke(
        app, ["departments", "merge", "กองคลัง", "หน่วยตรวจสอบภายใน", "--db", str(db)]
    )
    assert merge.exit_code == 0, merge.output
    assert "1 spelling moved" in merge.stdout
    before = keys(db)
    # a new year, and the same files again
    assert ingest([YEAR_SAMPLES[2567], YEAR_SAMPLES[2565], YEAR_SAMPLES[2566]], db).ok
    after = keys(db)
    assert {k: after[k] for k in before} == before
    assert after["องค์การเจ้าหน้าที่"] == "องค์การเจ้าหน้าที่"
    assert after["หน่วยตรวจสอบภายใน"] == "กองคลัง"
    assert after["กองการเจ้าหน้าที่ อบจ.ตาก"] == "กองการเจ้าหน้าที่"
    corrected = run_query(db, "SELECT spelling FROM department_aliases WHERE source = 'user'")
    assert sorted(r[0] for r in corrected.rows) == ["หน่วยตรวจสอบภายใน", "องค์การเจ้าหน้าที่"]
    # merging it back gives the compare view the personnel division's three years again
    assert (
        runner.invoke(
            app, ["departments", "merge", "กองการเจ้าหน้าที่", "องค์การเจ้าหน้าที่", "--db", str(db)]
        ).exit_code
        == 0
    )
    statuses = run_query(
        db, "SELECT status FROM department_compare WHERE department_key = 'กองการเจ้าหน้าที่'"
    )
    assert [r[0] for r in statuses.rows] == ["kept", "kept"]


def test_bad_corrections_are_one_line_errors(years_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(years_db, db)
    conn = open_warehouse(db)
    try:
        with pytest.raises(DepartmentKeyError, match="no organization has department key"):
            merge_departments(conn, "กองคลัง", "กองช่าง")
        with pytest.raises(DepartmentKeyError, match="the same key"):
            merge_departments(conn, "กองคลัง", "กองคลัง")
        with pytest.raises(DepartmentKeyError, match="in 0 organizations"):
            split_department(conn, "กองช่าง")
    finally:
        conn.close()
    done = CliRunner().invoke(app, ["departments", "merge", "a", "b", "--db", str(db)])
    assert done.exit_code == 1
    assert done.output.startswith("error: no organization has department key(s) a, b")
