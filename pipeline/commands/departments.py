"""`kmplan departments`: department keys across years; merge two keys, split a spelling off."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.commands.common import (
    DEFAULT_DB,
    DbOption,
    OrganizationOption,
    open_for_command,
    plural,
)
from pipeline.commands.pipes import ends_quietly_on_closed_pipe

departments_app = typer.Typer(
    help="Department keys across years: list them, merge two, or split a spelling off.",
    no_args_is_help=False,
)


@departments_app.callback(invoke_without_command=True)
@ends_quietly_on_closed_pipe
def departments_command(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
) -> None:
    """List department keys with their printed spellings and fiscal years."""
    if ctx.invoked_subcommand is not None:
        return
    from pipeline.present.table import format_table
    from warehouse.departments import department_keys

    with open_for_command(db, read_only=True) as conn:
        result = department_keys(conn, organization)
    typer.echo(format_table(result))


@departments_app.command(name="merge")
def departments_merge_command(
    keep: Annotated[str, typer.Argument(help="The key that stays.")],
    absorb: Annotated[str, typer.Argument(help="The key whose spellings move to KEEP.")],
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
) -> None:
    """Map every spelling of ABSORB to KEEP (kept when documents are ingested again)."""
    from pipeline.present.terminal import terminal_text
    from warehouse.departments import merge_departments

    with open_for_command(db) as conn:
        moved = merge_departments(conn, keep, absorb, organization)
    said = terminal_text(f"merged {absorb} into {keep}")
    typer.echo(f"{said}: {plural(moved, 'spelling')} moved")


@departments_app.command(name="split")
def departments_split_command(
    spelling: Annotated[str, typer.Argument(help="A printed department name, exactly.")],
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
    key: Annotated[str | None, typer.Option("--key", help="The new key's name.")] = None,
) -> None:
    """Give one printed spelling a key of its own (kept when documents are ingested again)."""
    from pipeline.present.terminal import terminal_text
    from warehouse.departments import split_department

    with open_for_command(db) as conn:
        new_key = split_department(conn, spelling, organization, key)
    typer.echo(terminal_text(f"{spelling} now has key {new_key}"))
