"""Query results as plain data, apart from how queries are run (warehouse.query), so that
the modules a migration uses (departments) need no connection machinery."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    truncated: bool = False  # more rows existed than max_rows


def fetch_result(
    conn: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()
) -> QueryResult:
    """Every row of the library's own `sql` with its `params`, and the column names."""
    cursor = conn.execute(sql, list(params))
    columns = tuple(str(column[0]) for column in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))
