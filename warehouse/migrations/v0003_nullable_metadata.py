"""Version 3: contract v2 lets documents.organization and documents.fiscal_year be NULL.

schema.sql creates them nullable. A warehouse made before has them NOT NULL, and DuckDB
cannot drop a NOT NULL on a table other tables reference by foreign key ("Cannot alter
entry documents because there are entries that depend on it"), so such a warehouse is
rebuilt once (warehouse/migrations/rebuild.py). A version-1 warehouse written by a kmplan
that already made them nullable is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from warehouse.migrations.rebuild import current_schema, rebuild_document_tables
from warehouse.migrations.step import Migration

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
    rebuild_document_tables(conn, apply_schema)
    return True


def apply(conn: duckdb.DuckDBPyConnection) -> None:
    # The tables are made again by the current schema.sql (CREATE TABLE IF NOT EXISTS):
    # later steps must accept tables that already have their shape.
    relax_document_metadata(conn, current_schema(conn))


MIGRATION: Migration = Migration(
    version=3, summary="documents.organization and fiscal_year nullable", apply=apply
)
