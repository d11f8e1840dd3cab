"""`kmplan reprocess`: documents already loaded, read again by this kmplan.

The machinery (PDF readers, the worker pool) is imported when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extract.settings import ExtractSettings
from pipeline.commands.common import (
    DEFAULT_DB,
    DEFAULT_MAX_SIZE,
    DbOption,
    MaxBytesOption,
    fail,
    parse_max_bytes,
    plural,
)
from pipeline.commands.ingest import (
    MaxPagesOption,
    OcrChoice,
    OcrOption,
    TimeoutOption,
    WorkersOption,
)
from pipeline.guards import DEFAULT_TIMEOUT_S

if TYPE_CHECKING:
    from pipeline.reprocess import DocumentOutcome, ReprocessOptions, ReprocessReport
    from warehouse.changes import Changes

_MAX_PAGES = ExtractSettings().max_pages

HELP = "\n\n".join(
    (
        "Read documents already in the warehouse again with this kmplan and replace their rows.",
        "Which documents: by default (or --older-than-version) those whose kmplan_version is "
        "older than this kmplan's, and those of the same version whose parser fingerprint (a "
        "hash of the extraction and normalization code, their vocabularies and the PDF and "
        "Thai libraries) differs from this kmplan's or was never recorded. Documents made by "
        "a newer kmplan are left alone. --all: every document. PATH...: the documents of "
        "these files, matched by sha256 (a file that moved is given by its new path).",
        "A document is read from the path it was loaded from, and only when the file there "
        "still has the same sha256; else it is skipped with the reason (moved or changed: "
        "give its new path). Its rows are replaced in one transaction; a reading that fails "
        "keeps the old rows. Department merges and aliases are kept, and so is an "
        "organization or year the document does not print (given to ingest).",
        "Each document's line says what changed (rows added, removed, fields changed). "
        "Exit 1 when a document failed (skipped ones do not count), else 0.",
    )
)

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="PDF files (or folders) to read again, found in the warehouse by sha256: "
        "a file that moved is given by its new path."
    ),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Read every document in the warehouse again.")
]
OlderOption = Annotated[
    bool,
    typer.Option(
        "--older-than-version",
        help="Read again the documents an older kmplan made (the default; see above).",
    ),
]


def reprocess_command(
    paths: PathsArgument = None,
    every: AllOption = False,
    older: OlderOption = False,
    db: DbOption = DEFAULT_DB,
    workers: WorkersOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT_S,
    max_pages: MaxPagesOption = _MAX_PAGES,
    ocr: OcrOption = OcrChoice.auto,
    max_bytes: MaxBytesOption = DEFAULT_MAX_SIZE,
) -> None:
    """Read documents already in the warehouse again and replace their rows (HELP)."""
    if every and (older or paths):
        raise fail("--all reads every document: give it without --older-than-version or PATH")
    if older and paths:
        raise fail("give either --older-than-version or PATH..., not both")
    options = _options(paths or [], every, workers, timeout, parse_max_bytes(max_bytes))
    settings = ExtractSettings(max_pages=max_pages, ocr=ocr.value)
    report = _run(db, settings, options)
    _print_summary(report, db, options)
    if not report.ok:
        raise typer.Exit(1)


def _options(
    paths: list[Path], every: bool, workers: int | None, timeout: float, max_bytes: int
) -> ReprocessOptions:
    from pipeline.guards import Limits
    from pipeline.reprocess import ReprocessOptions

    return ReprocessOptions(
        selection="paths" if paths else "all" if every else "older",
        paths=tuple(paths),
        workers=workers,
        limits=Limits(timeout_s=timeout),
        max_bytes=max_bytes,
    )


def _run(db: Path, settings: ExtractSettings, options: ReprocessOptions) -> ReprocessReport:
    from pipeline.reprocess import reprocess
    from warehouse.errors import WarehouseError

    try:
        return reprocess(db, settings, options, on_document=_print_outcome)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    except KeyboardInterrupt:
        raise fail("interrupted; documents done so far keep their new rows", code=130) from None


def _print_outcome(outcome: DocumentOutcome) -> None:
    from pipeline.present.terminal import terminal_text  # one line per document, whatever its name

    path, reason = terminal_text(outcome.path), terminal_text(str(outcome.reason))
    changes = outcome.changes
    if outcome.status == "failed":
        kept = "; its old rows are kept" if outcome.loaded else ""
        typer.echo(f"error: {path}: {reason}{kept}", err=True)
    elif outcome.status == "skipped":
        typer.echo(f"skip:  {path}: {reason}")
    elif outcome.status == "unchanged" or changes is None:
        typer.echo(f"same:  {path}: read again, no row changed")
    else:
        typer.echo(f"ok:    {path}: {_changes(changes)}")


def _changes(changes: Changes) -> str:
    line = (
        f"{plural(changes.rows_added, 'row')} added, {changes.rows_removed} removed, "
        f"{changes.rows_changed} changed; {plural(changes.fields_changed, 'field')} changed"
    )
    if changes.fields:
        line += f" ({', '.join(changes.fields)})"
    if changes.plans_before != changes.plans_after:
        line += f"; plans {changes.plans_before} -> {changes.plans_after}"
    if changes.warnings_before != changes.warnings_after:
        line += f"; warnings {changes.warnings_before} -> {changes.warnings_after}"
    return line


def _print_summary(report: ReprocessReport, db: Path, options: ReprocessOptions) -> None:
    from pipeline.present.terminal import terminal_text

    if report.run_id is None:
        what = "no document an older kmplan made" if options.selection == "older" else "none"
        typer.echo(f"nothing to reprocess in {terminal_text(str(db))}: {what}")
        return
    typer.echo(
        f"\n{report.count('reprocessed')} reprocessed, {report.count('unchanged')} unchanged, "
        f"{report.count('skipped')} skipped, {report.count('failed')} failed; "
        f"{plural(report.total('rows_added'), 'row')} added, "
        f"{report.total('rows_removed')} removed, "
        f"{plural(report.total('fields_changed'), 'field')} changed in {terminal_text(str(db))}; "
        f"run {report.run_id}"
    )
