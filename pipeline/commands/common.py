"""What the commands share: the options every command spells alike, the one-line error,
and the warehouse opened for one command.

Every command is registered when the command line starts, so the command modules import
the library (DuckDB, the warehouse, the formatting) inside the commands: each command
pays only for what it runs, and `kmplan --help` for none of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import duckdb

DEFAULT_DB = Path("kmplan.duckdb")

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="KMPLAN_DB",
        help="Warehouse file (DuckDB). Default ./kmplan.duckdb or $KMPLAN_DB.",
    ),
]
OrganizationOption = Annotated[
    str | None,
    typer.Option(
        "--organization", "--org", help="Organization key or printed name (kmplan departments)."
    ),
]
# For documents that print no organization or year (a folder of one organization's files).
GivenOrganization = Annotated[
    str | None,
    typer.Option(
        "--organization",
        "--org",
        help="The organization of documents that print none (a folder of one organization).",
    ),
]
GivenYear = Annotated[
    int | None,
    typer.Option(
        "--fiscal-year", min=2500, max=2700, help="The plan year (BE) of documents that print none."
    ),
]
YearsArgument = Annotated[
    list[int] | None, typer.Argument(help="Fiscal years (BE); default: every year held.")
]
YearsOption = Annotated[
    list[int] | None,
    typer.Option("--years", "--year", help="Fiscal years, e.g. --years 2565 2566 2567."),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` to standard error; the caller raises the returned Exit."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@contextmanager
def open_for_command(
    db: Path, *, read_only: bool = False, keys: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for one command; its errors become the command's one-line error.

    `keys`: fill in department and organization keys first (warehouses loaded before
    keys existed get them on first use).
    """
    from warehouse.compare import ensure_keys
    from warehouse.connection import open_warehouse
    from warehouse.errors import WarehouseError

    try:
        if keys:
            ensure_keys(db)
        conn = open_warehouse(db, read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()
    except WarehouseError as exc:
        raise fail(str(exc)) from None
