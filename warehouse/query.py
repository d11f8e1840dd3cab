"""Ad-hoc read-only SQL on the warehouse (QueryResult and fetch_result: warehouse.results)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import duckdb

from warehouse.connection import first_line, open_sandboxed
from warehouse.errors import QueryError
from warehouse.faults import guarded
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
_POLL_S = 0.05  # how often the waiting main thread looks at the clock (and gets Ctrl-C)


def run_query(
    path: str | Path, sql: str, *, max_rows: int | None = None, timeout_s: float | None = None
) -> QueryResult:
    """Run `sql` on a read-only, file-sandboxed connection to the warehouse at `path`.

    Raises QueryError (a WarehouseError) with DuckDB's one-line reason when the SQL fails,
    including any attempt to write, and when it runs longer than `timeout_s` (the query is
    interrupted). Rows are fetched as a stream: with `max_rows`, at most that many (and one
    more, to tell) are read. Ctrl-C stops the query and raises KeyboardInterrupt.
    """
    conn = open_sandboxed(path)
    try:
        with guarded(path):  # a damaged file; the user's own errors are caught first
            try:
                return _bounded(conn, sql, max_rows, timeout_s)
            except duckdb.InterruptException as exc:  # only _bounded interrupts
                raise QueryError(
                    f"query stopped after {timeout_s:g} s (--timeout); narrow it, "
                    "or give it more time with --timeout"
                ) from exc
            except _USER_ERRORS as exc:
                raise QueryError(_query_message(exc)) from exc
    finally:
        conn.close()


def _bounded(
    conn: duckdb.DuckDBPyConnection, sql: str, max_rows: int | None, timeout_s: float | None
) -> QueryResult:
    """_execute in a thread of its own, interrupted at the deadline or on Ctrl-C.

    The main thread waits on an Event in short steps, so Ctrl-C reaches it at once (DuckDB's
    own Ctrl-C handling misses a signal that comes before its execution loop polls for
    one; and Thread.join interrupted by Ctrl-C takes a running thread for finished).
    """
    outcome: list[QueryResult | BaseException] = []
    done = threading.Event()

    def work() -> None:
        try:
            outcome.append(_execute(conn, sql, max_rows))
        except BaseException as exc:  # handed to the main thread, raised there
            outcome.append(exc)
        finally:
            done.set()

    threading.Thread(target=work, name="kmplan-query", daemon=True).start()
    deadline = None if timeout_s is None else time.monotonic() + timeout_s
    try:
        while not done.wait(_POLL_S):
            if deadline is not None and time.monotonic() > deadline:
                _interrupt(conn, done)
                deadline = None
    except KeyboardInterrupt:
        _interrupt(conn, done)
        raise
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _interrupt(conn: duckdb.DuckDBPyConnection, done: threading.Event) -> None:
    """Stop the worker's query and wait until it has stopped."""
    while not done.is_set():
        conn.interrupt()
        done.wait(_POLL_S)


def _execute(conn: duckdb.DuckDBPyConnection, sql: str, max_rows: int | None) -> QueryResult:
    conn.execute(sql)
    if conn.description is None:
        return QueryResult(columns=(), rows=())
    columns = tuple(str(column[0]) for column in conn.description)
    if max_rows is None:
        return QueryResult(columns=columns, rows=tuple(conn.fetchall()))
    rows = conn.fetchmany(max_rows + 1)
    return QueryResult(columns=columns, rows=tuple(rows[:max_rows]), truncated=len(rows) > max_rows)


def _query_message(exc: duckdb.Error) -> str:
    reason = first_line(exc)
    if "read-only mode" in reason:
        return f"queries cannot change the warehouse (it is opened read-only): {reason}"
    if isinstance(exc, duckdb.PermissionException):
        return f"query failed: {reason}; queries cannot read or write other files"
    return f"query failed: {reason}"
