"""`kmplan export`: activity rows as files of data (JSONL, CSV, Parquet: the warehouse
writes them) or as a workbook for people (xlsx: pipeline/present/xlsx.py)."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, cast

import typer

from pipeline.commands.common import (
    DEFAULT_DB,
    DbOption,
    OrganizationOption,
    checked_output,
    fail,
    open_for_command,
)
from pipeline.commands.pipes import ends_quietly_on_closed_pipe

if TYPE_CHECKING:
    import duckdb

    from warehouse.export import ExportFilter
    from warehouse.outputs import Output


class ExportFormat(StrEnum):
    """The formats `kmplan export --format` offers."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


FormatOption = Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")]
OutOption = Annotated[str, typer.Option("--out", "-o", help="Output file; '-' is standard output.")]
YearOption = Annotated[
    list[int] | None, typer.Option("--year", help="Only this fiscal year (repeatable).")
]
DepartmentOption = Annotated[
    str | None, typer.Option("--department", help="Department key or printed name.")
]


@ends_quietly_on_closed_pipe
def export_command(
    format: FormatOption,
    out: OutOption = "-",
    db: DbOption = DEFAULT_DB,
    year: YearOption = None,
    organization: OrganizationOption = None,
    department: DepartmentOption = None,
) -> None:
    """Write activity rows (the export contract's fields) as JSONL, CSV, Parquet or xlsx.

    Parquet to a --out without the .parquet suffix is a folder partitioned by fiscal year.
    xlsx has one sheet per fiscal year and a comparison sheet; it drops the control
    characters Excel cannot hold and cuts cells at 32,767 characters, and says how many
    cells it changed.
    """
    from pipeline.present.terminal import terminal_text
    from warehouse.export import ExportFilter, export_output

    if format in (ExportFormat.parquet, ExportFormat.xlsx) and out == "-":
        raise fail(f"{format.value} needs --out FILE")
    filters = ExportFilter(
        years=tuple(year or ()), organization=organization, department=department
    )
    output = checked_output(lambda: export_output(format.value, out, protect=[db]))
    with open_for_command(db, read_only=True) as conn:
        written, changed = _export(conn, format, output, filters)
    if out != "-":
        typer.echo(f"{written} rows written to {terminal_text(out)}", err=True)
    if changed:
        typer.echo(changed, err=True)


def _export(
    conn: duckdb.DuckDBPyConnection, format: ExportFormat, out: Output, filters: ExportFilter
) -> tuple[int, str | None]:
    """The rows written, and what the workbook had to change in its cells (if anything)."""
    if format is ExportFormat.xlsx and out.path is not None:
        from pipeline.present.xlsx import write_xlsx  # openpyxl: only for this format
        from pipeline.present.xlsx_cells import CellFixes

        fixes = CellFixes()
        return write_xlsx(conn, out.path, filters, fixes), fixes.summary()
    from warehouse.export import DataFormat, export_rows

    # The other formats are the warehouse's data formats (a test keeps the two in step).
    return export_rows(conn, cast(DataFormat, format.value), out, filters=filters), None
