"""Queries are bounded (time, rows) and stop on Ctrl-C; workers never outnumber the cores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from pipeline.guards import default_workers

from ..conftest import ROOT
from .conftest import cli, kmplan, one_line_error

ENDLESS = "SELECT count(*) FROM range(100000000000) AS a"


def test_a_long_query_stops_at_its_timeout(mini_db: Path) -> None:
    started = time.monotonic()
    run = kmplan("query", ENDLESS, "--db", str(mini_db), "--timeout", "1", timeout=60)
    one_line_error(run, "query stopped after 1 s", "--timeout")
    assert time.monotonic() - started < 30


def test_ctrl_c_stops_a_query(mini_db: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "query", ENDLESS, "--db", str(mini_db)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_open(child.pid, mini_db)  # past the imports: the query is starting
        time.sleep(1)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == 130, err
    assert err.strip() == "error: query interrupted"


def _wait_until_open(pid: int, path: Path, limit_s: float = 60) -> None:
    """Until process `pid` holds `path` open (Linux /proc), so a signal meets the query."""
    fds = Path(f"/proc/{pid}/fd")
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        try:
            if any(os.readlink(fd) == str(path) for fd in fds.iterdir()):
                return
        except OSError:
            pass  # a descriptor closed while being listed
        time.sleep(0.1)
    raise AssertionError(f"{path} was never opened by the query")


def test_rows_are_bounded_and_streamed(mini_db: Path) -> None:
    few = cli("query", "SELECT * FROM range(3000000000) AS t(n)", "--max-rows", "5",
              "--db", str(mini_db))  # fmt: skip
    assert few.code == 0, few.err
    assert few.out.splitlines()[-1] == "(5 rows, more not shown)"
    default = cli("query", "SELECT * FROM range(5000) AS t(n)", "--db", str(mini_db))
    assert default.out.splitlines()[-1] == "(1000 rows, more not shown)"
    every = cli("query", "SELECT * FROM range(5000) AS t(n)", "--max-rows", "0",
                "--db", str(mini_db))  # fmt: skip
    assert every.out.splitlines()[-1] == "(5000 rows)"


def test_workers_never_outnumber_the_cores(tmp_path: Path, mini_pdf: Path) -> None:
    db = tmp_path / "w.duckdb"
    asked = default_workers() + 1
    run = cli("ingest", str(mini_pdf), "--db", str(db), "--workers", str(asked))
    assert run.code == 0, run.err
    with duckdb.connect(str(db), read_only=True) as conn:
        assert conn.execute("SELECT workers FROM ingest_runs").fetchall() == [(default_workers(),)]
