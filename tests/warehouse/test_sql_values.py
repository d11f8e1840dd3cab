"""Values reach SQL as parameters, names through quote_identifier: a quote in a department,
an organization, a file name or a column name is data, never SQL."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from warehouse import export_rows, load_document, open_warehouse
from warehouse.departments import DepartmentKeyError, department_keys
from warehouse.export import ExportFilter, select_rows
from warehouse.load import bulk_insert
from warehouse.sql import column_list, quote_identifier

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .warehouse_data import small_doc, tak_2566
except ImportError:
    from test_warehouse_data import small_doc, tak_2566

QUOTED_DEPARTMENT = "กอง'ช่าง\" ทดลอง"  # both quote characters
QUOTED_ORGANIZATION = "เทศบาล'ทดลอง"
ATTACK = "x' OR 1=1 --"


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(tmp_path / "km.duckdb")
    load_document(connection, tak_2566(), kmplan_version="test")
    doc = small_doc("quoted", "it's.pdf", 2567, organization=QUOTED_ORGANIZATION)
    plan = doc.plans[0].model_copy(update={"department": QUOTED_DEPARTMENT})
    load_document(connection, doc.model_copy(update={"plans": [plan]}), kmplan_version="test")
    yield connection
    connection.close()


def exported(conn: duckdb.DuckDBPyConnection, filters: ExportFilter) -> list[dict[str, object]]:
    stream = io.StringIO()
    export_rows(conn, "jsonl", "-", stream=stream, filters=filters)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_quote_identifier() -> None:
    assert quote_identifier("fiscal_year") == '"fiscal_year"'
    assert quote_identifier('say "hi"') == '"say ""hi"""'
    assert column_list(["a", 'b"c']) == '"a", "b""c"'


def test_a_name_with_quotes_is_one_identifier() -> None:
    with duckdb.connect() as memory:
        memory.execute('CREATE TABLE "it\'s ""odd""" ("a b" INTEGER, "c""d" VARCHAR)')
        types = {"a b": "INTEGER", 'c"d': "VARCHAR"}
        records = [{"a b": 1, 'c"d': "x'y"}, {"a b": 2, 'c"d': None}]
        bulk_insert(memory, 'it\'s "odd"', records, types)
        rows = memory.execute('SELECT * FROM "it\'s ""odd""" ORDER BY 1').fetchall()
    assert rows == [(1, "x'y"), (2, None)]


def test_filter_values_are_parameters_not_sql_text(conn: duckdb.DuckDBPyConnection) -> None:
    filters = ExportFilter(years=(2567,), organization=QUOTED_ORGANIZATION, department=ATTACK)
    sql, params = select_rows(conn, filters)
    assert ATTACK not in sql and "2567" not in sql and "'" not in sql
    org_key = params[1]
    assert params == [[2567], org_key, ATTACK, ATTACK]


def test_quoted_department_and_organization_select_their_rows(
    conn: duckdb.DuckDBPyConnection,
) -> None:
    rows = exported(conn, ExportFilter(department=QUOTED_DEPARTMENT))
    assert [(r["department"], r["source_file"]) for r in rows] == [(QUOTED_DEPARTMENT, "it's.pdf")]
    rows = exported(conn, ExportFilter(organization=QUOTED_ORGANIZATION, years=(2567,)))
    assert [r["organization"] for r in rows] == [QUOTED_ORGANIZATION]


def test_an_injection_attempt_matches_nothing(conn: duckdb.DuckDBPyConnection) -> None:
    assert exported(conn, ExportFilter(department=ATTACK)) == []
    with pytest.raises(DepartmentKeyError, match="no organization"):
        exported(conn, ExportFilter(organization=ATTACK))


def test_parquet_to_a_path_with_a_quote(conn: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    out = tmp_path / "it's a 'dir'" / "rows"  # no suffix: partitioned by fiscal year
    filters = ExportFilter(department=QUOTED_DEPARTMENT)
    assert export_rows(conn, "parquet", out, filters=filters) == 1
    assert sorted(p.name for p in out.iterdir()) == [".kmplan-export.json", "fiscal_year=2567"]


def test_department_keys_of_one_organization(conn: duckdb.DuckDBPyConnection) -> None:
    everyone = department_keys(conn)
    assert everyone.columns[:2] == ("organization_key", "department_key")
    assert len(everyone.rows) == 3
    mine = department_keys(conn, QUOTED_ORGANIZATION)
    assert [row[2] for row in mine.rows] == [QUOTED_DEPARTMENT]  # spellings
    with pytest.raises(DepartmentKeyError):
        department_keys(conn, ATTACK)


def test_cli_departments_of_a_quoted_organization(
    conn: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    conn.close()
    runner = CliRunner()
    db = str(tmp_path / "km.duckdb")
    done = runner.invoke(app, ["departments", "--db", db, "--org", QUOTED_ORGANIZATION])
    assert done.exit_code == 0, done.output
    assert QUOTED_DEPARTMENT in done.stdout and "(1 row)" in done.stdout
    refused = runner.invoke(app, ["departments", "--db", db, "--org", ATTACK])
    assert refused.exit_code == 1
    assert refused.stderr.startswith(f"error: no organization {ATTACK!r} in the warehouse")
    assert len(refused.stderr.splitlines()) == 1
