"""Only regular files are read, of a bounded size; an empty input says so."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .conftest import cli, kmplan, one_line_error


def test_a_fifo_inside_a_folder_is_skipped(tmp_path: Path, mini_pdf: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(mini_pdf, folder / "a.pdf")
    os.mkfifo(folder / "b-pipe.pdf")
    db = tmp_path / "w.duckdb"
    # In its own process with a time limit: reading the FIFO used to block forever.
    run = kmplan("ingest", str(folder), "--db", str(db), "--workers", "1", timeout=120)
    assert run.code == 0, run.err
    assert f"skip:  {folder / 'b-pipe.pdf'}: not a regular file (a FIFO), not read" in run.out
    assert "1 ingested, 0 already present, 0 failed, 1 skipped" in run.out
    assert "Traceback" not in run.err


def test_a_fifo_named_on_the_command_line_fails(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.pdf"
    os.mkfifo(fifo)
    run = kmplan("ingest", str(fifo), "--db", str(tmp_path / "w.duckdb"), timeout=120)
    one_line_error(run, str(fifo), "not a regular file (a FIFO)")
    one_line_error(kmplan("inspect", str(fifo), timeout=120), str(fifo), "a FIFO")


def test_a_folder_named_pdf_is_walked(tmp_path: Path, mini_pdf: Path) -> None:
    folder = tmp_path / "in" / "2566.pdf"  # a folder, named like a file
    folder.mkdir(parents=True)
    shutil.copy(mini_pdf, folder / "plan.pdf")
    (tmp_path / "in" / "loop").symlink_to(tmp_path / "in")  # and a link back up
    run = cli("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "w.duckdb"), "-w", "1")
    assert run.code == 0, run.err
    assert "1 ingested, 0 already present, 0 failed;" in run.out
    assert not run.errors


def test_an_empty_input_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("no PDF here")
    db = tmp_path / "w.duckdb"
    one_line_error(cli("ingest", str(empty), "--db", str(db)), str(empty), "no PDF files")
    assert not db.exists()


def test_a_file_over_the_size_cap_is_not_read(tmp_path: Path, mini_pdf: Path) -> None:
    big = tmp_path / "in" / "big.pdf"
    big.parent.mkdir()
    with big.open("wb") as stream:  # sparse: 250 MB that take no disk
        stream.truncate(250_000_000)
    db = str(tmp_path / "w.duckdb")
    run = cli("ingest", str(big), "--db", db)
    one_line_error(run, str(big), "file is 250 MB, over the 200 MB limit", "--max-bytes")
    small = cli("ingest", str(mini_pdf), "--db", db, "--max-bytes", "10k")
    one_line_error(small, str(mini_pdf), "over the 10.0 kB limit")
    one_line_error(cli("inspect", str(big)), str(big), "over the 200 MB limit")
    one_line_error(cli("ingest", str(mini_pdf), "--max-bytes", "lots"), "--max-bytes")
