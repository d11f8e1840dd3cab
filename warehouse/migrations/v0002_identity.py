"""Version 2: the warehouse knows what it is, and every spelling has its key.

- kmplan_meta names the application and the schema version, so a foreign database is
  never mistaken for a warehouse (and never written);
- the organization and department keys a warehouse loaded before keys existed lacks are
  assigned here, by a writer, so that read commands never write.
"""

from __future__ import annotations

import duckdb

from warehouse.departments import assign_keys
from warehouse.migrations.step import Migration, sql_file

META_TABLE = """
CREATE TABLE IF NOT EXISTS kmplan_meta (
    application_id VARCHAR   NOT NULL,  -- warehouse.identity.APPLICATION_ID
    schema_version INTEGER   NOT NULL,
    created_at     TIMESTAMP NOT NULL,  -- UTC, when kmplan_meta was made
    updated_at     TIMESTAMP NOT NULL   -- UTC, the last migration
)
"""


def apply(conn: duckdb.DuckDBPyConnection) -> None:
    # Version 1 grew by ALTER ... ADD COLUMN IF NOT EXISTS without a version change: bring
    # every version-1 warehouse to version 1's last shape first.
    conn.execute(sql_file("v0001_schema.sql"))
    conn.execute(META_TABLE)
    assign_keys(conn)


MIGRATION: Migration = Migration(
    version=2, summary="kmplan_meta; keys for every spelling", apply=apply
)
