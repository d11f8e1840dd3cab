"""Ad-hoc read-only SQL on the warehouse (QueryResult and fetch_result: warehouse.results)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from warehouse.connection import first_line, open_sandboxed
from warehouse.errors import QueryError
from warehouse.faults import guarded
from warehouse.query_stream import DeadlineError, stream
from warehouse.query_stream import RowSink as RowSink
from warehouse.query_stream import StreamOutcome as StreamOutcome
from warehouse.results import QueryResult as QueryResult
from warehouse.results import fetch_result as fetch_result

# What a user's SQL can do wrong; anything else from DuckDB is a bug and is not caught.
_USER_ERRORS = (
    duckdb.ParserException,
    duckdb.BinderException,
    duckdb.CatalogException,
    duckdb.InvalidInputException,  # among others: a write on the read-only connection
    duckdb.PermissionException,  # file access (COPY TO, ATTACH, read_csv) is disabled
    duckdb.ConversionException,
    duckdb.OutOfRangeException,
    duckdb.TypeMismatchException,
    duckdb.NotImplementedException,
    duckdb.TransactionException,  # COMMIT, ROLLBACK or BEGIN out of place
)


class _Collect:
    """A RowSink that keeps every row (run_query)."""

    def __init__(self) -> None:
        self.names: tuple[str, ...] = ()
        self.kept: list[tuple[object, ...]] = []

    def columns(self, names: tuple[str, ...]) -> None:
        self.names = names

    def rows(self, batch: Sequence[tuple[object, ...]]) -> None:
        self.kept.extend(batch)


def run_query(
    path: str | Path, sql: str, *, max_rows: int | None = None, timeout_s: float | None = None
) -> QueryResult:
    """Run `sql` on a read-only, file-sandboxed connection to the warehouse at `path` and
    return its result (at most `max_rows` rows, `truncated` when there were more).

    Raises QueryError as stream_query does.
    """
    sink = _Collect()
    outcome = stream_query(path, sql, sink, max_rows=max_rows, timeout_s=timeout_s)
    return QueryResult(columns=sink.names, rows=tuple(sink.kept), truncated=outcome.truncated)


def stream_query(
    path: str | Path,
    sql: str,
    sink: RowSink,
    *,
    max_rows: int | None = None,
    timeout_s: float | None = None,
) -> StreamOutcome:
    """Run one statement of `sql` on a read-only, file-sandboxed connection to the
    warehouse at `path`, handing its column names and then its rows, in batches as they
    are fetched, to `sink`.

    Raises QueryError (a WarehouseError) with DuckDB's one-line reason when the SQL fails,
    including any attempt to write; when `sql` holds more than one statement (nothing is
    run); and when the query runs longer than `timeout_s` (it is interrupted). With
    `max_rows`, at most that many rows (and one more, to tell) are read. Ctrl-C stops the
    query and raises KeyboardInterrupt; an error raised by `sink` (a closed pipe) stops it
    and is raised as it is.
    """
    conn = open_sandboxed(path)
    try:
        with guarded(path):  # a damaged file; the user's own errors are caught first
            try:
                _one_statement(conn, sql)
                return stream(conn, sql, sink, max_rows, timeout_s)
            except (DeadlineError, duckdb.InterruptException) as exc:
                raise QueryError(
                    f"query stopped after {timeout_s:g} s (--timeout); narrow it, "
                    "or give it more time with --timeout"
                ) from exc
            except _USER_ERRORS as exc:
                raise QueryError(_query_message(exc)) from exc
    finally:
        conn.close()


def _one_statement(conn: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse SQL of several statements: only the last one's result would be shown.
    (Parsed by `conn`: duckdb.extract_statements would first open DuckDB's default
    in-memory database, a third of what the whole `kmplan query "select 1"` takes.)"""
    count = len(conn.extract_statements(sql))
    if count > 1:
        raise QueryError(
            f"query failed: {count} statements given; kmplan query runs one statement "
            "at a time (run each on its own)"
        )


def _query_message(exc: duckdb.Error) -> str:
    reason = first_line(exc)
    if "read-only mode" in reason:
        return f"queries cannot change the warehouse (it is opened read-only): {reason}"
    if isinstance(exc, duckdb.PermissionException):
        return f"query failed: {reason}; queries cannot read or write other files"
    return f"query failed: {reason}"
