"""Text made safe for a terminal (pipeline/present/terminal.py), the row formats of
`kmplan query --format` (pipeline/present/records.py) and text made to fit an Excel cell
(pipeline/present/xlsx_cells.py)."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from pipeline.present.records import CsvRows, JsonRows, MarkdownRows, csv_value, json_value
from pipeline.present.table import display_width, format_table
from pipeline.present.terminal import terminal_text
from pipeline.present.xlsx_cells import EXCEL_CELL_LIMIT, CellFixes, excel_text
from warehouse.query import QueryResult

THAI = "กองการเจ้าหน้าที่ สำนักปลัด ปี ๒๕๖๖ ผู้รับผิดชอบ"  # vowels and tone marks are Mn


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("title\x1b]0;owned\x07", "title\\x1b]0;owned\\x07"),
        ("two\nlines\r\tand", "two\\nlines\\r\\tand"),
        ("nul\x00 del\x7f c1\x9b", "nul\\x00 del\\x7f c1\\x9b"),
        ("rtl\u202eevil\u2066x\u2069", "rtl\\u202eevil\\u2066x\\u2069"),
        ("line\u2028sep", "line\\u2028sep"),
        ("C:\\plans\\ก.pdf", "C:\\plans\\ก.pdf"),
        ("การ\u200bเรียนรู้", "การ\u200bเรียนรู้"),  # the zero-width space between Thai words
        ("日本 é ✓", "日本 é ✓"),
    ],
)
def test_terminal_text_escapes_controls_only(text: str, shown: str) -> None:
    assert terminal_text(text) == shown


def test_thai_is_untouched() -> None:
    assert terminal_text(THAI) == THAI


def test_a_file_name_that_is_not_utf8_shows_its_bytes() -> None:
    name = os.fsdecode(b"plan-\xff\xfe.pdf")
    assert terminal_text(name) == "plan-\\xff\\xfe.pdf"
    terminal_text(name).encode("utf-8")  # printable on a UTF-8 terminal


def test_the_table_escapes_names_and_values() -> None:
    result = QueryResult(columns=("n\x1bame",), rows=(("x\x1b]0;t\x07\nok:",), (THAI,)))
    text = format_table(result)
    assert "\x1b" not in text and "\x07" not in text
    assert text.splitlines() == [
        "n\\x1bame",
        "-" * display_width(THAI),
        "x\\x1b]0;t\\x07\\nok:",
        THAI,
        "(2 rows)",
    ]


ROWS = (("=1+1", 'a,b\n"c"', None), (THAI, "\x1b[31m", 3))


def test_csv_rows_keep_the_text_and_quote_it() -> None:
    stream = io.StringIO()
    sink = CsvRows(stream)
    sink.columns(("formula", "quoted", "n"))
    sink.rows(ROWS)
    assert not stream.getvalue().startswith("\ufeff")
    assert list(csv.reader(io.StringIO(stream.getvalue()))) == [
        ["formula", "quoted", "n"],
        ["=1+1", 'a,b\n"c"', ""],
        [THAI, "\x1b[31m", "3"],
    ]


def test_json_rows_are_one_object_per_line() -> None:
    stream = io.StringIO()
    sink = JsonRows(stream)
    sink.columns(("formula", "quoted", "n"))
    sink.rows(ROWS)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert THAI in lines[1]  # not \u escapes
    assert [json.loads(line) for line in lines] == [
        {"formula": "=1+1", "quoted": 'a,b\n"c"', "n": None},
        {"formula": THAI, "quoted": "\x1b[31m", "n": 3},
    ]


def test_markdown_rows_escape_pipes_and_controls() -> None:
    stream = io.StringIO()
    sink = MarkdownRows(stream)
    sink.columns(("a|b", "c"))
    sink.rows((("x|y\nz", None), (THAI, "\x1b[2J")))
    assert stream.getvalue() == (
        f"| a\\|b | c |\n| --- | --- |\n| x\\|y\\nz | NULL |\n| {THAI} | \\x1b[2J |\n"
    )


@pytest.mark.parametrize(
    ("value", "as_json", "as_csv"),
    [
        (date(2023, 10, 11), "2023-10-11", "2023-10-11"),
        (datetime(2023, 10, 11, 9, 30), "2023-10-11T09:30:00", "2023-10-11 09:30:00"),
        (Decimal("12.50"), 12.5, "12.50"),
        (Decimal("3"), 3, "3"),
        (Decimal("0.1000000000000000055511151231257827"), "0.1000000000000000055511151231257827",
         "0.1000000000000000055511151231257827"),
        (float("nan"), None, "nan"),
        (b"\x00\xff", "00ff", "00ff"),
        ([1, "ก"], [1, "ก"], '[1, "ก"]'),
        ({"k": Decimal("1.5")}, {"k": 1.5}, '{"k": 1.5}'),
        (UUID(int=1), "00000000-0000-0000-0000-000000000001",
         "00000000-0000-0000-0000-000000000001"),
        (True, True, "True"),
    ],
)  # fmt: skip
def test_values_in_json_and_csv(value: object, as_json: object, as_csv: str) -> None:
    assert json_value(value) == as_json
    json.dumps(json_value(value), allow_nan=False)
    assert csv_value(value) == as_csv


def test_excel_text_drops_controls_and_counts_cells() -> None:
    fixes = CellFixes()
    assert excel_text("a\x01b\x1b[31m\tc\nd", fixes) == "ab[31m\tc\nd"
    assert excel_text("ปกติ", fixes) == "ปกติ"
    assert (fixes.dropped, fixes.truncated) == (1, 0)
    assert fixes.summary() == (
        "xlsx: 1 cell had control characters Excel cannot hold "
        "(dropped; csv, jsonl and parquet keep them)"
    )


def test_excel_text_cuts_at_the_cell_limit_in_utf16_units() -> None:
    fixes = CellFixes()
    assert excel_text("ก" * EXCEL_CELL_LIMIT, fixes) == "ก" * EXCEL_CELL_LIMIT
    assert len(excel_text("ก" * (EXCEL_CELL_LIMIT + 5), fixes)) == EXCEL_CELL_LIMIT
    # An emoji is two UTF-16 units: the one the limit would split is left out whole.
    cut = excel_text("a" + "😀" * EXCEL_CELL_LIMIT, fixes)
    assert cut == "a" + "😀" * ((EXCEL_CELL_LIMIT - 1) // 2)
    assert (fixes.dropped, fixes.truncated) == (0, 2)
    assert fixes.summary() == "xlsx: 2 cells cut to Excel's 32,767 characters"
    assert CellFixes().summary() is None
