"""`kmplan query`: a user's read-only SQL, printed as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.commands.common import DEFAULT_DB, DbOption, fail

QUERY_TIMEOUT_S = 60.0
QUERY_MAX_ROWS = 1000  # a screenful is far less; the rest is what export is for

TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds before the query is stopped.")
]
MaxRowsOption = Annotated[
    int, typer.Option("--max-rows", min=0, help="Rows to show (0: all); more are not read.")
]


def query_command(
    sql: Annotated[str, typer.Argument(help="Read-only SQL, e.g. 'from activity_rows'.")],
    db: DbOption = DEFAULT_DB,
    timeout: TimeoutOption = QUERY_TIMEOUT_S,
    max_rows: MaxRowsOption = QUERY_MAX_ROWS,
) -> None:
    """Run a read-only SQL query against the warehouse and print the result as a table."""
    from pipeline.present.table import format_table
    from warehouse.errors import WarehouseError
    from warehouse.query import run_query

    try:
        result = run_query(db, sql, max_rows=max_rows or None, timeout_s=timeout)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("query interrupted", code=130) from None
    typer.echo(format_table(result))
