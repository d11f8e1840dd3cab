"""The ingest-run log: which run saw which file, and what became of it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from warehouse.query import QueryResult, fetch_result

RunStatus = str  # 'running' | 'finished' | 'interrupted' | 'failed'


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class FileRecord:
    file_no: int
    path: str
    status: str  # 'ingested' | 'already-present' | 'failed'
    sha256: str | None = None
    error: str | None = None
    pages: int = 0
    activities: int = 0
    warnings: int = 0
    work_seconds: float | None = None
    load_seconds: float | None = None
    started_at: datetime | None = None


def start_run(
    conn: duckdb.DuckDBPyConnection,
    *,
    inputs: Sequence[str],
    executor: str,
    workers: int | None,
    kmplan_version: str,
) -> str:
    run_id = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    conn.execute(
        "INSERT INTO ingest_runs (run_id, started_at, status, executor, workers, inputs, "
        "kmplan_version) VALUES (?, ?, 'running', ?, ?, ?, ?)",
        [run_id, utcnow(), executor, workers, " ".join(inputs), kmplan_version],
    )
    return run_id


def record_file(
    conn: duckdb.DuckDBPyConnection, run_id: str, record: FileRecord, kmplan_version: str
) -> None:
    conn.execute(
        "INSERT INTO ingest_run_files (run_id, file_no, path, sha256, status, error, pages, "
        "activities, warnings, work_seconds, load_seconds, started_at, finished_at, "
        "kmplan_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            run_id, record.file_no, record.path, record.sha256, record.status, record.error,
            record.pages, record.activities, record.warnings, record.work_seconds,
            record.load_seconds, record.started_at, utcnow(), kmplan_version,
        ],
    )  # fmt: skip


def finish_run(conn: duckdb.DuckDBPyConnection, run_id: str, status: RunStatus) -> None:
    conn.execute(
        "UPDATE ingest_runs SET status = ?, finished_at = ? WHERE run_id = ?",
        [status, utcnow(), run_id],
    )


def recent_runs(conn: duckdb.DuckDBPyConnection, limit: int = 10) -> QueryResult:
    """The latest runs first. A run killed mid-way shows status 'running' with no finish."""
    return fetch_result(
        conn,
        "SELECT run_id, command, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_utc, "
        "CASE WHEN finished_at IS NULL THEN NULL ELSE "
        "round(epoch(finished_at - started_at), 1) END AS seconds, status, executor, "
        "workers, files, ingested, already_present, failed, pages, activities "
        "FROM ingest_run_summary ORDER BY started_at DESC, run_id DESC LIMIT ?",
        [limit],
    )


def latest_run_id(conn: duckdb.DuckDBPyConnection) -> str | None:
    row = conn.execute(
        "SELECT run_id FROM ingest_runs ORDER BY started_at DESC, run_id DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


def run_exists(conn: duckdb.DuckDBPyConnection, run_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM ingest_runs WHERE run_id = ?", [run_id]).fetchone()
    return row is not None


def run_failures(conn: duckdb.DuckDBPyConnection, run_id: str) -> QueryResult:
    """The files of `run_id` that failed, in the order they were found (a reprocess
    run's documents are in reprocess_run_files)."""
    return fetch_result(
        conn,
        "SELECT file_no, path, error FROM ingest_run_files "
        "WHERE run_id = ? AND status = 'failed' UNION ALL "
        "SELECT file_no, path, error FROM reprocess_run_files "
        "WHERE run_id = ? AND status = 'failed' ORDER BY file_no",
        [run_id, run_id],
    )


def has_run_log(conn: duckdb.DuckDBPyConnection) -> bool:
    """False for a warehouse written before runs were recorded (opened read-only)."""
    row = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'ingest_runs'"
    ).fetchone()
    return bool(row and row[0])
