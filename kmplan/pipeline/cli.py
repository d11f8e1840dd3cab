"""The `kmplan` command line: parses arguments, calls the library, prints, sets exit codes."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kmplan.pipeline.ingest import FileOutcome, RunReport, ingest
from kmplan.warehouse import WarehouseError, export_rows, format_table, open_warehouse, run_query

DEFAULT_DB = Path("kmplan.duckdb")

app = typer.Typer(
    help=(
        "kmplan reads Thai KM action-plan PDFs (แผนการจัดการความรู้) into a DuckDB warehouse.\n\n"
        "Typical use:  kmplan ingest samples/   then   kmplan export --format csv --out plans.csv"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path,
    typer.Option(
        "--db",
        envvar="KMPLAN_DB",
        help="Warehouse file (DuckDB). Default ./kmplan.duckdb or $KMPLAN_DB.",
    ),
]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _print_outcome(outcome: FileOutcome) -> None:
    if outcome.status == "failed":
        typer.echo(f"error: {outcome.path}: {outcome.reason}", err=True)
    elif outcome.status == "already-present":
        typer.echo(f"skip:  {outcome.path}: already in the warehouse, nothing changed")
    else:
        typer.echo(
            f"ok:    {outcome.path}: {_count(outcome.plans, 'plan')}, "
            f"{_count(outcome.activities, 'row')}, {_count(outcome.warnings, 'warning')}"
        )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _print_summary(report: RunReport, db: Path) -> None:
    typer.echo(
        f"\n{report.count('ingested')} ingested, {report.count('already-present')} already "
        f"present, {report.count('failed')} failed; {report.activities} new rows in {db}"
    )
    for outcome in report.outcomes:
        if outcome.status == "failed":
            typer.echo(f"  failed: {outcome.path}: {outcome.reason}")


@app.command(name="ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders of PDFs.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Read KM action-plan PDFs into the warehouse. Files already loaded are skipped."""
    try:
        report = ingest(paths, db, on_file=_print_outcome)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    _print_summary(report, db)
    if not report.ok:
        raise typer.Exit(1)


@app.command(name="export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output file; '-' is standard output.")
    ] = "-",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write every activity row (the export contract's fields) as JSONL, CSV or Parquet."""
    if format is ExportFormat.parquet and out == "-":
        raise _fail("parquet needs --out FILE")
    try:
        conn = open_warehouse(db, read_only=True)
        try:
            written = export_rows(conn, format.value, "-" if out == "-" else Path(out))
        finally:
            conn.close()
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    if out != "-":
        typer.echo(f"{written} rows written to {out}", err=True)


@app.command(name="query")
def query_command(
    sql: Annotated[str, typer.Argument(help="Read-only SQL, e.g. 'from activity_rows'.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Run a read-only SQL query against the warehouse and print the result as a table."""
    try:
        result = run_query(db, sql)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    typer.echo(format_table(result))
