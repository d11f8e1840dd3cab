"""`kmplan query`: a user's read-only SQL, printed as a table."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.commands.common import DEFAULT_DB, DbOption, fail


def query_command(
    sql: Annotated[str, typer.Argument(help="Read-only SQL, e.g. 'from activity_rows'.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Run a read-only SQL query against the warehouse and print the result as a table."""
    from pipeline.present.table import format_table
    from warehouse.errors import WarehouseError
    from warehouse.query import run_query

    try:
        result = run_query(db, sql)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    typer.echo(format_table(result))
