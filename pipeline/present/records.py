"""`kmplan query --format csv|jsonl|markdown`: rows written to a stream as they arrive.

csv and jsonl are for programs: the text exactly as stored (no terminal escapes, no
formula guard, no byte-order mark: a BOM would end up inside the first field of whatever
reads the pipe; `kmplan export -f csv` is the file for Excel). csv has a header line and
quotes what needs quoting (the csv module); jsonl is one JSON object per row, Thai as it
is. markdown is for people: a pipe table whose cells are escaped for the terminal and
have their `|` escaped, one line per row.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TextIO

from pipeline.present.terminal import terminal_text

Row = tuple[object, ...]


def json_value(value: object) -> object:
    """`value` as JSON can hold it: dates and times in ISO form, a DECIMAL as a number when
    a float holds it exactly (else as its text), NaN and infinities as null, a BLOB as hex,
    lists and structs as arrays and objects, anything else (UUID, INTERVAL) as its text."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _decimal(value: Decimal) -> object:
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else str(value)


def csv_value(value: object) -> str:
    """One CSV cell: NULL empty, text as is, a list or struct as its JSON, a BLOB as hex,
    anything else as Python writes it (a DECIMAL keeps its digits, a date is ISO)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple | dict):
        return json.dumps(json_value(value), ensure_ascii=False)
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


class CsvRows:
    """A header line, then one line per row (a RowSink of warehouse.query)."""

    def __init__(self, stream: TextIO) -> None:
        self._writer = csv.writer(stream, lineterminator="\n")

    def columns(self, names: tuple[str, ...]) -> None:
        if names:
            self._writer.writerow(names)

    def rows(self, batch: Sequence[Row]) -> None:
        self._writer.writerows([csv_value(value) for value in row] for row in batch)


class JsonRows:
    """One JSON object per row, keyed by column name (a RowSink of warehouse.query)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._names: tuple[str, ...] = ()

    def columns(self, names: tuple[str, ...]) -> None:
        self._names = names

    def rows(self, batch: Sequence[Row]) -> None:
        lines = []
        for row in batch:
            record = {name: json_value(value) for name, value in zip(self._names, row, strict=True)}
            lines.append(json.dumps(record, ensure_ascii=False, allow_nan=False) + "\n")
        self._stream.write("".join(lines))


class MarkdownRows:
    """A pipe table: header, rule, one line per row (a RowSink of warehouse.query)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def columns(self, names: tuple[str, ...]) -> None:
        if names:
            self._stream.write(_markdown_line(names) + _markdown_line(["---"] * len(names)))

    def rows(self, batch: Sequence[Row]) -> None:
        self._stream.write("".join(_markdown_line(row) for row in batch))


def _markdown_line(cells: Sequence[object]) -> str:
    return "| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |\n"


def _markdown_cell(value: object) -> str:
    text = "NULL" if value is None else csv_value(value)
    return terminal_text(text).replace("|", "\\|")
