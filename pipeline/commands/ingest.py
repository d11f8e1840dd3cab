"""`kmplan ingest`: PDFs into the warehouse, one line per file and a summary.

The ingest machinery (PDF readers, OCR, the worker pool, rich) is imported when the
command runs, not when the command line starts.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extract.settings import ExtractSettings
from pipeline.commands.common import (
    DEFAULT_DB,
    DEFAULT_MAX_SIZE,
    DbOption,
    GivenOrganization,
    GivenYear,
    MaxBytesOption,
    fail,
    parse_max_bytes,
    plural,
)
from pipeline.guards import DEFAULT_TIMEOUT_S

if TYPE_CHECKING:
    from pipeline.ingest import IngestOptions
    from pipeline.outcomes import FileOutcome, RunReport


class ExecutorChoice(StrEnum):
    local = "local"
    dask = "dask"


class OcrChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


_MAX_PAGES = ExtractSettings().max_pages

PathsArgument = Annotated[list[Path], typer.Argument(help="PDF files or folders of PDFs.")]
WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Worker processes. Default: all cores."),
]
TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds one file may take before it fails.")
]
MaxPagesOption = Annotated[
    int, typer.Option("--max-pages", min=1, help="Refuse files with more pages.")
]
ExecutorOption = Annotated[
    ExecutorChoice,
    typer.Option("--executor", help="local: a process pool; dask: a Dask cluster."),
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
]
OcrOption = Annotated[
    OcrChoice,
    typer.Option(
        "--ocr", help="OCR pages without a usable text layer (auto), every page, or none."
    ),
]


def ingest_command(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT_S,
    max_pages: MaxPagesOption = _MAX_PAGES,
    executor: ExecutorOption = ExecutorChoice.local,
    scheduler: SchedulerOption = None,
    ocr: OcrOption = OcrChoice.auto,
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_SIZE,
) -> None:
    """Read KM action-plan PDFs into the warehouse. Files already loaded are skipped.

    Rerunning the same command resumes: loaded files are skipped, failed ones retried.
    """
    from pipeline import solo_start
    from pipeline.guards import DEFAULT_MEMORY_MB

    if executor is ExecutorChoice.local:  # a small run's worker loads while the db opens
        solo_start.prestart(paths, workers, DEFAULT_MEMORY_MB)
    try:
        from pipeline.progress import print_summary_table, stderr_is_terminal

        given = (organization, fiscal_year)
        options = _options(workers, executor, scheduler, timeout, given)
        options = replace(options, max_bytes=parse_max_bytes(max_bytes))
        settings = ExtractSettings(max_pages=max_pages, ocr=ocr.value)
        show = stderr_is_terminal()
        report = _run(paths, db, settings, options, show=show)
    finally:
        solo_start.discard()  # a worker no file needed
    _print_summary(report, db)
    if show:
        print_summary_table(report)
    if not report.ok:
        raise typer.Exit(1)


def _options(
    workers: int | None,
    executor: ExecutorChoice,
    scheduler: str | None,
    timeout: float,
    given: tuple[str | None, int | None],
) -> IngestOptions:
    from pipeline.guards import Limits
    from pipeline.ingest import IngestOptions

    return IngestOptions(
        workers=workers,
        executor=executor.value,
        scheduler=scheduler,
        limits=Limits(timeout_s=timeout),
        organization=given[0],
        fiscal_year=given[1],
    )


def _run(
    paths: list[Path],
    db: Path,
    settings: ExtractSettings,
    options: IngestOptions,
    *,
    show: bool,
) -> RunReport:
    """The batch with a progress bar when `show`; its expected failures as one line."""
    from pipeline.dask_executor import ExecutorSetupError
    from pipeline.ingest import count_pdfs, ingest
    from pipeline.inputs import InputError
    from pipeline.progress import BatchProgress
    from warehouse.errors import WarehouseError

    try:
        with BatchProgress(count_pdfs(paths) if show else None, enabled=show) as progress:

            def on_file(outcome: FileOutcome) -> None:
                _print_outcome(outcome)
                progress.advance(outcome)

            return ingest(paths, db, settings, on_file=on_file, options=options)
    except (WarehouseError, ExecutorSetupError, InputError) as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted; rerun the same command to resume", code=130) from None


def _print_outcome(outcome: FileOutcome) -> None:
    from pipeline.present.terminal import terminal_text  # one line per file, whatever its name

    path, reason = terminal_text(str(outcome.path)), terminal_text(str(outcome.reason))
    if outcome.status == "failed":
        typer.echo(f"error: {path}: {reason}", err=True)
    elif outcome.status == "skipped":
        typer.echo(f"skip:  {path}: {reason}, not read")
    elif outcome.status == "already-present":
        typer.echo(f"skip:  {path}: already in the warehouse, nothing changed")
    else:
        typer.echo(
            f"ok:    {path}: {plural(outcome.plans, 'plan')}, "
            f"{plural(outcome.activities, 'row')}, {plural(outcome.warnings, 'warning')}"
        )


def _print_summary(report: RunReport, db: Path) -> None:
    from pipeline.present.terminal import terminal_text

    typer.echo(
        f"\n{report.count('ingested')} ingested, {report.count('already-present')} already "
        f"present, {report.count('failed')} failed"
        + (f", {report.count('skipped')} skipped" if report.count("skipped") else "")
        + f"; {report.activities} new rows in {terminal_text(str(db))}"
    )
    rate = report.pages / report.seconds if report.seconds > 0 else 0.0
    typer.echo(
        f"  {plural(report.warnings, 'warning')}, {plural(report.pages, 'page')} read in "
        f"{report.seconds:.1f} s ({rate:.1f} pages/s); run {report.run_id}"
    )
    for outcome in report.outcomes:
        if outcome.status == "failed":
            typer.echo(f"  failed: {terminal_text(f'{outcome.path}: {outcome.reason}')}")
