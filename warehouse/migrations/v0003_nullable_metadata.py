"""Version 3: contract v2 lets documents.organization and documents.fiscal_year be NULL.

schema.sql creates them nullable. A warehouse made before has them NOT NULL, and DuckDB
cannot drop a NOT NULL on a table other tables reference by foreign key ("Cannot alter
entry documents because there are entries that depend on it"), so such a warehouse is
rebuilt once: the five document tables are copied aside, dropped, created anew by
schema.sql and filled back by column name. A version-1 warehouse written by a kmplan that
already made them nullable is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import duckdb

from warehouse.migrations.step import Migration
from warehouse.sql import quote_identifier

# Referencing tables last: they are dropped in reverse order and filled in this order.
_TABLES = ("documents", "plans", "activities", "warnings", "repairs")
_RELAXED = ("organization", "fiscal_year")


def needs_rebuild(conn: duckdb.DuckDBPyConnection) -> bool:
    rows = conn.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'documents' "
        "AND list_contains(?, column_name) AND NOT is_nullable",
        [list(_RELAXED)],
    ).fetchone()
    return bool(rows and rows[0])


def relax_document_metadata(
    conn: duckdb.DuckDBPyConnection, apply_schema: Callable[[], None]
) -> bool:
    """Rebuild the document tables when organization or fiscal_year is still NOT NULL;
    `apply_schema` runs schema.sql. Runs in the caller's transaction. True if rebuilt."""
    if not needs_rebuild(conn):
        return False
    for table in _TABLES:
        conn.execute(f"CREATE TEMP TABLE {_old(table)} AS SELECT * FROM {_main(table)}")
    for table in reversed(_TABLES):
        conn.execute(f"DROP TABLE {_main(table)}")
    apply_schema()
    for table in _TABLES:
        conn.execute(f"INSERT INTO {_main(table)} BY NAME SELECT * FROM {_old(table)}")
        conn.execute(f"DROP TABLE {_old(table)}")
    return True


def _main(table: str) -> str:
    return f"main.{quote_identifier(table)}"


def _old(table: str) -> str:
    return quote_identifier(f"kmplan_old_{table}")


def apply(conn: duckdb.DuckDBPyConnection) -> None:
    # The tables are made again by the current schema.sql (CREATE TABLE IF NOT EXISTS):
    # later steps must accept tables that already have their shape.
    schema = files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    relax_document_metadata(conn, lambda: _run(conn, schema))


def _run(conn: duckdb.DuckDBPyConnection, sql: str) -> None:
    conn.execute(sql)


MIGRATION: Migration = Migration(
    version=3, summary="documents.organization and fiscal_year nullable", apply=apply
)
