"""A warehouse made before contract v2 (documents.organization and fiscal_year NOT NULL,
which DuckDB cannot drop on a table other tables reference) is rebuilt on the first
writer open: every row kept, the columns nullable, and a document without them loads."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import duckdb
import pytest

from pipeline.present.xlsx import write_xlsx
from warehouse import export_rows, load_document, open_warehouse

from .warehouse_data import TABLES, small_doc, snapshot

VERSION = "0.1.0-test"
_NULLABLE = "    organization   VARCHAR   CHECK (organization <> ''),\n"
_NOT_NULL = "    organization   VARCHAR   NOT NULL CHECK (organization <> ''),\n"
_YEAR = "    fiscal_year    INTEGER   CHECK (fiscal_year BETWEEN 2500 AND 2700),\n"
_YEAR_NOT_NULL = _YEAR.replace("INTEGER   CHECK", "INTEGER   NOT NULL CHECK")


def _old_warehouse(path: Path) -> None:
    """A warehouse with the schema as it was before contract v2, holding two documents."""
    schema = files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    assert _NULLABLE in schema and _YEAR in schema, "schema.sql changed: update this test"
    old = schema.replace(_NULLABLE, _NOT_NULL).replace(_YEAR, _YEAR_NOT_NULL)
    conn = duckdb.connect(str(path))
    conn.execute(old)
    conn.execute("INSERT INTO schema_version VALUES (1, now()::TIMESTAMP)")
    for key, year in (("a", 2565), ("b", 2566)):
        load_document(conn, small_doc(key, f"{key}.pdf", year), kmplan_version=VERSION)
    nullable = conn.execute(
        "SELECT is_nullable FROM information_schema.columns "
        "WHERE table_name = 'documents' AND column_name = 'organization'"
    ).fetchone()
    assert nullable == ("NO",)
    conn.close()


def test_old_warehouse_is_rebuilt_with_every_row_and_takes_null(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_warehouse(path)
    before = duckdb.connect(str(path), read_only=True)
    rows_before = snapshot(before)
    before.close()

    conn = open_warehouse(path)
    try:
        assert snapshot(conn) == rows_before
        assert all(rows_before[table] for table in TABLES[:3])
        nullable = conn.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns "
            "WHERE table_name = 'documents' AND column_name IN ('organization', 'fiscal_year') "
            "ORDER BY 1"
        ).fetchall()
        assert nullable == [("fiscal_year", "YES"), ("organization", "YES")]
        doc = small_doc("c", "c.pdf", None, organization=None)
        assert load_document(conn, doc, kmplan_version=VERSION).status == "loaded"
        # the rebuild keeps every constraint but the foreign keys, which schema version 4
        # dropped (DuckDB cannot replace a document's rows in one transaction with them)
        refused = False
        try:
            conn.execute(
                "INSERT INTO plans (document_id, plan_no, department, km_goal, page) "
                "VALUES (?, 0, 'x', 'y', 1)",
                ["f" * 64],
            )
        except duckdb.ConstraintException:
            refused = True
        assert refused
    finally:
        conn.close()
    # a second open finds nothing to rebuild and keeps the new document
    conn = open_warehouse(path)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (3,)
    finally:
        conn.close()


def test_rows_without_a_year_export_with_null(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    conn = open_warehouse(tmp_path / "w.duckdb")
    try:
        load_document(conn, small_doc("a", "a.pdf", 2566), kmplan_version=VERSION)
        load_document(conn, small_doc("b", "b.pdf", None), kmplan_version=VERSION)
        export_rows(conn, "jsonl", tmp_path / "rows.jsonl")
        write_xlsx(conn, tmp_path / "rows.xlsx")  # the workbook is pipeline/present/xlsx.py
        assert export_rows(conn, "parquet", tmp_path / "parts") == 2
    finally:
        conn.close()
    lines = (tmp_path / "rows.jsonl").read_text(encoding="utf-8").splitlines()
    years = [json.loads(line)["fiscal_year"] for line in lines]
    assert years == [2566, None]  # ordered by fiscal year, the year-less last
    parts = sorted(path.name for path in (tmp_path / "parts").iterdir())
    assert parts == [
        ".kmplan-export.json",  # what kmplan wrote there (warehouse/outputs.py)
        "fiscal_year=2566",
        "fiscal_year=__HIVE_DEFAULT_PARTITION__",
    ]
    book = openpyxl.load_workbook(tmp_path / "rows.xlsx")
    assert book.sheetnames[:2] == ["ปีงบประมาณ 2566", "ไม่ระบุปี"]


def test_a_plan_of_no_unit_in_a_document_of_no_organization_loads(tmp_path: Path) -> None:
    """Contract v2: department null only when both are unknown; the rows load all the same
    (a NOT NULL department refused the whole document before schema version 5)."""
    doc = small_doc("n", "n.pdf", 2566, organization=None)
    doc = doc.model_copy(update={"plans": [doc.plans[0].model_copy(update={"department": None})]})
    conn = open_warehouse(tmp_path / "w.duckdb")
    try:
        loaded = load_document(conn, doc, kmplan_version=VERSION)
        export_rows(conn, "jsonl", tmp_path / "rows.jsonl")
    finally:
        conn.close()
    assert loaded.activities == 1
    (row,) = [json.loads(line) for line in (tmp_path / "rows.jsonl").read_text().splitlines()]
    assert (row["organization"], row["department"]) == (None, None)
