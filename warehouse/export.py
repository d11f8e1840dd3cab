"""Exporting activity rows in the export contract's shape, as files of data: JSONL, CSV or
Parquet (the styled xlsx workbook is presentation: pipeline/present/xlsx.py).

Filters (fiscal years, organization, department) narrow the rows; without them the output
is every row, exactly as before filters existed. CSV cells that Excel would run as a
formula (text beginning with =, +, -, @, a tab or a carriage return) are written with a
leading apostrophe. Parquet goes to one file when --out ends in .parquet, and otherwise to
a folder partitioned by fiscal year (fiscal_year=2566/data_0.parquet, hive style). Where
the rows go is checked and written by warehouse.outputs (outputs never destroy inputs).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, TextIO

import duckdb

from warehouse.compare import compare_departments
from warehouse.departments import resolve_organization
from warehouse.errors import WarehouseError
from warehouse.outputs import (
    STDOUT,
    Output,
    check_output,
    partial_file,
    write_file,
    write_folder,
)
from warehouse.parquet import write_parquet
from warehouse.query import QueryResult
from warehouse.sql import column_list

# The formats of data files the warehouse writes (the command line adds xlsx).
DataFormat = Literal["jsonl", "csv", "parquet"]

# The contract's fields in the contract's order (activity-row.schema.json "properties").
CONTRACT_FIELDS: tuple[str, ...] = (
    "document_id", "source_file", "organization", "fiscal_year", "announced_on",
    "reference_no", "signed_by", "department", "km_goal", "deliverable", "seq", "step",
    "activity", "method", "period_text", "period_start", "period_end", "indicator", "target",
    "target_percent", "responsible", "note", "page", "plan_type", "year_basis", "element",
    "target_group", "budget_baht", "tacit_knowledge", "explicit_knowledge",
    "document_kind", "result_text", "status",
)  # fmt: skip
# Fields kmplan adds after the contract's (the contract is extended, never changed).
EXTENSION_FIELDS: tuple[str, ...] = (
    "target_comparator",
    "target_count",
    "target_unit",
    "ocr_confidence",
    "extra_columns",
)
# Stored as JSON text; jsonl writes it as the object it is.
_JSON_TEXT_FIELDS = frozenset({"extra_columns"})
ROW_FIELDS: tuple[str, ...] = CONTRACT_FIELDS + EXTENSION_FIELDS

# Fiscal year, then document by file name (document_id breaks ties between files of the
# same name), then plan, printed seq, and the row's position in its plan.
ORDER_BY = "fiscal_year, source_file, document_id, plan_no, seq, row_no"

_BATCH = 1000
# Text Excel would run as a formula; such CSV cells get FORMULA_GUARD in front.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"
# A plan of the organization (a key) or of the department (a key or a printed spelling).
_OF_ORGANIZATION = (
    "(document_id, plan_no) IN (SELECT document_id, plan_no FROM plan_keys "
    "WHERE organization_key = ?)"
)
_OF_DEPARTMENT = (
    "(document_id, plan_no) IN (SELECT document_id, plan_no FROM plan_keys "
    "WHERE department_key = ? OR department = ?)"
)

# A comparison row belongs to a department by its key or its spelling in either year.
_DEPARTMENT_COLUMNS = ("department_key", "department_from", "department_to")

Rows = Iterable[Sequence[object]]


@dataclass(frozen=True)
class ExportFilter:
    """Which rows to export. Organization: a key or a printed name; department: a key or
    a printed spelling (see `kmplan departments`)."""

    years: tuple[int, ...] = ()
    organization: str | None = None
    department: str | None = None

    @property
    def empty(self) -> bool:
        return not self.years and self.organization is None and self.department is None


def select_rows(
    conn: duckdb.DuckDBPyConnection, filters: ExportFilter | None = None
) -> tuple[str, list[object]]:
    """The export's SELECT and its parameters: every row without filters.

    Raises DepartmentKeyError (a WarehouseError) for an organization the warehouse lacks.
    """
    filters = filters or ExportFilter()
    clauses: list[str] = []
    params: list[object] = []
    if filters.years:
        clauses.append("list_contains(?::INTEGER[], fiscal_year)")
        params.append([int(year) for year in filters.years])
    if filters.organization is not None:
        clauses.append(_OF_ORGANIZATION)
        params.append(resolve_organization(conn, filters.organization))
    if filters.department is not None:
        clauses.append(_OF_DEPARTMENT)
        params.extend([filters.department, filters.department])
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    sql = f"SELECT {column_list(ROW_FIELDS)} FROM activity_rows{where} ORDER BY {ORDER_BY}"
    return sql, params


def iter_rows(
    conn: duckdb.DuckDBPyConnection, filters: ExportFilter | None = None
) -> Iterator[tuple[object, ...]]:
    """The rows (ROW_FIELDS, in export order) the filters keep, fetched in batches."""
    sql, params = select_rows(conn, filters)
    return _batches(conn.execute(sql, params))


def comparison_rows(conn: duckdb.DuckDBPyConnection, filters: ExportFilter) -> QueryResult:
    """The comparison that belongs with an export: of the filter's organization (or all),
    of its years when it names at least two (or every year held), and of its department
    (a key, or a spelling of either year) when it names one."""
    years = filters.years if len(set(filters.years)) >= 2 else None
    result = compare_departments(conn, filters.organization, years)
    if filters.department is None:
        return result
    named = [result.columns.index(c) for c in _DEPARTMENT_COLUMNS]
    rows = tuple(row for row in result.rows if filters.department in [row[i] for i in named])
    return QueryResult(columns=result.columns, rows=rows)


def neutralize(text: str) -> str:
    """Text Excel would run as a formula, with an apostrophe in front."""
    return FORMULA_GUARD + text if text.startswith(FORMULA_LEADS) else text


def writes_folder(fmt: str, out: Path | str) -> bool:
    """Parquet to an --out without the .parquet suffix is a folder partitioned by year."""
    return fmt == "parquet" and str(out) != STDOUT and Path(out).suffix.lower() != ".parquet"


def export_output(fmt: str, out: Path | str, protect: Iterable[Path | str] = ()) -> Output:
    """The checked --out of an export (see warehouse.outputs); nothing is written yet."""
    return check_output(out, protect=protect, folder=writes_folder(fmt, out))


def export_rows(
    conn: duckdb.DuckDBPyConnection,
    fmt: DataFormat,
    out: Output | Path | str,
    *,
    stream: TextIO | None = None,
    filters: ExportFilter | None = None,
) -> int:
    """Write the activity rows (all, or those `filters` keep) to `out` in `fmt`; return the
    number of rows written.

    `out` "-" writes jsonl or csv to `stream` (default sys.stdout). A file is written under
    a temporary name and renamed when complete, so a failed export leaves no partial file.
    Parquet to a path not ending in .parquet writes a folder partitioned by fiscal year.
    """
    sql, params = select_rows(conn, filters)
    output = out if isinstance(out, Output) else export_output(fmt, out)
    if output.is_stdout:
        if fmt == "parquet":
            raise WarehouseError(f"{fmt} cannot be written to stdout; give an output file")
        return _write_text(fmt, stream if stream is not None else sys.stdout, conn, sql, params)
    if output.folder:
        return write_folder(
            output,
            lambda folder: write_parquet(conn, sql, folder, params, partition_by="fiscal_year"),
        )
    if fmt == "parquet":
        return write_file(output, lambda partial: write_parquet(conn, sql, partial, params))
    with partial_file(output) as partial, partial.open("w", encoding="utf-8", newline="") as text:
        return _write_text(fmt, text, conn, sql, params)


@contextmanager
def written_atomically(target: Path) -> Iterator[Path]:
    """A new file beside `target` (its folders created) to write to; renamed to `target`
    when the block completes, removed when it fails, so `target` is whole or untouched
    (warehouse.outputs.partial_file; `target` is checked like an --out)."""
    with partial_file(check_output(target)) as partial:
        yield partial


def _write_text(
    fmt: DataFormat,
    stream: TextIO,
    conn: duckdb.DuckDBPyConnection,
    sql: str,
    params: list[object],
) -> int:
    rows = _batches(conn.execute(sql, params))
    if fmt == "jsonl":
        return _write_jsonl(stream, rows)
    if fmt == "csv":
        stream.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8 and shows Thai
        return write_csv(stream, ROW_FIELDS, rows)
    raise ValueError(f"unknown export format {fmt!r}")


def _write_jsonl(stream: TextIO, rows: Rows) -> int:
    count = 0
    for row in rows:
        record = dict(zip(ROW_FIELDS, row, strict=True))
        for name in _JSON_TEXT_FIELDS:
            text = record[name]
            if isinstance(text, str):
                record[name] = json.loads(text)
        stream.write(json.dumps(record, ensure_ascii=False, allow_nan=False, default=_iso))
        stream.write("\n")
        count += 1
    return count


def write_csv(stream: TextIO, columns: Sequence[str], rows: Rows) -> int:
    """`columns` as the header, then one line per row: NULL an empty cell, a date in ISO
    form, text that Excel would run as a formula neutralized. Returns the number of rows."""
    writer = csv.writer(stream)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
        count += 1
    return count


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    return neutralize(value) if isinstance(value, str) else _text(value)


def _batches(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple[object, ...]]:
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export a {type(value).__name__} as JSON")


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
