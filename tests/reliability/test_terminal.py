"""Findings 7 and 8 (terminal output): control characters in file names and PDF text are
escaped when printed and kept in export files; query prints csv, jsonl and markdown; a
query of several statements is refused; compare's CSV has the BOM of export's; xlsx says
what it changed; a reader that stops early ends a command quietly."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse import load_document, open_warehouse

from ..conftest import ROOT
from ..pipeline.batch_support import variant
from ..warehouse.warehouse_data import tak_2566
from .conftest import cli, one_line_error

FAKE_OK = "evil\nok:    fake.pdf"
OSC_TITLE = "title\x1b]0;owned\x07\x1b[31m.pdf"
CLEAR = "broken\x1b[2J.pdf"
HOSTILE_TEXT = "งาน\x1b]0;owned\x07\x1b[2J\nok:    fake"


@pytest.fixture
def hostile_files(tmp_path: Path, mini_pdf: Path) -> Path:
    """Two good plans and one broken file, named with a newline and escape sequences."""
    folder = tmp_path / "in"
    folder.mkdir()
    variant(mini_pdf, folder / FAKE_OK, 1)
    variant(mini_pdf, folder / OSC_TITLE, 2)
    (folder / CLEAR).write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    return folder


def test_hostile_file_names_print_one_line_each(hostile_files: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    run = cli("ingest", str(hostile_files), "--db", str(db), "--workers", "1")
    assert run.code == 1, run.err  # the broken file failed
    printed = run.out + run.err
    assert "\x1b" not in printed and "\x07" not in printed
    oks = [line for line in run.out.splitlines() if line.startswith("ok:")]
    assert len(oks) == 2, run.out
    assert any("evil\\nok:    fake.pdf: 1 plan" in line for line in oks)
    assert any("title\\x1b]0;owned\\x07\\x1b[31m.pdf: 1 plan" in line for line in oks)
    failed = [line for line in run.err.splitlines() if line.startswith("error:")]
    assert len(failed) == 1 and "broken\\x1b[2J.pdf" in failed[0]
    # runs and query show the names escaped; the export keeps them as they are.
    for args in (("runs",), ("query", "SELECT source_file FROM documents ORDER BY ALL")):
        shown = cli(*args, "--db", str(db))
        assert shown.code == 0, shown.err
        assert "\x1b" not in shown.out and "\x07" not in shown.out
        assert not any(line.startswith("ok:") for line in shown.out.splitlines())
    names = cli("query", "SELECT source_file FROM documents ORDER BY ALL", "--db", str(db))
    assert names.out.splitlines()[2:4] == [
        "evil\\nok:    fake.pdf",
        "title\\x1b]0;owned\\x07\\x1b[31m.pdf",
    ]
    exported = cli("export", "-f", "jsonl", "--db", str(db))
    assert {json.loads(line)["source_file"] for line in exported.out.splitlines()} == {
        FAKE_OK,
        OSC_TITLE,
    }


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """A warehouse whose text holds escape sequences, a control character Excel refuses
    and a cell longer than Excel holds."""
    doc = tak_2566()
    plans = [doc.plans[0].model_copy(update={"department": HOSTILE_TEXT}), *doc.plans[1:]]
    first = doc.activities[0].model_copy(update={"method": "ก" * 40_000, "note": "หมายเหตุ\x01\x02"})
    doc = doc.model_copy(update={"plans": plans, "activities": [first, *doc.activities[1:]]})
    db = tmp_path / "hostile.duckdb"
    with open_warehouse(db) as conn:
        load_document(conn, doc, kmplan_version="0.1.0-test")
    return db


@pytest.mark.parametrize("command", [("departments",), ("compare",), ("audit",)])
def test_warehouse_text_is_escaped_on_the_terminal(
    hostile_db: Path, command: tuple[str, ...]
) -> None:
    run = cli(*command, "--db", str(hostile_db))
    assert run.code == 0, run.err
    assert "\x1b" not in run.out + run.err and "\x07" not in run.out + run.err
    assert not any(line.startswith("ok:") for line in run.out.splitlines())


def test_query_escapes_in_table_and_markdown_and_keeps_csv_and_jsonl(hostile_db: Path) -> None:
    sql = "SELECT department, plan_no FROM plans ORDER BY plan_no"
    table = cli("query", sql, "--db", str(hostile_db))
    assert table.out.splitlines()[2].startswith("งาน\\x1b]0;owned\\x07\\x1b[2J\\nok:    fake")
    assert len(table.out.splitlines()) == 5  # header, rule, 2 rows, count
    markdown = cli("query", sql, "-f", "markdown", "--db", str(hostile_db))
    assert markdown.out.splitlines() == [
        "| department | plan_no |",
        "| --- | --- |",
        "| งาน\\x1b]0;owned\\x07\\x1b[2J\\nok:    fake | 1 |",
        "| สำนักปลัด | 2 |",
    ]
    as_csv = cli("query", sql, "--format", "csv", "--db", str(hostile_db))
    assert list(csv.reader(io.StringIO(as_csv.out))) == [
        ["department", "plan_no"],
        [HOSTILE_TEXT, "1"],
        ["สำนักปลัด", "2"],
    ]
    as_json = cli("query", sql, "--format", "jsonl", "--db", str(hostile_db))
    assert [json.loads(line) for line in as_json.out.splitlines()] == [
        {"department": HOSTILE_TEXT, "plan_no": 1},
        {"department": "สำนักปลัด", "plan_no": 2},
    ]


def test_query_rows_beyond_max_rows_are_said_on_stderr(mini_db: Path) -> None:
    sql = "SELECT n, n * 2 AS twice FROM range(3000000000) AS t(n)"
    run = cli("query", sql, "-f", "csv", "--max-rows", "3", "--db", str(mini_db))
    assert run.code == 0, run.err
    assert run.out == "n,twice\n0,0\n1,2\n2,4\n"
    assert run.err == "query: the first 3 rows written, more not read (--max-rows 0 for all)\n"
    every = cli("query", "FROM range(2500)", "-f", "jsonl", "--max-rows", "0", "--db", str(mini_db))
    assert (len(every.out.splitlines()), every.err) == (2500, "")
    assert json.loads(every.out.splitlines()[-1]) == {"range": 2499}


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl", "markdown"])
def test_several_statements_are_refused(mini_db: Path, fmt: str) -> None:
    run = cli("query", "SELECT 1 AS a; SELECT 2 AS b", "-f", fmt, "--db", str(mini_db))
    one_line_error(run, "2 statements given", "one statement at a time")
    assert run.out == ""
    one = cli("query", "SELECT 1 AS a;", "-f", fmt, "--db", str(mini_db))
    assert one.code == 0, one.err


def test_compare_csv_has_the_bom_of_export_csv(mini_db: Path) -> None:
    compared = cli("compare", "-f", "csv", "--db", str(mini_db))
    exported = cli("export", "-f", "csv", "--db", str(mini_db))
    assert compared.code == exported.code == 0, compared.err + exported.err
    assert compared.out.startswith("\ufefforganization_key,")
    assert exported.out.startswith("\ufeffdocument_id,")


def test_xlsx_says_which_cells_it_changed(hostile_db: Path, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "plans.xlsx"
    run = cli("export", "-f", "xlsx", "-o", str(out), "--db", str(hostile_db))
    assert run.code == 0, run.err
    book = openpyxl.load_workbook(out)
    # The note of one row, and the department on its plan's 3 rows and on its findings.
    changed = sum(
        1
        for sheet in book.worksheets
        for line in sheet.iter_rows(min_row=2)
        for cell in line
        if cell.value == "หมายเหตุ" or "]0;owned" in str(cell.value)
    )
    assert changed == 8
    assert run.err.splitlines() == [
        f"6 rows written to {out}",
        "xlsx: 8 cells had control characters Excel cannot hold (dropped; csv, jsonl and "
        "parquet keep them); 1 cell cut to Excel's 32,767 characters",
    ]
    sheet = book["ปีงบประมาณ 2566"]
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["หมายเหตุ [note]"] == "หมายเหตุ"
    assert row["วิธีการสู่ความสำเร็จ [method]"] == "ก" * 32_767
    assert row["ชื่อหน่วยงานย่อย [department]"] == "งาน]0;owned[2J\nok:    fake"
    # The data formats keep every character.
    kept = cli("export", "-f", "jsonl", "--db", str(hostile_db))
    first = json.loads(kept.out.splitlines()[0])
    assert (first["note"], len(first["method"])) == ("หมายเหตุ\x01\x02", 40_000)


def _to_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """kmplan with its standard output a pipe whose reader has already gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "pipeline", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "-f", "jsonl"),
        ("export", "-f", "csv"),
        ("query", "FROM range(100000000)", "-f", "csv", "--max-rows", "0"),
        ("query", "FROM range(10)"),
        ("audit",),
        ("runs",),
        ("compare", "-f", "csv"),
    ],
)
def test_a_closed_pipe_ends_quietly(mini_db: Path, args: tuple[str, ...]) -> None:
    done = _to_closed_pipe(*args, "--db", str(mini_db))
    assert (done.returncode, done.stderr) == (141, "")


def test_a_reader_that_stops_early_stops_the_query(mini_db: Path) -> None:
    """`kmplan query ... | head -1`: the first rows arrive, then the query stops at once."""
    if shutil.which("head") is None:
        pytest.skip("needs head")
    kmplan = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "query", "FROM range(10000000000)", "-f", "jsonl",
         "--max-rows", "0", "--timeout", "600", "--db", str(mini_db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert kmplan.stdout is not None
    head = subprocess.run(["head", "-1"], stdin=kmplan.stdout, capture_output=True, timeout=120)
    kmplan.stdout.close()
    _, err = kmplan.communicate(timeout=120)
    assert head.stdout == b'{"range": 0}\n'
    assert (kmplan.returncode, err) == (141, b"")
