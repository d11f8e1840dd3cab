"""Exporting activity rows in the export contract's shape: JSONL, CSV or Parquet."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Literal, TextIO

import duckdb

from kmplan.warehouse.errors import WarehouseError

ExportFormat = Literal["jsonl", "csv", "parquet"]

# The contract's fields in the contract's order (activity-row.schema.json "properties").
CONTRACT_FIELDS: tuple[str, ...] = (
    "document_id", "source_file", "organization", "fiscal_year", "announced_on",
    "reference_no", "signed_by", "department", "km_goal", "deliverable", "seq", "step",
    "activity", "method", "period_text", "period_start", "period_end", "indicator", "target",
    "target_percent", "responsible", "note", "page", "plan_type", "year_basis", "element",
    "target_group", "budget_baht", "tacit_knowledge", "explicit_knowledge",
)  # fmt: skip
# Fields kmplan adds after the contract's (the contract is extended, never changed).
EXTENSION_FIELDS: tuple[str, ...] = ("target_comparator", "target_count", "target_unit")
ROW_FIELDS: tuple[str, ...] = CONTRACT_FIELDS + EXTENSION_FIELDS

# Fiscal year, then document by file name (document_id breaks ties between files of the
# same name), then plan, printed seq, and the row's position in its plan.
ORDER_BY = "fiscal_year, source_file, document_id, plan_no, seq, row_no"

_SELECT = f"SELECT {', '.join(ROW_FIELDS)} FROM activity_rows ORDER BY {ORDER_BY}"
_BATCH = 1000
STDOUT = "-"


def export_rows(
    conn: duckdb.DuckDBPyConnection,
    fmt: ExportFormat,
    out: Path | str,
    *,
    stream: TextIO | None = None,
) -> int:
    """Write every activity row to `out` in `fmt`; return the number of rows written.

    `out` "-" writes jsonl or csv to `stream` (default sys.stdout). A file is written under
    a temporary name and renamed when complete, so a failed export leaves no partial file.
    """
    if str(out) == STDOUT:
        if fmt == "parquet":
            raise WarehouseError("parquet cannot be written to stdout; give an output file")
        return _write_text(conn, fmt, stream if stream is not None else sys.stdout)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        count = _write_file(conn, fmt, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _write_file(conn: duckdb.DuckDBPyConnection, fmt: ExportFormat, path: Path) -> int:
    if fmt == "parquet":
        quoted = str(path).replace("'", "''")
        row = conn.execute(f"COPY ({_SELECT}) TO '{quoted}' (FORMAT parquet)").fetchone()
        return int(row[0]) if row else 0
    with path.open("w", encoding="utf-8", newline="") as stream:
        return _write_text(conn, fmt, stream)


def _write_text(conn: duckdb.DuckDBPyConnection, fmt: ExportFormat, stream: TextIO) -> int:
    if fmt == "jsonl":
        return _write_jsonl(conn, stream)
    if fmt == "csv":
        return _write_csv(conn, stream)
    raise ValueError(f"unknown export format {fmt!r}")


def _write_jsonl(conn: duckdb.DuckDBPyConnection, stream: TextIO) -> int:
    count = 0
    for row in _rows(conn):
        record = dict(zip(ROW_FIELDS, row, strict=True))
        stream.write(json.dumps(record, ensure_ascii=False, allow_nan=False, default=_iso))
        stream.write("\n")
        count += 1
    return count


def _write_csv(conn: duckdb.DuckDBPyConnection, stream: TextIO) -> int:
    stream.write("\ufeff")  # the BOM: Excel then reads the file as UTF-8 and shows Thai
    writer = csv.writer(stream)
    writer.writerow(ROW_FIELDS)
    count = 0
    for row in _rows(conn):
        writer.writerow(["" if value is None else _text(value) for value in row])
        count += 1
    return count


def _rows(conn: duckdb.DuckDBPyConnection) -> Iterator[tuple[object, ...]]:
    cursor = conn.execute(_SELECT)
    while batch := cursor.fetchmany(_BATCH):
        yield from batch


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot export a {type(value).__name__} as JSON")


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)
