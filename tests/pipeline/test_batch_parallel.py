"""Parallel ingest: any number of workers, or a Dask cluster, gives the same warehouse."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .batch_support import export_jsonl, make_variants, run_cli

VARIANTS = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "plans"
    make_variants(folder, VARIANTS)
    return folder


@pytest.fixture(scope="module")
def one_worker_export(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    db = tmp_path_factory.mktemp("w1") / "w.duckdb"
    code, out, err = run_cli("ingest", str(corpus), "--db", str(db), "--workers", "1")
    assert code == 0, err
    assert f"{VARIANTS} ingested, 0 already present, 0 failed; {VARIANTS * 7} new rows" in out
    return export_jsonl(db, db.with_suffix(".jsonl"))


def test_two_workers_give_the_same_export(
    corpus: Path, one_worker_export: bytes, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    code, out, err = run_cli("ingest", str(corpus), "--db", str(db), "--workers", "2")
    assert code == 0, err
    assert out.count("ok:    ") == VARIANTS
    assert export_jsonl(db, tmp_path / "rows.jsonl") == one_worker_export
    assert one_worker_export.count(b"\n") == VARIANTS * 7


def test_dask_local_cluster_gives_the_same_export(
    corpus: Path, one_worker_export: bytes, tmp_path: Path
) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        db = tmp_path / "w.duckdb"
        code, out, err = run_cli(
            "ingest", str(corpus), "--db", str(db),
            "--executor", "dask", "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
    assert code == 0, err
    assert f"{VARIANTS} ingested" in out
    assert export_jsonl(db, tmp_path / "rows.jsonl") == one_worker_export


def test_unreachable_dask_scheduler_is_one_line() -> None:
    pytest.importorskip("distributed")
    from extract import ExtractSettings
    from pipeline.dask_executor import DaskExecutor, ExecutorSetupError
    from pipeline.guards import Limits

    with pytest.raises(ExecutorSetupError) as caught:
        DaskExecutor("tcp://127.0.0.1:9", Limits(), ExtractSettings(), connect_timeout_s=1)
    message = str(caught.value)
    assert message.startswith("cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "\n" not in message


def test_second_writer_gets_busy(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert run_cli("ingest", str(corpus / "plan-01.pdf"), "--db", str(db))[0] == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ready', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        code, out, err = run_cli("--wait", "0", "ingest", str(corpus), "--db", str(db))
    finally:
        holder.kill()
        holder.wait()
    assert code == 1
    busy = f"error: warehouse {db} is busy: another process (PID {holder.pid}, python"
    assert err.startswith(busy), err
    assert err.endswith(") is writing it; try again when it has finished, or wait longer "
                        "with kmplan --wait SECONDS\n"), err  # fmt: skip
    assert "ok:" not in out
