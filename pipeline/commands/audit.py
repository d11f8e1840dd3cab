"""`kmplan audit`: check every plan in the warehouse against the OPDC template's rules
(extract/vocab/audit_rules.json) and print the findings, or a summary per organization
and year. Findings are not errors: the exit code is 0 whenever the audit ran."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from pipeline.commands.common import (
    DEFAULT_DB,
    DbOption,
    OrganizationOption,
    checked_output,
    fail,
)
from pipeline.commands.pipes import ends_quietly_on_closed_pipe

if TYPE_CHECKING:  # the library is imported when the command runs (see common.py)
    import duckdb

    from warehouse.audit import AuditFilter
    from warehouse.query import QueryResult

# What the table shows of a finding; csv, jsonl and xlsx carry every FINDING_COLUMNS field.
TABLE_COLUMNS = ("organization", "fiscal_year", "department", "plan_no", "rule", "severity",
                 "page", "seq", "message")  # fmt: skip
SUMMARY_SHEET = "สรุปผลการตรวจแผน"
FINDINGS_SHEET = "ผลการตรวจแผน"  # as in kmplan export's workbook (pipeline/present/xlsx.py)


class AuditFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


@ends_quietly_on_closed_pipe
def audit_command(
    db: DbOption = DEFAULT_DB,
    organization: OrganizationOption = None,
    year: Annotated[
        list[int] | None, typer.Option("--year", help="Only this year (repeatable).")
    ] = None,
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="Only this rule id (repeatable).")
    ] = None,
    format: Annotated[
        AuditFormat, typer.Option("--format", "-f", help="table, csv, jsonl or xlsx.")
    ] = AuditFormat.table,
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output file; '-' is standard output.")
    ] = "-",
    summary_only: Annotated[
        bool,
        typer.Option("--summary", help="One line per organization and year instead."),
    ] = False,
) -> None:
    """Audit the plans against the OPDC KM action-plan template.

    One finding per line: organization, year, department, plan, rule, severity (error,
    warning, info), message, and the page and row (seq) it points to. A check that needs
    a value kmplan did not read is reported as info with outcome 'unchecked'.
    The same findings in SQL: kmplan query "from plan_findings"

    Example: kmplan audit --organization อบจ.ตาก --year 2566 --format csv --out findings.csv
    """
    from warehouse import WarehouseError
    from warehouse.audit import AuditFilter

    if format is AuditFormat.xlsx and out == "-":
        raise fail("xlsx needs --out FILE")
    if out != "-":  # checked before the warehouse is opened: never the warehouse itself
        from warehouse.outputs import check_output

        checked_output(lambda: check_output(out, protect=[db]))
    filters = AuditFilter(organization, tuple(year or ()), tuple(rule or ()))
    try:
        with _audit_connection(db) as conn:
            count = _write(conn, filters, format, out, summary_only)
    except WarehouseError as exc:
        raise fail(str(exc)) from None
    except BrokenPipeError:
        raise  # the reader stopped early (kmplan audit | head): ends_quietly_on_closed_pipe
    except OSError as exc:
        raise fail(f"{out}: cannot write ({exc.strerror})") from None
    if out != "-":
        noun = "line" if summary_only else "finding"
        from pipeline.present.terminal import terminal_text

        written = f"{count} {noun}{'' if count == 1 else 's'}"
        typer.echo(f"{written} written to {terminal_text(out)}", err=True)


@contextmanager
def _audit_connection(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection with this kmplan's rules installed as TEMP objects. It never
    writes: a warehouse of an older kmplan is refused with the way to migrate it, and keys
    are assigned when documents are loaded (docs/reliability.md)."""
    from warehouse import open_warehouse
    from warehouse.audit import prepare
    from warehouse.faults import guarded

    with guarded(db):
        conn = open_warehouse(db, read_only=True)
        try:
            prepare(conn)
            yield conn
        finally:
            conn.close()


def _write(
    conn: duckdb.DuckDBPyConnection,
    filters: AuditFilter,
    format: AuditFormat,
    out: str,
    summary_only: bool,
) -> int:
    from warehouse.audit import FINDING_COLUMNS, findings, findings_csv, findings_json, summary
    from warehouse.query import QueryResult

    # CSV to a file goes through Python like standard output: the warehouse's connection
    # may not write files (warehouse.sandbox), and a file is written whole or not at all.
    if summary_only:
        result = summary(conn, filters)
        columns, rows, title = result.columns, iter(result.rows), SUMMARY_SHEET
    elif format is AuditFormat.jsonl:
        with _output(out) as stream:
            return _write_lines(stream, _batches(findings_json(conn, filters)))
    elif format is AuditFormat.csv:
        with _output(out) as stream:
            csv.writer(stream, lineterminator="\n").writerow(FINDING_COLUMNS)
            return _write_lines(stream, _batches(findings_csv(conn, filters)))
    else:
        cursor = findings(conn, filters)
        columns, rows, title = FINDING_COLUMNS, _batches(cursor), FINDINGS_SHEET
    if format is AuditFormat.xlsx:
        return _write_xlsx(Path(out), title, QueryResult(columns, tuple(rows)))
    with _output(out) as stream:
        if format is AuditFormat.table:
            return _write_table(stream, columns, rows, summary_only)
        if format is AuditFormat.csv:
            return _write_csv(stream, columns, rows)
        return _write_jsonl(stream, columns, rows)


def _batches(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[object, ...]]:
    while batch := cursor.fetchmany(5000):
        yield from batch


@contextmanager
def _output(out: str) -> Iterator[TextIO]:
    """Standard output, or the file `out` written whole or not at all (warehouse.outputs)."""
    if out == "-":
        yield sys.stdout
        return
    from warehouse.outputs import check_output, partial_file

    with partial_file(check_output(out), make_folders=False) as partial:
        with partial.open("w", encoding="utf-8", newline="") as stream:
            yield stream


def _write_table(
    stream: TextIO, columns: Sequence[str], rows: Iterable[tuple[object, ...]], whole: bool
) -> int:
    """The findings' TABLE_COLUMNS (every column of a summary) as a plain text table."""
    from pipeline.present.table import format_table
    from warehouse.query import QueryResult

    keep = list(range(len(columns))) if whole else [columns.index(c) for c in TABLE_COLUMNS]
    body = tuple(tuple(row[i] for i in keep) for row in rows)
    stream.write(format_table(QueryResult(tuple(columns[i] for i in keep), body)) + "\n")
    return len(body)


def _write_csv(stream: TextIO, columns: Sequence[str], rows: Iterable[tuple[object, ...]]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(["" if v is None else _guard(v) for v in row])
        count += 1
    return count


def _guard(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (as in export)."""
    from warehouse.export import FORMULA_GUARD, FORMULA_LEADS

    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return FORMULA_GUARD + value
    return value


def _write_lines(stream: TextIO, rows: Iterable[tuple[object, ...]]) -> int:
    count = 0
    for (line,) in rows:
        stream.write(f"{line}\n")
        count += 1
    return count


def _write_jsonl(stream: TextIO, columns: Sequence[str], rows: Iterable[tuple[object, ...]]) -> int:
    count = 0
    for row in rows:
        stream.write(json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_xlsx(path: Path, title: str, result: QueryResult) -> int:
    from pipeline.present.xlsx import write_result_xlsx  # openpyxl: only for this format
    from pipeline.present.xlsx_cells import CellFixes

    fixes = CellFixes()
    write_result_xlsx(path, title, result, fixes)
    if changed := fixes.summary():
        typer.echo(changed, err=True)
    return len(result.rows)
