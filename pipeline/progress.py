"""What a person sees during and after a batch: a progress bar and a summary table.

Both go to standard error and only when it is a terminal; the per-file lines and the
summary line (which scripts and tests read) stay plain text on standard output. rich is
imported only then: a batch run by a script does not load it.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from pipeline.outcomes import FileOutcome, RunReport

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn
    from rich.table import Table


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def _pages_column() -> ProgressColumn:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class PagesColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            pages = int(task.fields.get("pages", 0))
            elapsed = task.elapsed or 0.0
            rate = f"{pages / elapsed:.1f}" if elapsed > 0 else "-"
            return Text(f"{pages} pages, {rate} pages/s", style="progress.data.speed")

    return PagesColumn()


def _progress() -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        _pages_column(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        # A file finishes every second or two; rich's default 10 redraws a second
        # would only take CPU from the workers on a small machine.
        refresh_per_second=2,
        redirect_stdout=True,
        redirect_stderr=True,
    )


class BatchProgress:
    """A rich progress bar of files and pages; does nothing when `enabled` is false."""

    def __init__(self, total_files: int | None, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Progress | None = None
        self._task = None
        self._pages = 0
        if enabled:
            self._progress = _progress()
            self._task = self._progress.add_task("ingest", total=total_files, pages=0)

    def __enter__(self) -> BatchProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, outcome: FileOutcome) -> None:
        if self._progress is None or self._task is None:
            return
        self._pages += outcome.pages if outcome.status == "ingested" else 0
        self._progress.update(self._task, advance=1, pages=self._pages)


def summary_table(report: RunReport) -> Table:
    """The end-of-run table for a terminal."""
    from rich.table import Table

    table = Table(title="kmplan ingest", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("", justify="right")
    rate = report.pages / report.seconds if report.seconds > 0 else 0.0
    rows = [
        ("ingested", str(report.count("ingested"))),
        ("already present", str(report.count("already-present"))),
        ("failed", str(report.count("failed"))),
        ("warnings", str(report.warnings)),
        ("new rows", str(report.activities)),
        ("pages read", str(report.pages)),
        ("time", f"{report.seconds:.1f} s ({rate:.1f} pages/s)"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def print_summary_table(report: RunReport) -> None:
    from rich.console import Console

    Console(stderr=True).print(summary_table(report))
