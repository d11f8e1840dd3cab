"""Reprocessing in the warehouse: which documents an older kmplan made, where their files
were, and replacing a document's rows with a new reading in one transaction.

Department merges and aliases are not touched: they are keyed on the printed spellings of
organizations and departments (organization_aliases, department_aliases), not on a
document's rows, so a user's merge applies to the new rows as it did to the old ones; a
spelling the new reading prints for the first time gets its key as at ingest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import duckdb

from warehouse.changes import Changes, compare, document_rows
from warehouse.departments import assign_keys
from warehouse.errors import WarehouseError
from warehouse.load import TABLES, Provenance, insert_document, rejected, transaction
from warehouse.runs import utcnow
from warehouse.sql import quote_identifier

if TYPE_CHECKING:
    from normalize.models import NormalizedDocument

ReprocessStatus = Literal["reprocessed", "unchanged", "skipped", "failed"]

_STORED = (
    "SELECT d.document_id, d.source_file, d.source_path, d.kmplan_version, "
    "d.parser_fingerprint, d.organization, d.fiscal_year, "
    "(SELECT f.path FROM ingest_run_files AS f WHERE f.sha256 = d.document_id "
    " AND f.status = 'ingested' ORDER BY f.finished_at DESC LIMIT 1) AS run_path "
    "FROM documents AS d"
)


@dataclass(frozen=True)
class StoredDocument:
    """A document in the warehouse, with what made its rows and where its file was."""

    document_id: str
    source_file: str
    source_path: str | None  # absolute, recorded at load since schema version 4
    run_path: str | None  # the path its ingest run saw (as typed then: maybe relative)
    kmplan_version: str
    parser_fingerprint: str | None  # NULL: loaded before fingerprints were recorded
    organization: str | None
    fiscal_year: int | None


@dataclass(frozen=True)
class ReprocessRecord:
    """One document of a reprocess run, for reprocess_run_files."""

    file_no: int
    status: ReprocessStatus
    document_id: str | None = None
    path: str | None = None
    error: str | None = None
    changes: Changes | None = None
    old_kmplan_version: str | None = None
    old_parser_fingerprint: str | None = None


def stored_documents(conn: duckdb.DuckDBPyConnection) -> list[StoredDocument]:
    """Every document, by file name."""
    rows = conn.execute(f"{_STORED} ORDER BY d.source_file, d.document_id").fetchall()
    return [_stored(row) for row in rows]


def find_document(conn: duckdb.DuckDBPyConnection, sha256: str) -> StoredDocument | None:
    row = conn.execute(f"{_STORED} WHERE d.document_id = ?", [sha256]).fetchone()
    return _stored(row) if row else None


def _stored(row: tuple[object, ...]) -> StoredDocument:
    doc_id, name, path, version, fingerprint, org, year, run_path = row
    return StoredDocument(
        document_id=str(doc_id),
        source_file=str(name),
        source_path=None if path is None else str(path),
        run_path=None if run_path is None else str(run_path),
        kmplan_version=str(version),
        parser_fingerprint=None if fingerprint is None else str(fingerprint),
        organization=None if org is None else str(org),
        fiscal_year=None if year is None else int(str(year)),
    )


def is_older(stored: StoredDocument, kmplan_version: str, fingerprint: str) -> bool:
    """True when an older kmplan made the document's rows: an older kmplan_version, or the
    same version (or one that is not numbers) with another parser fingerprint or none
    recorded. A document made by a newer kmplan is never older: this one would undo
    what the newer one read."""
    made, running = _version_key(stored.kmplan_version), _version_key(kmplan_version)
    if made is not None and running is not None and made != running:
        return made < running
    return stored.parser_fingerprint != fingerprint


def _version_key(version: str) -> tuple[int, ...] | None:
    """0.1.0 -> (0, 1, 0); None when the version does not start with numbers."""
    found = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(part) for part in found.group(0).split(".")) if found else None


def replace_document(
    conn: duckdb.DuckDBPyConnection, doc: NormalizedDocument, made: Provenance
) -> Changes:
    """Replace every row of `doc`'s document with `doc`, in one transaction, and say what
    changed. Raises InvalidDocumentError when the new rows break a constraint (the old
    rows stay) and WarehouseError when the document is not in the warehouse."""
    doc_id = doc.meta.document_id
    with transaction(conn):
        if find_document(conn, doc_id) is None:
            raise WarehouseError(f"{doc.meta.source_file}: not in the warehouse any more")
        before = document_rows(conn, doc_id)
        for table in reversed(TABLES):
            conn.execute(f"DELETE FROM {quote_identifier(table)} WHERE document_id = ?", [doc_id])
        try:
            insert_document(conn, doc, made)
        except duckdb.ConstraintException as exc:
            raise rejected(doc.meta.source_file, exc) from exc
        assign_keys(conn)  # keys of spellings the new reading prints for the first time
        after = document_rows(conn, doc_id)
    return compare(before, after)


def start_reprocess_run(
    conn: duckdb.DuckDBPyConnection, *, inputs: str, workers: int, kmplan_version: str
) -> str:
    """A row in ingest_runs with command 'reprocess'; its documents go to
    reprocess_run_files (record_document)."""
    from warehouse.runs import start_run

    run_id = start_run(
        conn, inputs=[inputs], executor="local", workers=workers, kmplan_version=kmplan_version
    )
    conn.execute("UPDATE ingest_runs SET command = 'reprocess' WHERE run_id = ?", [run_id])
    return run_id


def record_document(
    conn: duckdb.DuckDBPyConnection, run_id: str, record: ReprocessRecord, kmplan_version: str
) -> None:
    changes = record.changes or Changes()
    conn.execute(
        "INSERT INTO reprocess_run_files (run_id, file_no, document_id, path, status, error, "
        "rows_added, rows_removed, rows_changed, fields_changed, old_kmplan_version, "
        "old_parser_fingerprint, finished_at, kmplan_version) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id, record.file_no, record.document_id, record.path, record.status,
            record.error, changes.rows_added, changes.rows_removed, changes.rows_changed,
            changes.fields_changed, record.old_kmplan_version, record.old_parser_fingerprint,
            utcnow(), kmplan_version,
        ],
    )  # fmt: skip
