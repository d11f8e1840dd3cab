"""Resumable runs: every outcome is recorded; a kill loses only the documents in flight."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from ..conftest import ROOT
from .batch_support import make_mini, make_variants, run_cli, variant

COUNTS = (
    "SELECT count(*), min(plans), max(plans), min(activities), max(activities) "
    "FROM document_summary"
)


def _counts(db: Path) -> tuple[int, ...]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        row = conn.execute(COUNTS).fetchone()
    finally:
        conn.close()
    assert row is not None
    return tuple(row)


def test_kill_midway_leaves_whole_documents_and_rerun_completes(tmp_path: Path) -> None:
    files = make_variants(tmp_path / "plans", 4)
    clean_db = tmp_path / "clean.duckdb"
    assert run_cli("ingest", str(files[0]), "--db", str(clean_db))[0] == 0
    _, plans, _, activities, _ = _counts(clean_db)  # what one whole document holds

    db = tmp_path / "w.duckdb"
    command = [sys.executable, "-m", "pipeline", "ingest", str(tmp_path / "plans"), "--db", str(db)]
    proc = subprocess.Popen(
        [*command, "--workers", "1"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()  # printed after the document's transaction committed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert first.startswith("ok:"), first

    docs, min_plans, max_plans, min_acts, max_acts = _counts(db)
    assert 1 <= docs < 4
    assert (min_plans, max_plans, min_acts, max_acts) == (plans, plans, activities, activities)

    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"{4 - docs} ingested, {docs} already present, 0 failed" in done.stdout
    assert _counts(db) == (4, plans, plans, activities, activities)
    code, out, _ = run_cli("runs", "--db", str(db))
    assert code == 0
    assert "running" in out and "finished" in out  # the killed run never finished


def test_failed_file_is_recorded_and_retried(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    mini = make_mini(tmp_path / "mini.pdf")
    variant(mini, folder / "a.pdf", 1)
    bad = folder / "b.pdf"
    bad.write_text("<html>not found</html>", encoding="utf-8")
    db = tmp_path / "w.duckdb"

    code, out, _ = run_cli("ingest", str(folder), "--db", str(db))
    assert code == 1 and "1 ingested, 0 already present, 1 failed" in out
    code, out, _ = run_cli("runs", "--db", str(db))
    assert code == 0
    assert f"{bad}  not a PDF (no %PDF- header)" in out
    first_run = out.splitlines()[2].split()[0]

    variant(mini, bad, 2)  # the download is repaired
    time.sleep(0.01)
    code, out, _ = run_cli("ingest", str(folder), "--db", str(db))
    assert code == 0
    assert "1 ingested, 1 already present, 0 failed" in out

    code, out, _ = run_cli("runs", "--db", str(db))
    assert "failed files of" in out and "(none)" in out
    code, out, _ = run_cli("runs", "--db", str(db), "--run", first_run)
    assert "not a PDF" in out
    code, out, _ = run_cli(
        "query", "select run_id, path, status from ingest_run_files where path like '%b.pdf' "
        "order by finished_at", "--db", str(db),
    )  # fmt: skip
    statuses = [line.split()[-1] for line in out.splitlines()[2:4]]
    assert statuses == ["failed", "ingested"]


def test_runs_on_a_missing_warehouse(tmp_path: Path) -> None:
    code, _, err = run_cli("runs", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and err.startswith("error: no warehouse at")
