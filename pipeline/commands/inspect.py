"""`kmplan inspect`: what kmplan finds in one PDF, without the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.commands.common import (
    DEFAULT_MAX_SIZE,
    GivenOrganization,
    GivenYear,
    MaxBytesOption,
    fail,
    parse_max_bytes,
)
from pipeline.guards import DEFAULT_TIMEOUT_S

TimeoutOption = Annotated[
    float, typer.Option("--timeout", min=0.1, help="Seconds the file may take before it fails.")
]


def inspect_command(
    path: Annotated[Path, typer.Argument(help="One PDF file.")],
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_SIZE,
    timeout: TimeoutOption = DEFAULT_TIMEOUT_S,
) -> None:
    """Show what kmplan finds in one PDF: metadata, plans, rows, repairs and warnings.

    Nothing is written to the warehouse. The file is read under ingest's per-file guards
    (a worker process with a memory limit, stopped at --timeout).
    Example: kmplan inspect samples/tak-pao-km-plan-2566.pdf
    """
    from extract.vocab.codes import FailureReason

    if not path.exists():
        raise fail(f"{path}: {FailureReason.NO_SUCH_FILE.say()}")
    from extract.errors import ExtractError  # the PDF readers load only when a file is read
    from pipeline.guarded_inspect import GuardedFailure, inspect_guarded
    from pipeline.guards import Limits
    from pipeline.inputs import InputError, read_input
    from pipeline.inspect import render_report

    try:
        data = read_input(path, parse_max_bytes(max_bytes))
        given = (organization, fiscal_year)
        report = inspect_guarded(path, data, given, Limits(timeout_s=timeout))
    except (ExtractError, InputError, GuardedFailure) as exc:
        raise fail(f"{path}: {exc}") from None
    typer.echo(render_report(report))  # escaped line by line (pipeline.inspect)
