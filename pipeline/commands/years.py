"""`kmplan compare` and `kmplan report`: one organization's plans across fiscal years."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from pipeline.commands.common import (
    DEFAULT_DB,
    DbOption,
    OrganizationOption,
    YearsArgument,
    YearsOption,
    checked_output,
    open_for_command,
    plural,
)
from pipeline.commands.pipes import ends_quietly_on_closed_pipe


class CompareFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


CompareFormatOption = Annotated[
    CompareFormat, typer.Option("--format", "-f", help="table, or all columns as csv/jsonl.")
]
ReportOrganizationOption = Annotated[
    str, typer.Option("--organization", "--org", help="Organization key or printed name.")
]
ReportOutOption = Annotated[str, typer.Option("--out", "-o", help="The HTML file to write.")]


@ends_quietly_on_closed_pipe
def compare_command(
    years_arg: YearsArgument = None,
    years: YearsOption = None,
    organization: OrganizationOption = None,
    db: DbOption = DEFAULT_DB,
    format: CompareFormatOption = CompareFormat.table,
) -> None:
    """Compare each department's plan between consecutive fiscal years.

    One row per department, plan family (KM Process, Change Management, project list)
    and year pair: kept, changed, new or dropped goals (a project list's project names),
    their similarity, and each KM step's shift in start and end (days).

    Example: kmplan compare --organization อบจ.ตาก --years 2565 2566 2567
    The same rows: kmplan query "from department_compare"
    """
    from pipeline.present.compare import compare_table, left_out_note, render_records
    from pipeline.present.table import format_table
    from warehouse.compare import compare_departments, left_out

    chosen = [*(years or []), *(years_arg or [])] or None
    with open_for_command(db, read_only=True) as conn:
        result = compare_departments(conn, organization, chosen)
        note = left_out_note(left_out(conn, organization))
    if note:
        typer.echo(note, err=True)
    if format is CompareFormat.table:
        typer.echo(format_table(compare_table(result)))
    else:
        typer.echo(render_records(result, format.value), nl=False)


def report_command(
    organization: ReportOrganizationOption,
    out: ReportOutOption,
    years_arg: YearsArgument = None,
    years: YearsOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a self-contained HTML report of one organization.

    Gantt charts of each year's plans by family (7 KM steps, 6 Change Management
    elements, or one row per project), the cross-year comparison, and the warnings
    recorded during ingestion.
    """
    from pipeline.present.compare import left_out_note
    from pipeline.present.terminal import terminal_text
    from pipeline.report import write_report
    from warehouse.compare import left_out
    from warehouse.outputs import check_output

    chosen = [*(years or []), *(years_arg or [])] or None
    output = checked_output(lambda: check_output(out, protect=[db]))
    with open_for_command(db, read_only=True) as conn:
        data = write_report(conn, organization, output, chosen)
        note = left_out_note(left_out(conn, organization))
    if note:
        typer.echo(note, err=True)
    # An academic-year plan is not a fiscal year; say "years" unless every one is fiscal.
    kind = "fiscal year" if all(y.year_basis == "fiscal" for y in data.years) else "year"
    typer.echo(
        terminal_text(
            f"report of {data.organization} ({plural(len(data.years), kind)}, "
            f"{len(data.comparison.rows)} comparison rows, "
            f"{plural(len(data.warnings.rows), 'warning')}) written to {out}"
        ),
        err=True,
    )
