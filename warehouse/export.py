"""Exporting activity rows in the export contract's shape: JSONL, CSV, Parquet or xlsx.

Filters (fiscal years, organization, department) narrow the rows; without them the output
is every row, exactly as before filters existed. CSV cells that Excel would run as a
formula (text beginning with =, +, -, @, a tab or a carriage return) are written with a
leading apostrophe. Parquet goes to one file when --out ends in .parquet, and otherwise to
a folder partitioned by fiscal year (fiscal_year=2566/data_0.parquet, hive style).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, TextIO

import duckdb

from warehouse.departments import resolve_organization
from warehouse.errors import WarehouseError

ExportFormat = Literal["jsonl", "csv", "parquet", "xlsx"]

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

_SELECT = f"SELECT {', '.join(ROW_FIELDS)} FROM activity_rows ORDER BY {ORDER_BY}"
_BATCH = 1000
STDOUT = "-"
# Text Excel would run as a formula; such CSV cells get FORMULA_GUARD in front.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


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


def select_rows(conn: duckdb.DuckDBPyConnection, filters: ExportFilter | None = None) -> str:
    """The export's SELECT: every row without filters; values are inlined as literals so
    that the statement also works inside COPY."""
    if filters is None or filters.empty:
        return _SELECT
    clauses = []
    if filters.years:
        clauses.append(f"fiscal_year IN ({', '.join(str(int(y)) for y in filters.years)})")
    if filters.organization is not None:
        org = _literal(resolve_organization(conn, filters.organization))
        clauses.append(
            "(document_id, plan_no) IN (SELECT document_id, plan_no FROM plan_keys "
            f"WHERE organization_key = {org})"
        )
    if filters.department is not None:
        dept = _literal(filters.department)
        clauses.append(
            "(document_id, plan_no) IN (SELECT document_id, plan_no FROM plan_keys "
            f"WHERE department_key = {dept} OR department = {dept})"
        )
    return (
        f"SELECT {', '.join(ROW_FIELDS)} FROM activity_rows WHERE {' AND '.join(clauses)} "
        f"ORDER BY {ORDER_BY}"
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def neutralize(text: str) -> str:
    """Text Excel would run as a formula, with an apostrophe in front."""
    return FORMULA_GUARD + text if text.startswith(FORMULA_LEADS) else text


def export_rows(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path | str,
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
    sql = select_rows(conn, filters)
    if str(out) == STDOUT:
        if fmt in ("parquet", "xlsx"):
            raise WarehouseError(f"{fmt} cannot be written to stdout; give an output file")
        return _write_text(conn, fmt, stream if stream is not None else sys.stdout, sql)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet" and target.suffix.lower() != ".parquet":
        return _write_partitioned(conn, sql, target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        count = _write_file(conn, fmt, partial, sql, filters)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_file(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    path: Path,
    sql: str,
    filters: ExportFilter | None,
) -> int:
    if fmt == "parquet":
        quoted = str(path).replace("'", "''")
        row = conn.execute(f"COPY ({sql}) TO '{quoted}' (FORMAT parquet)").fetchone()
        return int(row[0]) if row else 0
    if fmt == "xlsx":
        from warehouse.xlsx import write_xlsx

        return write_xlsx(conn, path, sql, filters or ExportFilter())
    with path.open("w", encoding="utf-8", newline="") as stream:
        return _write_text(conn, fmt, stream, sql)


def _write_partitioned(conn: duckdb.DuckDBPyConnection, sql: str, target: Path) -> int:
    """Hive-style folders fiscal_year=YYYY under `target`, written beside it and renamed in;
    a previous export there (only fiscal_year=* folders) is replaced, anything else refused."""
    if target.exists() and not _is_partitioned_export(target):
        raise WarehouseError(
            f"{target} exists and is not a partitioned export; choose another --out"
        )
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        quoted = str(partial).replace("'", "''")
        row = conn.execute(
            f"COPY ({sql}) TO '{quoted}' (FORMAT parquet, PARTITION_BY (fiscal_year))"
        ).fetchone()
        if target.exists():
            shutil.rmtree(target)
        partial.mkdir(exist_ok=True)  # no rows: an empty folder
        os.replace(partial, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return int(row[0]) if row else 0


def _is_partitioned_export(path: Path) -> bool:
    return path.is_dir() and all(
        child.is_dir() and child.name.startswith("fiscal_year=") for child in path.iterdir()
    )


def _write_text(
    conn: duckdb.DuckDBPyConnection, fmt: ExportFormat, stream: TextIO, sql: str = _SELECT
) -> int:
    if fmt == "jsonl":
        return _write_jsonl(conn, stream, sql)
    if fmt == "csv":
        return _write_csv(conn, stream, sql)
    raise ValueError(f"unknown export format {fmt!r}")


def _write_jsonl(conn: duckdb.DuckDBPyConnection, stream: TextIO, sql: str) -> int:
    count = 0
    for row in _rows(conn, sql):
        record = dict(zip(ROW_FIELDS, row, strict=True))
        for name in _JSON_TEXT_FIELDS:
            if isinstance(record[name], str):
                record[name] = json.loads(record[name])
        stream.write(json.dumps(record, ensure_ascii=False, allow_nan=False, default=_iso))
        stream.write("\n")
        count += 1
    return count


def _write_csv(conn: duckdb.DuckDBPyConnection, stream: TextIO, sql: str) -> int:
    stream.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8 and shows Thai
    writer = csv.writer(stream)
    writer.writerow(ROW_FIELDS)
    count = 0
    for row in _rows(conn, sql):
        writer.writerow([_csv_cell(value) for value in row])
        count += 1
    return count


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    return neutralize(value) if isinstance(value, str) else _text(value)


def _rows(conn: duckdb.DuckDBPyConnection, sql: str = _SELECT) -> Iterator[tuple[object, ...]]:
    cursor = conn.execute(sql)
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export a {type(value).__name__} as JSON")


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
