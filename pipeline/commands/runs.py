"""`kmplan runs`: recent ingest runs, and the failed files of one."""

from __future__ import annotations

from typing import Annotated

import typer

from pipeline.commands.common import DEFAULT_DB, DbOption, fail, open_for_command
from pipeline.commands.pipes import ends_quietly_on_closed_pipe


@ends_quietly_on_closed_pipe
def runs_command(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs.")] = 10,
    run: Annotated[
        str | None, typer.Option("--run", help="Show this run's failures (default: latest).")
    ] = None,
) -> None:
    """Show recent runs (ingest, reprocess) and the failed files of the latest (or a given)."""
    from pipeline.present.table import format_table
    from pipeline.present.terminal import terminal_text
    from warehouse import runs as run_log

    with open_for_command(db, read_only=True) as conn:
        if not run_log.has_run_log(conn):
            typer.echo("no ingest runs recorded yet")
            return
        if run is not None and not run_log.run_exists(conn, run):
            raise fail(f"no run {run} in {db}; kmplan runs lists them")
        typer.echo(format_table(run_log.recent_runs(conn, limit)))
        run_id = run or run_log.latest_run_id(conn)
        if run_id is None:
            return
        failures = run_log.run_failures(conn, run_id)
        typer.echo(f"\nfailed files of run {terminal_text(run_id)}:")
        typer.echo(format_table(failures) if failures.rows else "(none)")
