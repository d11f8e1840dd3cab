"""Ad-hoc read-only SQL on the warehouse, and query results as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.connection import first_line, open_sandboxed
from warehouse.errors import QueryError

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
)


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    truncated: bool = False  # more rows existed than max_rows


def run_query(path: str | Path, sql: str, *, max_rows: int | None = None) -> QueryResult:
    """Run `sql` on a read-only, file-sandboxed connection to the warehouse at `path`.

    Raises QueryError (a WarehouseError) with DuckDB's one-line reason when the SQL fails,
    including any attempt to write.
    """
    conn = open_sandboxed(path)
    try:
        return _execute(conn, sql, max_rows)
    except _USER_ERRORS as exc:
        raise QueryError(_query_message(exc)) from exc
    finally:
        conn.close()


def fetch_result(
    conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()
) -> QueryResult:
    """Every row of the library's own `sql` with its `params`, and the column names."""
    cursor = conn.execute(sql, list(params))
    columns = tuple(str(column[0]) for column in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))


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
    return f"query failed: {reason}"
