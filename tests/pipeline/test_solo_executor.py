"""A run smaller than the pool (one file, say) goes to one worker process started at once
(pipeline/solo.py), under the pool's guards: the time limit, a worker that dies, a bug
in the work; each a one-line failure of that file, nothing of it loaded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.settings import ExtractSettings
from pipeline import solo_start
from pipeline.guards import Limits
from pipeline.ingest import IngestOptions, make_executor
from pipeline.jobs import Job, WorkDone, WorkFailed, WorkResult
from pipeline.solo import SoloExecutor
from pipeline.workers import LocalExecutor

from .batch_support import export_jsonl, make_hanging_pdf, make_mini, run_cli


def _run_one(executor: SoloExecutor, path: Path, wait_s: float = 120) -> WorkResult:
    executor.submit(Job(file_no=1, path=path, sha256="x", data=path.read_bytes()))
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        done = executor.completed(0.5)
        if done:
            [(_, result)] = done
            return result
    raise AssertionError("no result")


def test_a_small_run_gets_the_solo_worker_and_a_batch_the_pool() -> None:
    options = IngestOptions(workers=2)
    settings = ExtractSettings()
    solo = make_executor(options, settings, files=1)
    try:
        assert isinstance(solo, SoloExecutor)
    finally:
        solo.close()
    pool = make_executor(options, settings, files=2)
    try:
        assert isinstance(pool, LocalExecutor) or options.worker_count() < 2
    finally:
        pool.close()


def test_one_file_reads_alike_through_the_solo_worker_and_the_pool(tmp_path: Path) -> None:
    mini = make_mini(tmp_path / "mini.pdf")
    solo_db, pool_db = tmp_path / "solo.duckdb", tmp_path / "pool.duckdb"
    code, out, err = run_cli("ingest", str(mini), "--db", str(solo_db))
    assert code == 0, err
    assert f"ok:    {mini}: 1 plan, 7 rows" in out
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "mini.pdf").write_bytes(mini.read_bytes())
    (folder / "other.pdf").write_bytes(mini.read_bytes() + b"%other bytes\n")
    code, _, err = run_cli("ingest", str(folder), "--db", str(pool_db), "--workers", "2")
    assert code == 0, err
    solo_rows = export_jsonl(solo_db, tmp_path / "solo.jsonl").splitlines()
    pool_rows = export_jsonl(pool_db, tmp_path / "pool.jsonl").splitlines()
    assert len(solo_rows) == 7
    assert solo_rows == [row for row in pool_rows if b'"source_file": "mini.pdf"' in row]


def test_one_hanging_file_stops_at_the_time_limit(tmp_path: Path) -> None:
    hanging = make_hanging_pdf(tmp_path / "endless.pdf")
    db = tmp_path / "w.duckdb"
    start = time.monotonic()
    code, out, err = run_cli("ingest", str(hanging), "--db", str(db), "--timeout", "5")
    assert time.monotonic() - start < 60  # the file alone takes minutes
    assert code == 1
    assert err.splitlines() == [f"error: {hanging}: timed out after 5 s"]
    assert "0 ingested, 0 already present, 1 failed; 0 new rows" in out


def test_a_worker_that_dies_fails_its_file_and_the_next_gets_a_new_one(tmp_path: Path) -> None:
    hanging = make_hanging_pdf(tmp_path / "endless.pdf")
    mini = make_mini(tmp_path / "mini.pdf")
    executor = SoloExecutor(Limits(timeout_s=None), ExtractSettings())
    try:
        executor.submit(Job(file_no=1, path=hanging, sha256="x", data=hanging.read_bytes()))
        assert executor.completed(0.5) == []
        child = executor._child
        assert child is not None
        os.kill(child.process.pid, signal.SIGKILL)  # as the system's OOM killer would
        [(_, died)] = executor.completed(30)
        assert died == WorkFailed(
            reason="worker process died (exit code -9) while reading this file", kind="crashed"
        )
        assert isinstance(_run_one(executor, mini), WorkDone)
    finally:
        executor.close()


def test_a_file_that_is_no_pdf_is_rejected_by_the_solo_worker(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.7\nnot really\n")
    executor = SoloExecutor(Limits(), ExtractSettings())
    try:
        result = _run_one(executor, junk)
    finally:
        executor.close()
    assert isinstance(result, WorkFailed) and result.kind == "rejected"
    assert "\n" not in result.reason


def test_the_worker_started_early_is_taken_or_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kmplan ingest` of one file starts the worker before it opens the warehouse; the run
    takes that worker (which then ends when the run closes it), and a rerun that needs no
    worker stops it."""
    started: list[solo_start.Child] = []

    class Recorded(solo_start.Child):
        def __init__(self, memory_mb: int | None) -> None:
            super().__init__(memory_mb)
            started.append(self)

    mini = make_mini(tmp_path / "mini.pdf")
    db = tmp_path / "w.duckdb"
    with monkeypatch.context() as patch:
        patch.setattr(solo_start, "Child", Recorded)
        assert run_cli("ingest", str(mini), "--db", str(db))[0] == 0
        assert run_cli("ingest", str(mini), "--db", str(db))[0] == 0
    [first, second] = started
    assert first.process.returncode == 0  # taken, closed when the run ended
    assert second.process.returncode == -signal.SIGKILL  # nothing to read: stopped


def test_a_folder_named_like_a_kmplan_package_where_it_runs_stands_in_for_nothing(
    tmp_path: Path,
) -> None:
    """Workers import kmplan, not a pipeline/ folder of the directory kmplan runs in: the
    pool's fork server and the solo worker alike."""
    kmplan = Path(sys.executable).parent / "kmplan"
    if not kmplan.is_file():
        pytest.skip("the kmplan console script is not installed beside this Python")
    here = tmp_path / "project"
    (here / "pipeline").mkdir(parents=True)
    (here / "pipeline" / "__init__.py").write_text("raise SystemExit('not kmplan')\n")
    mini = make_mini(tmp_path / "mini.pdf")
    other = tmp_path / "other.pdf"
    other.write_bytes(mini.read_bytes() + b"%other bytes\n")
    for files, db in (([mini], "solo.duckdb"), ([mini, other], "pool.duckdb")):
        done = subprocess.run(
            [str(kmplan), "ingest", *map(str, files), "--db", str(tmp_path / db), "-w", "2"],
            cwd=here,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert f"{len(files)} ingested" in done.stdout
