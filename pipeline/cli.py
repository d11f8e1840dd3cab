"""The `kmplan` command line: the app, with its commands in the order --help lists them.

Each command lives in pipeline/commands/ and parses arguments, calls the library, prints
and sets the exit code. What a command needs beyond the warehouse (the PDF readers, the
worker pool, openpyxl, the report) it imports when it runs, so `kmplan --help` and the
read commands start about as fast as DuckDB itself.
"""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from pipeline.commands import plain_values
from pipeline.commands.audit import audit_command
from pipeline.commands.common import debug_option
from pipeline.commands.departments import departments_app
from pipeline.commands.export import export_command
from pipeline.commands.ingest import ingest_command
from pipeline.commands.inspect import inspect_command
from pipeline.commands.migrate import migrate_command
from pipeline.commands.query import query_command
from pipeline.commands.reprocess import HELP as REPROCESS_HELP
from pipeline.commands.reprocess import reprocess_command
from pipeline.commands.runs import runs_command
from pipeline.commands.years import compare_command, report_command


class _Commands(TyperGroup):
    """kmplan's commands, whose plain option values are read without pydantic."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        plain_values.install(self)
        return super().main(*args, **kwargs)


app = typer.Typer(
    cls=_Commands,
    help=(
        "kmplan reads Thai KM action-plan PDFs (แผนการจัดการความรู้) into a DuckDB warehouse.\n\n"
        "Typical use:  kmplan ingest samples/   then   kmplan export --format csv --out plans.csv"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.callback()(debug_option)
app.command(name="ingest")(ingest_command)
app.command(name="reprocess", help=REPROCESS_HELP)(reprocess_command)
app.command(name="runs")(runs_command)
app.command(name="migrate")(migrate_command)
app.command(name="export")(export_command)
app.command(name="query")(query_command)
app.command(name="inspect")(inspect_command)
app.add_typer(departments_app, name="departments")
app.command(name="compare")(compare_command)
app.command(name="report")(report_command)
app.command(name="audit")(audit_command)


def main() -> None:
    """The `kmplan` console script. Typer builds the parameters of every registered command
    when it starts (evaluating their annotations, about 40 ms for all of them), so when the
    first argument names a command, an app of that command alone runs it: the same
    callback, options, help and errors. Anything else (--help, a global option first, a
    typo) runs the whole app."""
    argv = sys.argv[1:]
    names = {info.name for info in app.registered_commands} | {
        info.name for info in app.registered_groups
    }
    if not argv or argv[0] not in names:
        app(prog_name="kmplan")
        return
    single = typer.Typer(
        cls=_Commands,
        help=app.info.help,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    single.registered_callback = app.registered_callback
    single.registered_commands = [i for i in app.registered_commands if i.name == argv[0]]
    single.registered_groups = [i for i in app.registered_groups if i.name == argv[0]]
    single(prog_name="kmplan")
