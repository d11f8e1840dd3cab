"""Ad-hoc read-only SQL on the warehouse, and a plain text table that lines up Thai."""

from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import duckdb

from warehouse.connection import first_line, open_sandboxed
from warehouse.errors import QueryError
from warehouse.faults import guarded

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
_ZERO_WIDTH = {"Mn", "Me", "Cf"}  # combining marks (Thai vowels above/below, tone marks)
_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    truncated: bool = False  # more rows existed than max_rows


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


def format_table(result: QueryResult) -> str:
    """A plain text table: a header, a rule, one line per row, then the row count.

    Numbers are right-aligned, NULL is shown as NULL, and widths ignore combining marks so
    Thai text lines up in a terminal.
    """
    header = list(result.columns)
    body = [[_cell(value) for value in row] for row in result.rows]
    widths = [max([display_width(line[i]) for line in [header, *body]]) for i in range(len(header))]
    right = [_is_numeric_column(result, i) for i in range(len(header))]
    lines = [
        _line(header, widths, right),
        _line(["-" * width for width in widths], widths, right),
        *(_line(line, widths, right) for line in body),
        _footer(result),
    ]
    return "\n".join(lines) if header else _footer(result)


def display_width(text: str) -> int:
    """Terminal columns: combining marks take none, East Asian wide characters take two."""
    width = 0
    for char in text:
        if unicodedata.category(char) in _ZERO_WIDTH:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    return str(value).translate(_ESCAPES)


def _is_numeric_column(result: QueryResult, index: int) -> bool:
    values = [row[index] for row in result.rows if row[index] is not None]
    return bool(values) and all(_is_number(value) for value in values)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _line(cells: list[str], widths: list[int], right: list[bool]) -> str:
    padded = []
    for cell, width, align_right in zip(cells, widths, right, strict=True):
        gap = " " * (width - display_width(cell))
        padded.append(gap + cell if align_right else cell + gap)
    return "  ".join(padded).rstrip()


def _footer(result: QueryResult) -> str:
    count = len(result.rows)
    more = ", more not shown" if result.truncated else ""
    return f"({count} row{'' if count == 1 else 's'}{more})"
