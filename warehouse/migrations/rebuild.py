"""Rebuilding the document tables: the one way to change what DuckDB cannot ALTER on a
table other tables reference by foreign key (a NOT NULL, the foreign keys themselves).

The five tables are copied aside, dropped, created anew by the current schema.sql and
filled back by column name, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files

import duckdb

from warehouse.sql import quote_identifier

# Referencing tables last: they are dropped in reverse order and filled in this order.
DOCUMENT_TABLES = ("documents", "plans", "activities", "warnings", "repairs")


def rebuild_document_tables(
    conn: duckdb.DuckDBPyConnection, apply_schema: Callable[[], None]
) -> None:
    """Copy aside, drop, `apply_schema` (runs schema.sql), fill back by column name."""
    for table in DOCUMENT_TABLES:
        conn.execute(f"CREATE TEMP TABLE {_old(table)} AS SELECT * FROM {_main(table)}")
    for table in reversed(DOCUMENT_TABLES):
        conn.execute(f"DROP TABLE {_main(table)}")
    apply_schema()
    for table in DOCUMENT_TABLES:
        conn.execute(f"INSERT INTO {_main(table)} BY NAME SELECT * FROM {_old(table)}")
        conn.execute(f"DROP TABLE {_old(table)}")


def current_schema(conn: duckdb.DuckDBPyConnection) -> Callable[[], None]:
    """What runs the current schema.sql on `conn` (CREATE TABLE IF NOT EXISTS: later steps
    must accept tables that already have their shape)."""
    schema = files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")
    return lambda: _run(conn, schema)


def _run(conn: duckdb.DuckDBPyConnection, sql: str) -> None:
    conn.execute(sql)


def _main(table: str) -> str:
    return f"main.{quote_identifier(table)}"


def _old(table: str) -> str:
    return quote_identifier(f"kmplan_old_{table}")
