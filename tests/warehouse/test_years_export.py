"""Exports people open: xlsx (openpyxl reads it back), CSV with formula cells neutralized,
filters, and Parquet partitioned by fiscal year."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from warehouse import ROW_FIELDS, export_rows, open_warehouse
from warehouse.export import FORMULA_LEADS, ExportFilter

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture()
def conn(years_db: Path) -> duckdb.DuckDBPyConnection:
    connection = open_warehouse(years_db, read_only=True)
    yield connection
    connection.close()


def test_xlsx_sheets_headers_and_a_known_row(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    done = CliRunner().invoke(app, ["export", "--db", str(years_db), "-f", "xlsx", "-o", str(out)])
    assert done.exit_code == 0, done.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "ปีงบประมาณ 2565", "ปีงบประมาณ 2566", "ปีงบประมาณ 2567", "เปรียบเทียบ", "ผลการตรวจแผน"
    ]
    sheet = book["ปีงบประมาณ 2566"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == [
        "รหัสเอกสาร (sha256) [document_id]", "ไฟล์ [source_file]",
        "หน่วยงาน [organization]", "ปีงบประมาณ [fiscal_year]",
    ]  # fmt: skip
    assert [h.rsplit("[", 1)[1].rstrip("]") for h in header] == list(ROW_FIELDS)
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["I"].width == 48  # km_goal
    assert sheet.max_row == 64
    row = dict(zip(ROW_FIELDS, [cell.value for cell in sheet[2]], strict=True))
    assert row["department"] == "สำนักปลัดองค์การบริหารส่วนจังหวัด"
    assert (row["seq"], row["step"], row["period_text"]) == (1, 1, "มกราคม - มิถุนายน 2566")
    assert row["period_start"] == datetime(2023, 1, 1)
    assert row["reference_no"] == "ตก 51008/9726"
    compare = book["เปรียบเทียบ"]
    assert compare[1][2].value == "รหัสหน่วยงานย่อย [department_key]"
    rows = [[cell.value for cell in line] for line in compare.iter_rows(min_row=2)]
    assert len(rows) == 18
    assert compare[1][3].value == "ประเภทแผน [plan_type]"
    personnel = next(r for r in rows if r[2] == "กองการเจ้าหน้าที่" and r[4] == 2566)
    assert personnel[3] == "km_process"
    assert personnel[5:9] == [2567, "kept", "องค์การเจ้าหน้าที่", "กองการเจ้าหน้าที่ อบจ.ตาก"]


def test_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    from warehouse.xlsx import _cells, _new_sheet

    book = openpyxl.Workbook(write_only=True)
    sheet = _new_sheet(book, "t", ["activity"])
    sheet.append(_cells(sheet, ["=1+1"]))
    book.save(tmp_path / "f.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "f.xlsx")["t"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_csv_thai_intact_and_no_formula_leading_cell(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    out = tmp_path / "rows.csv"
    assert export_rows(conn, "csv", out) == 175
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_LEADS)]
    guarded = [cell for cell in cells if cell.startswith("'")]
    assert guarded and all(cell[1] in "=+-@\t\r" for cell in guarded)
    assert any(cell.startswith("'-") for cell in guarded)  # Thai bullets
    assert rows[1][2] == "องค์การบริหารส่วนจังหวัดตาก"


def test_filters(conn: duckdb.DuckDBPyConnection) -> None:
    stream = io.StringIO()
    filters = ExportFilter(years=(2566, 2567), organization="อบจ.ตาก", department="กองการเจ้าหน้าที่")
    assert export_rows(conn, "jsonl", "-", stream=stream, filters=filters) == 14
    assert export_rows(conn, "jsonl", "-", stream=io.StringIO(),
                       filters=ExportFilter(department="องค์การเจ้าหน้าที่")) == 7  # fmt: skip
    assert export_rows(conn, "jsonl", "-", stream=io.StringIO(),
                       filters=ExportFilter(years=(2564,))) == 0  # fmt: skip


def test_unfiltered_jsonl_is_unchanged(conn: duckdb.DuckDBPyConnection) -> None:
    plain, empty = io.StringIO(), io.StringIO()
    export_rows(conn, "jsonl", "-", stream=plain)
    export_rows(conn, "jsonl", "-", stream=empty, filters=ExportFilter())
    assert plain.getvalue() == empty.getvalue()


def test_parquet_partitioned_by_fiscal_year(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    runner = CliRunner()
    for _ in range(2):  # a second export replaces the first
        done = runner.invoke(
            app, ["export", "--db", str(years_db), "-f", "parquet", "-o", str(out)]
        )
        assert done.exit_code == 0, done.output
    assert sorted(p.name for p in out.iterdir()) == [
        "fiscal_year=2565", "fiscal_year=2566", "fiscal_year=2567"
    ]  # fmt: skip
    counts = duckdb.sql(
        f"SELECT fiscal_year, count(*) FROM read_parquet('{out}/*/*.parquet', "
        "hive_partitioning = true) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert counts == [(2565, 56), (2566, 63), (2567, 56)]
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("x")
    refused = runner.invoke(
        app, ["export", "--db", str(years_db), "-f", "parquet", "-o", str(other)]
    )
    assert refused.exit_code == 1
    assert "is not a partitioned export" in refused.output
