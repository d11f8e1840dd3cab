"""`kmplan migrate`: a warehouse written by an older kmplan brought to this one's schema."""

from __future__ import annotations

import typer

from pipeline.commands.common import DEFAULT_DB, DbOption, fail


def migrate_command(db: DbOption = DEFAULT_DB) -> None:
    """Upgrade a warehouse written by an older kmplan to this kmplan's schema version.

    Writers (ingest, departments merge/split) migrate on their own; read commands never
    write, so they ask for this once.
    """
    from pipeline.present.terminal import terminal_text
    from warehouse.connection import upgrade_warehouse
    from warehouse.errors import WarehouseError

    try:
        before, after = upgrade_warehouse(db)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    if before == after:
        typer.echo(f"{terminal_text(str(db))} has schema version {after} already; nothing to do")
    else:
        typer.echo(f"{terminal_text(str(db))} migrated from schema version {before} to {after}")
