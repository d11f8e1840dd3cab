"""Numbered schema migrations: a warehouse of an older schema version is brought up to date
one tested step at a time, inside the writer's opening transaction (all steps or none).

Version 1 is the schema kmplan had before warehouses knew what they are (schema.sql as of
commit 2feb636, frozen in v0001_schema.sql). Each later version is one module here with a
MIGRATION; SCHEMA_VERSION is the last one. To change the schema: add the step (and, for
new warehouses, the same shape in schema.sql), and a test in tests/reliability that
migrates a warehouse of the previous version and compares every row.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from warehouse.identity import APPLICATION_ID
from warehouse.migrations import (
    v0002_identity,
    v0003_nullable_metadata,
    v0004_reprocess,
    v0005_null_department,
)
from warehouse.migrations.step import Migration

MIGRATIONS: tuple[Migration, ...] = (
    v0002_identity.MIGRATION,
    v0003_nullable_metadata.MIGRATION,
    v0004_reprocess.MIGRATION,
    v0005_null_department.MIGRATION,
)
SCHEMA_VERSION: int = MIGRATIONS[-1].version


def migrate(conn: duckdb.DuckDBPyConnection, current: int) -> list[Migration]:
    """Apply the steps after version `current`, in order; the caller holds the transaction."""
    done = []
    for step in MIGRATIONS:
        if step.version > current:
            step.apply(conn)
            stamp(conn, step.version)
            done.append(step)
    return done


def stamp(conn: duckdb.DuckDBPyConnection, version: int) -> None:
    """Record that the warehouse has reached `version` (kmplan_meta, and the history in
    schema_version, which kmplan releases before kmplan_meta read)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(
        "INSERT INTO kmplan_meta (application_id, schema_version, created_at, updated_at) "
        "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM kmplan_meta)",
        [APPLICATION_ID, version, now, now],
    )
    conn.execute(
        "UPDATE kmplan_meta SET schema_version = ?, updated_at = ? WHERE schema_version < ?",
        [version, now, version],
    )
    conn.execute(
        "INSERT INTO schema_version SELECT ?, ? "
        "WHERE NOT EXISTS (SELECT 1 FROM schema_version WHERE version = ?)",
        [version, now, version],
    )
