"""`kmplan inspect`: what kmplan finds in one PDF, without the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.commands.common import GivenOrganization, GivenYear, fail


def inspect_command(
    path: Annotated[Path, typer.Argument(help="One PDF file.")],
    organization: GivenOrganization = None,
    fiscal_year: GivenYear = None,
) -> None:
    """Show what kmplan finds in one PDF: metadata, plans, rows, repairs and warnings.

    Nothing is written to the warehouse. Example: kmplan inspect samples/tak-pao-km-plan-2566.pdf
    """
    from extract.vocab.codes import FailureReason

    if not path.is_file():
        raise fail(f"{path}: {FailureReason.NO_SUCH_FILE.say()}")
    from extract.errors import ExtractError  # the PDF readers load only when a file is read
    from pipeline.inspect import inspect_file, render_report

    try:
        report = inspect_file(path, given=(organization, fiscal_year))
    except ExtractError as exc:
        raise fail(f"{path}: {exc}") from None
    typer.echo(render_report(report))
