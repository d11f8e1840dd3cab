"""Version 4: what `kmplan reprocess` needs to re-read a document and replace its rows.

- documents.parser_fingerprint (normalize.fingerprint) and documents.source_path (the
  file's absolute path when loaded); both NULL for documents loaded before: "unknown,
  older", so reprocess selects them;
- ingest_runs.command ('ingest' for every run before) and reprocess_run_files;
- no foreign keys between the document tables: DuckDB refuses to delete a referenced row
  in the transaction that deleted the rows referencing it, and replacing a document's
  rows in one transaction needs exactly that. A warehouse that has them is rebuilt once
  (warehouse/migrations/rebuild.py); one rebuilt by step 3 has the current shape already.
"""

from __future__ import annotations

import duckdb

from warehouse.migrations.rebuild import DOCUMENT_TABLES, current_schema, rebuild_document_tables
from warehouse.migrations.step import Migration


def has_foreign_keys(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND constraint_type = 'FOREIGN KEY' "
        "AND list_contains(?, table_name)",
        [list(DOCUMENT_TABLES)],
    ).fetchone()
    return bool(row and row[0])


def apply(conn: duckdb.DuckDBPyConnection) -> None:
    schema = current_schema(conn)
    if has_foreign_keys(conn):
        rebuild_document_tables(conn, schema)
    else:
        schema()  # the new columns and table (ALTER ... ADD COLUMN IF NOT EXISTS)


MIGRATION: Migration = Migration(
    version=4,
    summary="parser fingerprint and source path per document; reprocess runs; no foreign keys",
    apply=apply,
)
