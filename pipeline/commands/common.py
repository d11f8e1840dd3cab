"""What the commands share: the options every command spells alike, the one-line error,
and the warehouse opened for one command.

Every command is registered when the command line starts, so the command modules import
the library (DuckDB, the warehouse, the formatting) inside the commands: each command
pays only for what it runs, and `kmplan --help` for none of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import duckdb

    from warehouse.outputs import Output

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
DEFAULT_MAX_SIZE = "200MB"
MaxBytesOption = Annotated[
    str,
    typer.Option("--max-bytes", help="Refuse larger files before reading them (200MB, 1G, ...)."),
]
YearsArgument = Annotated[
    list[int] | None, typer.Argument(help="Fiscal years (BE); default: every year held.")
]
YearsOption = Annotated[
    list[int] | None,
    typer.Option("--years", "--year", help="Fiscal years, e.g. --years 2565 2566 2567."),
]


def debug_option(
    ctx: typer.Context,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="KMPLAN_DEBUG", help="Show the traceback of an error."),
    ] = False,
    wait: Annotated[
        float | None,
        typer.Option(
            "--wait",
            envvar="KMPLAN_WAIT",
            min=0,
            help="Seconds to wait for a warehouse another process holds "
            "(default 30 for readers, 120 for writers; 0: fail at once).",
        ),
    ] = None,
) -> None:
    """kmplan: Thai KM action-plan PDFs into a DuckDB warehouse."""
    from pipeline import debug as debug_mode

    debug_mode.enable(debug)
    ctx.with_resource(_patience(wait))


def _patience(wait: float | None) -> AbstractContextManager[None]:
    """Opens of a warehouse another process holds wait (warehouse.locking), and say so once
    on standard error. Imported here because waiting is part of every command."""
    from warehouse.locking import READER_WAIT_S, WRITER_WAIT_S, patience

    def notify(line: str) -> None:
        from pipeline.present.terminal import terminal_text

        typer.echo(f"kmplan: {terminal_text(line)}", err=True)

    if wait is None:
        return patience(READER_WAIT_S, WRITER_WAIT_S, notify)
    return patience(wait, wait, notify)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` to standard error (after the traceback of the exception being
    handled, with --debug); the caller raises the returned Exit. Control characters of a
    path or SQL in the message are shown as escapes, so the error stays one line."""
    from pipeline import debug as debug_mode
    from pipeline.present.terminal import terminal_text

    debug_mode.show_traceback()
    typer.echo(f"error: {terminal_text(message)}", err=True)
    return typer.Exit(code)


def checked_output(check: Callable[[], Output]) -> Output:
    """An --out checked (warehouse.outputs) before the warehouse is opened."""
    from warehouse.errors import WarehouseError

    try:
        return check()
    except WarehouseError as exc:
        raise fail(str(exc)) from None


def parse_max_bytes(text: str) -> int:
    """--max-bytes as a number of bytes, or the command's one-line error."""
    from pipeline.inputs import parse_size

    try:
        return parse_size(text)
    except ValueError as exc:
        raise fail(f"--max-bytes: {exc}") from None


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@contextmanager
def open_for_command(db: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for one command; its errors, and the faults of its file and disk
    (warehouse.faults), become the command's one-line error.

    Readers never write: keys are assigned when documents are loaded (and by the migration
    of a warehouse loaded before keys existed).
    """
    from warehouse.connection import open_warehouse
    from warehouse.errors import WarehouseError
    from warehouse.faults import guarded

    try:
        with guarded(db):
            conn = open_warehouse(db, read_only=read_only)
            try:
                yield conn
            finally:
                conn.close()
    except WarehouseError as exc:
        raise fail(str(exc)) from None
