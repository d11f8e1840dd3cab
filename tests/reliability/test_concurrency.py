"""Readers and writers of one warehouse in different processes (issue 15: "readers are locked
out for a whole ingest"; "the busy message says 'writing' when the other process only reads").

An ingest holds the write lock only while it loads; a command that finds the file locked
waits (kmplan --wait, default 30 s for readers) saying once who holds it, and after the
wait fails with one line that says whether the holder writes or reads. The ingests here are
real `kmplan ingest` runs; where a test must catch one inside a load or between two loads,
a script named kmplan (as the installed console script is) runs the same command line with
a pause at that point, and the test synchronizes on files it touches, not on sleeps.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from ..conftest import ROOT
from ..pipeline.batch_support import export_jsonl, make_variants
from .conftest import Run, cli, kmplan, one_line_error

# A stand-in for the console script .venv/bin/kmplan: the same app, with a pause where
# $PAUSE_AT says, until the file $SIGNALS/release exists (written by the test).
_PAUSING_KMPLAN = """\
import os, sys, time
from pathlib import Path
import pipeline.commands.ingest as command
import pipeline.ingest as ingest_module
from pipeline.cli import app

signals = Path(os.environ["SIGNALS"])
where = os.environ["PAUSE_AT"]
loads, printed_ok = [], []

def pause(name):
    (signals / name).touch()
    deadline = time.monotonic() + 120
    while not (signals / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.02)

real_load, real_print = ingest_module.load_document, command._print_outcome

def load(*args, **kwargs):  # inside the write session of the document
    loads.append(1)
    if where == "load" and len(loads) == 2:
        pause("paused")
    return real_load(*args, **kwargs)

def printed(outcome):  # after the session of the document closed
    real_print(outcome)
    if where == "between" and outcome.status == "ingested":
        printed_ok.append(1)
        if len(printed_ok) == 1:
            pause("paused")

if __name__ == "__main__":  # the worker pool's processes import this file too
    ingest_module.load_document, command._print_outcome = load, printed
    app(prog_name="kmplan")
"""


def _wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    """Until `path` exists (the process touched it) or the process has ended."""
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.02)


@contextmanager
def paused_ingest(
    tmp_path: Path, files: list[Path], db: Path, at: str
) -> Iterator[tuple[Path, int]]:
    """`kmplan ingest FILES --db DB` in another process, paused (at "load": inside the
    second document's load; at "between": after the first document's session closed)
    until the folder yielded (with the process's PID) holds `release`. Its outcome is
    checked at the end."""
    signals = tmp_path / f"signals-{at}"
    signals.mkdir()
    script = tmp_path / "bin" / "kmplan"
    script.parent.mkdir(exist_ok=True)
    script.write_text(_PAUSING_KMPLAN)
    args = ["ingest", *map(str, files), "--db", str(db), "--workers", "1"]
    process = subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SIGNALS": str(signals), "PAUSE_AT": at},
    )
    try:
        _wait_for(signals / "paused", process)
        yield signals, process.pid
        (signals / "release").touch()
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, (out, err)
        assert out.count("ok:") == len(files), out
    finally:
        (signals / "release").touch()
        if process.poll() is None:
            process.kill()
            process.wait()


def _count(run: Run) -> int:
    assert run.code == 0, run.err
    return int(run.out.splitlines()[2])


COUNT = "SELECT count(*) FROM documents"


@pytest.fixture
def batch(tmp_path: Path, mini_pdf: Path) -> list[Path]:
    return make_variants(tmp_path / "batch", 3, mini_pdf)


def test_a_reader_gets_in_between_two_loads(tmp_path: Path, batch: list[Path]) -> None:
    """Between two documents the file is free: a reader that does not wait at all reads
    what is loaded so far (before, ingest held the file for the whole batch)."""
    db = tmp_path / "w.duckdb"
    with paused_ingest(tmp_path, batch, db, at="between"):
        run = kmplan("--wait", "0", "query", COUNT, "--db", str(db))
        assert _count(run) == 1
        assert run.err == ""


def test_a_reader_waits_for_a_load_then_reads(tmp_path: Path, batch: list[Path]) -> None:
    """During a load the reader waits, says so once naming the writer, and reads when the
    load's session ends; a reader whose --wait runs out first fails in one line that says
    the holder is kmplan's ingest, writing."""
    db = tmp_path / "w.duckdb"
    with paused_ingest(tmp_path, batch, db, at="load") as (signals, script_pid):
        short = kmplan("--wait", "0.5", "query", COUNT, "--db", str(db))
        who = f"another kmplan process (PID {script_pid}, kmplan ingest)"
        line = one_line_error(short, f"warehouse {db} is busy: {who} is writing it")
        assert line.endswith("(waited 0.5 s); try again when it has finished, or wait longer "
                             "with kmplan --wait SECONDS"), line  # fmt: skip
        reader = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "query", COUNT, "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert reader.stderr is not None
        said = reader.stderr.readline()  # the reader is waiting now
        assert said == f"kmplan: {db} is being written by {who}; waiting up to 30 s…\n"
        (signals / "release").touch()
        out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0 and err == "", err
    assert int(out.splitlines()[2]) >= 2  # it read after the second document's load


@contextmanager
def long_query(db: Path) -> Iterator[subprocess.Popen[str]]:
    """`kmplan query` of a long cross join, holding the read lock until interrupted."""
    sql = "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b"
    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "query", sql, "--timeout", "300", "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        _until_read_locked(db, process)
        yield process
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: the query stops, the lock is freed
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _until_read_locked(db: Path, process: subprocess.Popen[str]) -> None:
    """Until a writer's open of `db` fails because `process` reads it."""
    deadline = time.monotonic() + 120
    while True:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the query never held the warehouse"
        try:
            duckdb.connect(str(db)).close()
        except duckdb.IOException as exc:
            assert "read-only mode" in str(exc), exc
            return
        time.sleep(0.05)


def test_a_writer_names_a_reader_as_reading(mini_db: Path, mini_pdf: Path) -> None:
    """A writer locked out by a reader says so (before, the message said 'writing'), and
    one that waits long enough writes once the reader has finished."""
    with long_query(mini_db) as query:
        who = f"another kmplan process (PID {query.pid}, kmplan query)"
        run = cli("--wait", "0", "departments", "merge", "x", "y", "--db", str(mini_db))
        line = one_line_error(run, f"warehouse {mini_db} is busy: {who} is reading it; try")
        assert "(waited" not in line
        writer = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "--wait", "120", "ingest", str(mini_pdf),
             "--db", str(mini_db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        )  # fmt: skip
        assert writer.stderr is not None
        said = writer.stderr.readline()
        assert said == f"kmplan: {mini_db} is being read by {who}; waiting up to 120 s…\n"
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0 and err == "", err
    assert "already in the warehouse" in out


def test_rows_are_the_same_with_readers_during_the_ingest(tmp_path: Path, mini_pdf: Path) -> None:
    """Readers that run while an ingest runs all succeed, each seeing whole documents
    only, and the ingest's rows and run records are those of a run without readers."""
    files = make_variants(tmp_path / "batch", 4, mini_pdf)
    alone, shared = tmp_path / "alone.duckdb", tmp_path / "shared.duckdb"
    for db in (alone, shared):  # a warehouse for the readers to open from the start
        assert cli("ingest", str(files[0]), "--db", str(db), "--workers", "1").code == 0
    assert cli("ingest", *map(str, files[1:]), "--db", str(alone), "--workers", "1").code == 0
    ingest = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "ingest", *map(str, files[1:]), "--db", str(shared),
         "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    seen = []
    while ingest.poll() is None:
        rows = kmplan("query", "SELECT count(*) FROM activities", "--db", str(shared))
        seen.append(_count(rows))
    out, err = ingest.communicate()
    assert ingest.returncode == 0, err
    assert seen and all(count % 7 == 0 for count in seen), seen  # 7 rows a document
    assert seen == sorted(seen)
    assert export_jsonl(shared, tmp_path / "s.jsonl") == export_jsonl(alone, tmp_path / "a.jsonl")
    runs = "SELECT status, count(*) FROM ingest_run_files GROUP BY ALL ORDER BY ALL"
    assert (
        kmplan("query", runs, "--db", str(shared)).out
        == kmplan("query", runs, "--db", str(alone)).out
    )


def test_the_holder_is_told_from_what_is_reported_only() -> None:
    """No PID (F_GETLK said nothing, or another PID namespace): "another process", no
    guess; the side comes from DuckDB's hint alone; a kmplan command line is recognized
    past the global options."""
    from warehouse.locking import holder_of, kmplan_command

    head = 'IO Error: Could not set lock on file "w.duckdb": Conflicting lock is held in '
    unknown = duckdb.IOException(head + "/usr/bin/python3 (PID 0). See also https://x")
    assert holder_of(unknown, read_only=True).who == "another process"
    readers = duckdb.IOException(
        head + "/usr/bin/python3 (PID 0). However, you would be able to open this database "
        "in read-only mode, e.g. by using the -readonly parameter in the CLI."
    )
    assert holder_of(readers, read_only=False).side == "reading"
    assert holder_of(readers, read_only=True).side == "writing"  # a reader meets writers only
    code = "import sys; print('ready', flush=True); sys.stdin.read()"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "/opt/x/kmplan", "--wait", "5", "--debug", "migrate",
         "--db", "w.duckdb"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:  # (its command line is readable once it runs: Popen returns a little before)
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        assert kmplan_command(process.pid) == "kmplan migrate"
    finally:
        process.communicate("")
    assert kmplan_command(os.getpid()) is None  # pytest
