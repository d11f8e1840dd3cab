"""Version 5: plans.department may be NULL.

A plan whose header names no unit is filed under its organization; when the document names
no organization either (contract version 2 lets it be null), the department is NULL with
the department-missing warning, and the plan's rows load. Before, such a document was
refused by the NOT NULL constraint. The CHECK that a department is never '' stays.
"""

from __future__ import annotations

import duckdb

from warehouse.migrations.step import Migration


def apply(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("ALTER TABLE plans ALTER COLUMN department DROP NOT NULL")


MIGRATION: Migration = Migration(
    version=5,
    summary="plans.department may be NULL (no unit and no organization printed)",
    apply=apply,
)
