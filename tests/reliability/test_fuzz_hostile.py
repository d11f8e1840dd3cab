"""Small versions of the fuzzer's hostile files (benchmarks/hostile_files.py): each ends as
one line, and nothing hangs (the subprocess timeouts are hang guards, not speed checks)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from benchmarks.hostile_files import deep_folders, flate_bomb, sparse
from extract.vocab.codes import FailureReason
from pipeline.guarded_inspect import GuardedFailure, inspect_guarded
from pipeline.guards import Limits
from pipeline.inputs import Rejected, iter_inputs

from ..pipeline.batch_support import make_hanging_pdf, variant
from .conftest import kmplan, one_line_error

ESCAPED = "esc-\x1b]0;pwned\x07-\nok:    fake.pdf"
NOT_UTF8 = os.fsdecode(b"tis620-\xa1\xd2\xc3.pdf")  # "การ" in TIS-620: not UTF-8


def test_a_bomb_fails_alone_under_a_low_memory_limit(tmp_path: Path) -> None:
    """2 GB of zeros from a 2 MB file: the child reading it dies or runs out of memory at
    its limit, and the caller gets one line (PDFium aborts when an allocation fails)."""
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(flate_bomb(2 << 30))
    assert bomb.stat().st_size < 3 << 20
    with pytest.raises(GuardedFailure) as failed:
        inspect_guarded(bomb, bomb.read_bytes(), (None, None), Limits(memory_mb=512))
    reason = str(failed.value)
    assert reason.startswith(("out of memory (limit 512 MB", "worker process died (exit code"))
    assert "\n" not in reason


def test_inspect_stops_at_its_time_limit(tmp_path: Path) -> None:
    """inspect reads under the guards: a page pdfplumber needs minutes for stops at
    --timeout (it used to run in the command's own process, without any limit)."""
    slow = make_hanging_pdf(tmp_path / "slow.pdf")
    run = kmplan("inspect", str(slow), "--timeout", "2", timeout=300)
    one_line_error(run, f"{slow}: timed out after 2 s")


def test_a_hostile_folder_ends_one_line_a_file(tmp_path: Path, mini_pdf: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.pdf")
    variant(mini_pdf, folder / ESCAPED, 1)
    variant(mini_pdf, folder / NOT_UTF8, 2)
    sparse(folder / "giant.pdf", 6_000_000)
    db = tmp_path / "w.duckdb"
    run = kmplan("ingest", str(folder), "--db", str(db), "--max-bytes", "5M", "--workers", "1",
                 timeout=600)  # fmt: skip
    assert run.code == 1, run.err
    assert "Traceback" not in run.out + run.err
    assert sorted(run.err.splitlines()) == sorted(run.errors)  # nothing but error lines
    giant, bad_name = sorted(run.errors)
    assert giant.endswith("giant.pdf: file is 6.0 MB, over the 5.0 MB limit; raise --max-bytes "
                          "to read it")  # fmt: skip
    assert bad_name == (f"error: {folder}/tis620-\\xa1\\xd2\\xc3.pdf: "
                        f"{FailureReason.NAME_NOT_UTF8.say()}")  # fmt: skip
    assert f"skip:  {folder}/pipe.pdf: not a regular file (a FIFO), not read" in run.out
    with duckdb.connect(str(db), read_only=True) as conn:
        statuses = dict(conn.execute("SELECT path, status FROM ingest_run_files").fetchall())
    assert statuses == {
        str(folder / ESCAPED): "ingested",  # the name is recorded as it is
        f"{folder}/tis620-\\xa1\\xd2\\xc3.pdf": "failed",
        str(folder / "giant.pdf"): "failed",
    }


def test_a_folder_deeper_than_path_max_fails_instead_of_hiding_its_pdfs(tmp_path: Path) -> None:
    depth = 2100  # "d/" x 2100: the path passes PATH_MAX (4096) before the bottom
    base = deep_folders(tmp_path / "deep", depth)
    try:
        items = list(iter_inputs([base]))
    finally:
        _remove_deep(base)
    assert len(items) == 1
    (too_deep,) = items
    assert isinstance(too_deep, Rejected) and too_deep.fatal
    assert too_deep.reason == "cannot read file (file name too long)"
    assert str(too_deep.path).startswith(f"{base}/d/d/")


def _remove_deep(base: Path) -> None:
    """Remove folders nested past PATH_MAX one level at a time, through short paths only:
    pytest's own clean-up of old temporary folders recurses and would fail on them."""
    import shutil

    top = base / "d"
    while top.is_dir():
        inner = top / "d"
        if inner.is_dir():
            os.rename(inner, base / "next")
            shutil.rmtree(top)
            os.rename(base / "next", top)
        else:
            shutil.rmtree(top)
