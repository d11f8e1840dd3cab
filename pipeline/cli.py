"""The `kmplan` command line: parses arguments, calls the library, prints, sets exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import duckdb
import typer

from extract import ExtractError, ExtractSettings
from extract.vocab.codes import FailureReason
from pipeline.audit_command import audit_command
from pipeline.dask_executor import ExecutorSetupError
from pipeline.guards import DEFAULT_TIMEOUT_S, Limits
from pipeline.ingest import FileOutcome, IngestOptions, RunReport, count_pdfs, ingest
from pipeline.inspect import inspect_file, render_report
from pipeline.progress import BatchProgress, print_summary_table, stderr_is_terminal
from pipeline.report import write_report
from warehouse import WarehouseError, export_rows, format_table, open_warehouse, run_query
from warehouse import runs as run_log
from warehouse.compare import (
    compare_departments,
    compare_table,
    ensure_keys,
    left_out,
    left_out_note,
    render_records,
)
from warehouse.departments import merge_departments, split_department
from warehouse.export import ExportFilter

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
    xlsx = "xlsx"


OrganizationOption = Annotated[
    str | None,
    typer.Option(
        "--organization", "--org", help="Organization key or printed name (kmplan departments)."
    ),
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def _warehouse(
    db: Path, *, read_only: bool = False, keys: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for one command; its errors become the command's one-line error.

    `keys`: fill in department and organization keys first (warehouses loaded before
    keys existed get them on first use).
    """
    try:
        if keys:
            ensure_keys(db)
        conn = open_warehouse(db, read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()
    except WarehouseError as exc:
        raise _fail(str(exc)) from None


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
    rate = report.pages / report.seconds if report.seconds > 0 else 0.0
    typer.echo(
        f"  {_count(report.warnings, 'warning')}, {_count(report.pages, 'page')} read in "
        f"{report.seconds:.1f} s ({rate:.1f} pages/s); run {report.run_id}"
    )
    for outcome in report.outcomes:
        if outcome.status == "failed":
            typer.echo(f"  failed: {outcome.path}: {outcome.reason}")


class ExecutorChoice(StrEnum):
    local = "local"
    dask = "dask"


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


class OcrChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@app.command(name="ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders of PDFs.")],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes. Default: all cores."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds one file may take before it fails."),
    ] = DEFAULT_TIMEOUT_S,
    max_pages: Annotated[
        int, typer.Option("--max-pages", min=1, help="Refuse files with more pages.")
    ] = ExtractSettings().max_pages,
    executor: Annotated[
        ExecutorChoice,
        typer.Option("--executor", help="local: a process pool; dask: a Dask cluster."),
    ] = ExecutorChoice.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    ] = None,
    ocr: Annotated[
        OcrChoice,
        typer.Option(
            "--ocr",
            help="OCR pages without a usable text layer (auto), every page, or none.",
        ),
    ] = OcrChoice.auto,
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
) -> None:
    """Read KM action-plan PDFs into the warehouse. Files already loaded are skipped.

    Rerunning the same command resumes: loaded files are skipped, failed ones retried.
    """
    options = IngestOptions(
        workers=workers,
        executor=executor.value,
        scheduler=scheduler,
        limits=Limits(timeout_s=timeout),
        organization=organization,
        fiscal_year=fiscal_year,
    )
    show = stderr_is_terminal()
    try:
        with BatchProgress(count_pdfs(paths) if show else None, enabled=show) as progress:

            def on_file(outcome: FileOutcome) -> None:
                _print_outcome(outcome)
                progress.advance(outcome)

            report = ingest(
                paths,
                db,
                ExtractSettings(max_pages=max_pages, ocr=ocr.value),
                on_file=on_file,
                options=options,
            )
    except (WarehouseError, ExecutorSetupError) as exc:
        raise _fail(str(exc)) from None
    except KeyboardInterrupt:
        raise _fail("interrupted; rerun the same command to resume", code=130) from None
    _print_summary(report, db)
    if show:
        print_summary_table(report)
    if not report.ok:
        raise typer.Exit(1)


@app.command(name="runs")
def runs_command(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs.")] = 10,
    run: Annotated[
        str | None, typer.Option("--run", help="Show this run's failures (default: latest).")
    ] = None,
) -> None:
    """Show recent ingest runs, and the failed files of the latest (or a given) run."""
    try:
        conn = open_warehouse(db, read_only=True)
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    try:
        if not run_log.has_run_log(conn):
            typer.echo("no ingest runs recorded yet")
            return
        if run is not None and not run_log.run_exists(conn, run):
            raise _fail(f"no run {run} in {db}; kmplan runs lists them")
        typer.echo(format_table(run_log.recent_runs(conn, limit)))
        run_id = run or run_log.latest_run_id(conn)
        if run_id is None:
            return
        failures = run_log.run_failures(conn, run_id)
        typer.echo(f"\nfailed files of run {run_id}:")
        typer.echo(format_table(failures) if failures.rows else "(none)")
    finally:
        conn.close()


@app.command(name="export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output file; '-' is standard output.")
    ] = "-",
    db: DbOption = DEFAULT_DB,
    year: Annotated[
        list[int] | None, typer.Option("--year", help="Only this fiscal year (repeatable).")
    ] = None,
    organization: OrganizationOption = None,
    department: Annotated[
        str | None, typer.Option("--department", help="Department key or printed name.")
    ] = None,
) -> None:
    """Write activity rows (the export contract's fields) as JSONL, CSV, Parquet or xlsx.

    Parquet to a --out without the .parquet suffix is a folder partitioned by fiscal year.
    xlsx has one sheet per fiscal year and a comparison sheet.
    """
    if format in (ExportFormat.parquet, ExportFormat.xlsx) and out == "-":
        raise _fail(f"{format.value} needs --out FILE")
    filters = ExportFilter(
        years=tuple(year or ()), organization=organization, department=department
    )
    keys = not filters.empty or format is ExportFormat.xlsx
    with _warehouse(db, read_only=True, keys=keys) as conn:
        written = export_rows(conn, format.value, "-" if out == "-" else Path(out), filters=filters)
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


@app.command(name="inspect")
def inspect_command(
    path: Annotated[Path, typer.Argument(help="One PDF file.")],
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
) -> None:
    """Show what kmplan finds in one PDF: metadata, plans, rows, repairs and warnings.

    Nothing is written to the warehouse. Example: kmplan inspect samples/tak-pao-km-plan-2566.pdf
    """
    if not path.is_file():
        raise _fail(f"{path}: {FailureReason.NO_SUCH_FILE.say()}")
    try:
        report = inspect_file(path, given=(organization, fiscal_year))
    except ExtractError as exc:
        raise _fail(f"{path}: {exc}") from None
    typer.echo(render_report(report))


departments_app = typer.Typer(
    help="Department keys across years: list them, merge two, or split a spelling off.",
    no_args_is_help=False,
)
app.add_typer(departments_app, name="departments")


@departments_app.callback(invoke_without_command=True)
def departments_command(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
) -> None:
    """List department keys with their printed spellings and fiscal years."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        ensure_keys(db)
        where = ""
        if organization is not None:
            where = f" WHERE organization_key = '{_org_key(db, organization)}'"
        result = run_query(
            db, f"SELECT * FROM department_keys{where} ORDER BY organization_key, department_key"
        )
    except WarehouseError as exc:
        raise _fail(str(exc)) from None
    typer.echo(format_table(result))


def _org_key(db: Path, organization: str) -> str:
    from warehouse.departments import resolve_organization

    conn = open_warehouse(db, read_only=True)
    try:
        return resolve_organization(conn, organization).replace("'", "''")
    finally:
        conn.close()


@departments_app.command(name="merge")
def departments_merge_command(
    keep: Annotated[str, typer.Argument(help="The key that stays.")],
    absorb: Annotated[str, typer.Argument(help="The key whose spellings move to KEEP.")],
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
) -> None:
    """Map every spelling of ABSORB to KEEP (kept when documents are ingested again)."""
    with _warehouse(db, keys=True) as conn:
        moved = merge_departments(conn, keep, absorb, organization)
    typer.echo(f"merged {absorb} into {keep}: {_count(moved, 'spelling')} moved")


@departments_app.command(name="split")
def departments_split_command(
    spelling: Annotated[str, typer.Argument(help="A printed department name, exactly.")],
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
    key: Annotated[str | None, typer.Option("--key", help="The new key's name.")] = None,
) -> None:
    """Give one printed spelling a key of its own (kept when documents are ingested again)."""
    with _warehouse(db, keys=True) as conn:
        new_key = split_department(conn, spelling, organization, key)
    typer.echo(f"{spelling} now has key {new_key}")


class CompareFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


YearsArgument = Annotated[
    list[int] | None, typer.Argument(help="Fiscal years (BE); default: every year held.")
]
YearsOption = Annotated[
    list[int] | None,
    typer.Option("--years", "--year", help="Fiscal years, e.g. --years 2565 2566 2567."),
]


@app.command(name="compare")
def compare_command(
    years_arg: YearsArgument = None,
    years: YearsOption = None,
    organization: OrganizationOption = None,
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="table, or all columns as csv/jsonl.")
    ] = CompareFormat.table,
) -> None:
    """Compare each department's plan between consecutive fiscal years.

    One row per department, plan family (KM Process, Change Management, project list)
    and year pair: kept, changed, new or dropped goals (a project list's project names),
    their similarity, and each KM step's shift in start and end (days).

    Example: kmplan compare --organization อบจ.ตาก --years 2565 2566 2567
    The same rows: kmplan query "from department_compare"
    """
    chosen = [*(years or []), *(years_arg or [])] or None
    with _warehouse(db, read_only=True, keys=True) as conn:
        result = compare_departments(conn, organization, chosen)
        note = left_out_note(left_out(conn, organization))
    if note:
        typer.echo(note, err=True)
    if format is CompareFormat.table:
        typer.echo(format_table(compare_table(result)))
    else:
        typer.echo(render_records(result, format.value), nl=False)


@app.command(name="report")
def report_command(
    organization: Annotated[
        str, typer.Option("--organization", "--org", help="Organization key or printed name.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    years_arg: YearsArgument = None,
    years: YearsOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a self-contained HTML report of one organization.

    Gantt charts of each year's plans by family (7 KM steps, 6 Change Management
    elements, or one row per project), the cross-year comparison, and the warnings
    recorded during ingestion.
    """
    chosen = [*(years or []), *(years_arg or [])] or None
    with _warehouse(db, read_only=True, keys=True) as conn:
        data = write_report(conn, organization, out, chosen)
        note = left_out_note(left_out(conn, organization))
    if note:
        typer.echo(note, err=True)
    # An academic-year plan is not a fiscal year; say "years" unless every one is fiscal.
    kind = "fiscal year" if all(y.year_basis == "fiscal" for y in data.years) else "year"
    typer.echo(
        f"report of {data.organization} ({_count(len(data.years), kind)}, "
        f"{len(data.comparison.rows)} comparison rows, "
        f"{_count(len(data.warnings.rows), 'warning')}) written to {out}",
        err=True,
    )


app.command(name="audit")(audit_command)
