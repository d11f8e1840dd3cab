"""`kmplan query`: a user's read-only SQL, printed as a table, CSV, JSON lines or markdown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.commands.common import DEFAULT_DB, DbOption, fail
from pipeline.commands.pipes import ends_quietly_on_closed_pipe

if TYPE_CHECKING:
    from pathlib import Path

    from warehouse.query import RowSink

QUERY_TIMEOUT_S = 60.0
QUERY_MAX_ROWS = 1000  # a screenful is far less; the rest is what export is for


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    markdown = "markdown"


TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds before the query is stopped.")
]
MaxRowsOption = Annotated[
    int, typer.Option("--max-rows", min=0, help="Rows to show (0: all); more are not read.")
]
QueryFormatOption = Annotated[
    QueryFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (for people), csv or jsonl (for programs: text as stored), or markdown.",
    ),
]


@ends_quietly_on_closed_pipe
def query_command(
    sql: Annotated[str, typer.Argument(help="Read-only SQL, e.g. 'from activity_rows'.")],
    db: DbOption = DEFAULT_DB,
    timeout: TimeoutOption = QUERY_TIMEOUT_S,
    max_rows: MaxRowsOption = QUERY_MAX_ROWS,
    format: QueryFormatOption = QueryFormat.table,
) -> None:
    """Run one read-only SQL statement against the warehouse and print its result.

    table lines columns up for a terminal; csv (a header, then rows) and jsonl stream rows.

    Example: kmplan query "from activity_rows" --format csv | head
    """
    if format is QueryFormat.table:
        _print_table(db, sql, max_rows, timeout)
        return
    from pipeline.present.records import CsvRows, JsonRows, MarkdownRows

    sinks: dict[QueryFormat, type[CsvRows | JsonRows | MarkdownRows]] = {
        QueryFormat.csv: CsvRows,
        QueryFormat.jsonl: JsonRows,
        QueryFormat.markdown: MarkdownRows,
    }
    count, truncated = _stream(db, sql, sinks[format](sys.stdout), max_rows, timeout)
    if truncated:  # standard output stays the rows alone
        typer.echo(
            f"query: the first {count} rows written, more not read (--max-rows 0 for all)",
            err=True,
        )


def _print_table(db: Path, sql: str, max_rows: int, timeout: float) -> None:
    from pipeline.present.table import format_table
    from warehouse.query import run_query

    with _query_errors():
        result = run_query(db, sql, max_rows=max_rows or None, timeout_s=timeout)
    typer.echo(format_table(result))


def _stream(db: Path, sql: str, sink: RowSink, max_rows: int, timeout: float) -> tuple[int, bool]:
    from warehouse.query import stream_query

    with _query_errors():
        outcome = stream_query(db, sql, sink, max_rows=max_rows or None, timeout_s=timeout)
    return outcome.rows, outcome.truncated


@contextmanager
def _query_errors() -> Iterator[None]:
    """A query's expected failures as the command's one-line error."""
    from warehouse.errors import WarehouseError

    try:
        yield
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("query interrupted", code=130) from None
