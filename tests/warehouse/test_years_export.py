"""Exports as data: CSV with formula cells neutralized, filters, and Parquet partitioned by
fiscal year (the xlsx workbook is tested in tests/pipeline/test_export_xlsx.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from warehouse import export_rows, open_warehouse
from warehouse.export import FORMULA_LEADS, ExportFilter


@pytest.fixture()
def conn(years_db: Path) -> duckdb.DuckDBPyConnection:
    connection = open_warehouse(years_db, read_only=True)
    yield connection
    connection.close()


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
        ".kmplan-export.json", "fiscal_year=2565", "fiscal_year=2566", "fiscal_year=2567"
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
    assert "is a folder kmplan did not make" in refused.output
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]
