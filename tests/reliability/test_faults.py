"""Every command against every warehouse fault: one line naming the file and the reason,
exit 1, no traceback, and the file left byte-identical."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from pipeline import ingest as ingest_module

from ..pipeline.batch_support import make_variants
from .conftest import cli, digest, fill, one_line_error

TAK = "องค์การบริหารส่วนจังหวัดตาก"
DUCKDB_DATA = 3 * 4096  # the first data block: the catalog of a small warehouse


def corrupt(db: Path) -> Path:
    with db.open("r+b") as stream:
        stream.seek(DUCKDB_DATA + 100)
        stream.write(b"\xff" * 64)
    return db


def truncate(db: Path) -> Path:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    return db


def cut_at_a_block(db: Path) -> Path:
    """Cut where a block begins: the header cannot tell it from DuckDB dropping free
    blocks, so it is DuckDB's read of a missing block that finds the damage."""
    db.write_bytes(db.read_bytes()[:DUCKDB_DATA])
    return db


def foreign(db: Path) -> Path:
    db.unlink()
    with duckdb.connect(str(db)) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER, name VARCHAR)")
        conn.execute("INSERT INTO customers VALUES (1, 'Somchai')")
    return db


def newer(db: Path) -> Path:
    with duckdb.connect(str(db)) as conn:
        conn.execute("UPDATE kmplan_meta SET schema_version = 99")
        conn.execute("CREATE OR REPLACE VIEW document_summary AS SELECT 'from kmplan 99' AS x")
    return db


def sqlite_file(db: Path) -> Path:
    db.unlink()
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (a)")
    return db


def empty_file(db: Path) -> Path:
    db.write_bytes(b"")
    return db


FAULTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "corrupt": (corrupt, "is damaged"),
    "truncated": (truncate, "is truncated"),
    "cut-at-a-block": (cut_at_a_block, "is damaged"),
    "foreign": (foreign, "not a kmplan warehouse (it holds customers)"),
    "newer": (newer, "schema version 99, newer than"),
    "sqlite": (sqlite_file, "is a SQLite database"),
    "empty": (empty_file, "is an empty file"),
}


def commands(tmp_path: Path, mini_pdf: Path) -> list[tuple[str, ...]]:
    return [
        ("query", "SELECT count(*) FROM activities"),
        ("export", "-f", "csv", "--out", str(tmp_path / "rows.csv")),
        ("export", "-f", "parquet", "--out", str(tmp_path / "rows")),
        ("compare",),
        ("report", "--org", TAK, "--out", str(tmp_path / "r.html")),
        ("runs",),
        ("departments",),
        ("departments", "merge", "a", "b"),
        ("ingest", str(mini_pdf), "--workers", "1"),
        ("reprocess", "--workers", "1"),
        ("migrate",),
    ]


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_every_command_refuses_a_faulty_warehouse(
    fault: str, mini_db: Path, mini_pdf: Path, tmp_path: Path
) -> None:
    make, reason = FAULTS[fault]
    db = make(mini_db)
    before = digest(db)
    for args in commands(tmp_path, mini_pdf):
        run = cli(*args, "--db", str(db))
        one_line_error(run, str(db), reason)
        assert digest(db) == before, args
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb"]


def test_a_folder_or_fifo_is_not_a_warehouse(tmp_path: Path, mini_pdf: Path) -> None:
    import os

    folder = tmp_path / "folder.duckdb"
    folder.mkdir()
    fifo = tmp_path / "fifo.duckdb"
    os.mkfifo(fifo)
    for db, kind in ((folder, "is a folder"), (fifo, "is a FIFO")):
        for args in (("query", "SELECT 1"), ("ingest", str(mini_pdf))):
            one_line_error(cli(*args, "--db", str(db)), str(db), kind)
    assert list(folder.iterdir()) == []


def test_debug_shows_the_traceback_of_a_fault(mini_db: Path) -> None:
    run = cli("--debug", "query", "SELECT 1", "--db", str(truncate(mini_db)))
    assert run.code == 1
    assert "Traceback" in run.err and "DamagedWarehouseError" in run.err
    assert run.errors and "is truncated" in run.errors[-1]


def test_a_read_only_file_system(read_only_db: Path, tmp_path: Path, mini_pdf: Path) -> None:
    assert cli("query", "SELECT count(*) FROM activities", "--db", str(read_only_db)).code == 0
    before = digest(read_only_db)
    writers = (
        ("ingest", str(mini_pdf)),
        ("reprocess",),
        ("migrate",),
        ("departments", "merge", "a", "b"),
    )
    for args in writers:
        one_line_error(cli(*args, "--db", str(read_only_db)), str(read_only_db), "read-only")
    assert digest(read_only_db) == before
    # KMPLAN_DB in a folder that does not exist: readers say so, a writer cannot make it
    missing = read_only_db.parent / "no" / "such" / "w.duckdb"
    env = {"KMPLAN_DB": str(missing)}
    for args in (("query", "SELECT 1"), ("export", "-f", "csv"), ("compare",), ("runs",)):
        one_line_error(cli(*args, env=env), str(missing), "run kmplan ingest first")
    one_line_error(cli("ingest", str(mini_pdf), env=env), str(missing), "read-only")


def test_a_full_disk_when_the_warehouse_is_made(small_fs: Path, mini_pdf: Path) -> None:
    """No room for a new warehouse (about 2 MB): one line, and no file left behind (a
    half-made one would hold a WAL DuckDB 2.0 cannot replay offline)."""
    db = small_fs / "w.duckdb"
    one_line_error(cli("ingest", str(mini_pdf), "--db", str(db)), str(db), "no space left")
    assert list(small_fs.iterdir()) == []


def test_a_full_disk_mid_ingest(
    room_for_one_warehouse: Path,
    tmp_path: Path,
    mini_pdf: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills while documents load: one line, and what was loaded stays."""
    small_fs = room_for_one_warehouse
    files = make_variants(tmp_path / "batch", 3, mini_pdf)
    db = small_fs / "w.duckdb"
    loads = []
    real_load = ingest_module.load_document

    def load_then_fill(*args: object, **kwargs: object) -> object:
        if len(loads) == 1:
            fill(small_fs)
        loads.append(1)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_module, "load_document", load_then_fill)
    run = cli("ingest", *map(str, files), "--db", str(db), "--workers", "1")
    one_line_error(run, str(db), "no space left", "rerun")
    monkeypatch.undo()
    for ballast in small_fs.glob("ballast*"):
        ballast.unlink()
    rows = cli("query", "SELECT count(DISTINCT document_id) FROM activities", "--db", str(db))
    assert rows.code == 0, rows.err
    assert int(rows.out.splitlines()[2]) >= 1


def test_the_last_checkpoint_on_a_full_disk_is_reported(
    room_for_one_warehouse: Path, tmp_path: Path, mini_pdf: Path
) -> None:
    """DuckDB's checkpoint on close ignores a full disk; ingest must not say all is well.
    (Ingest closes the warehouse after each load, so the disk fills at the first document's
    checkpoint and the next write fails; before, every load went to the WAL of one
    connection and the final CHECKPOINT failed. Either way: one line, whole documents.)"""
    files = make_variants(tmp_path / "batch", 4, mini_pdf)
    db = room_for_one_warehouse / "w.duckdb"
    run = cli("ingest", *map(str, files), "--db", str(db), "--workers", "1")
    one_line_error(run, str(db), "no space left")
    # the loads were committed (to the WAL or the file): a reader sees whole documents
    sql = "SELECT count(*) || ' ' || (SELECT count(*) FROM activities) FROM documents"
    rows = cli("query", sql, "--db", str(db))
    assert rows.code == 0, rows.err
    documents, activities = map(int, rows.out.splitlines()[2].split())
    assert documents >= 1 and activities == 7 * documents


@pytest.mark.parametrize("sql", ["COMMIT", "ROLLBACK", "BEGIN; BEGIN", "CALL dbgen(sf=0.01)"])
def test_query_misuse_is_one_line(mini_db: Path, sql: str) -> None:
    one_line_error(cli("query", sql, "--db", str(mini_db)), "query failed")
