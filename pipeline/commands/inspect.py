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


def inspect_command(
    path: Annotated[Path, typer.Argument(help="One PDF file.")],
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_SIZE,
) -> None:
    """Show what kmplan finds in one PDF: metadata, plans, rows, repairs and warnings.

    Nothing is written to the warehouse. Example: kmplan inspect samples/tak-pao-km-plan-2566.pdf
    """
    from extract.vocab.codes import FailureReason

    if not path.exists():
        raise fail(f"{path}: {FailureReason.NO_SUCH_FILE.say()}")
    from extract.errors import ExtractError  # the PDF readers load only when a file is read
    from pipeline.inputs import InputError, read_input
    from pipeline.inspect import inspect_file, render_report
    from pipeline.present.terminal import terminal_lines

    try:
        data = read_input(path, parse_max_bytes(max_bytes))
        report = inspect_file(path, given=(organization, fiscal_year), data=data)
    except (ExtractError, InputError) as exc:
        raise fail(f"{path}: {exc}") from None
    typer.echo(terminal_lines(render_report(report)))
