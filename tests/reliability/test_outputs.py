"""Outputs never destroy inputs: --out is checked before anything is written."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import duckdb
import pytest

from .conftest import Run, cli, digest, fill, kmplan, one_line_error

ORG = "องค์การบริหารส่วนจังหวัดตาก"


def _export(db: Path, out: str, fmt: str = "csv") -> Run:
    return cli("export", "-f", fmt, "--db", str(db), "--out", out)


def _report(db: Path, out: str) -> Run:
    return cli("report", "--organization", ORG, "--db", str(db), "--out", out)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet", "xlsx"])
def test_export_onto_the_warehouse_is_refused(mini_db: Path, fmt: str) -> None:
    before = digest(mini_db)
    one_line_error(_export(mini_db, str(mini_db), fmt), str(mini_db), "is the warehouse")
    assert digest(mini_db) == before


def test_report_onto_the_warehouse_is_refused(mini_db: Path) -> None:
    before = digest(mini_db)
    one_line_error(_report(mini_db, str(mini_db)), "is the warehouse")
    assert digest(mini_db) == before


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_the_warehouse_through_a_link_is_refused(mini_db: Path, link: str) -> None:
    alias = mini_db.parent / "alias.csv"
    if link == "symlink":
        alias.symlink_to(mini_db)
    else:
        os.link(mini_db, alias)
    before = digest(mini_db)
    one_line_error(_export(mini_db, str(alias)), "is the warehouse")
    assert digest(mini_db) == before


def test_a_symlink_out_is_written_through(mini_db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert _export(mini_db, str(link)).code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8-sig").startswith("document_id,")


def test_a_fifo_out_is_refused_and_kept(mini_db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    run = kmplan("export", "-f", "csv", "--db", str(mini_db), "--out", str(fifo), timeout=30)
    one_line_error(run, str(fifo), "FIFO")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_out_is_refused(mini_db: Path, tmp_path: Path) -> None:
    # A device node of the test's own, a twin of /dev/null: today's code replaced the
    # device with a regular file, which must never happen to the real one.
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    one_line_error(_export(mini_db, str(null)), str(null), "device")
    assert stat.S_ISCHR(null.lstat().st_mode)
    run = _export(mini_db, "-", "jsonl")  # standard output is how to skip the file
    assert run.code == 0
    assert len(run.out.splitlines()) == 7


@pytest.mark.parametrize("out", ["", ".", "folder"])
def test_empty_or_folder_out_is_refused(mini_db: Path, tmp_path: Path, out: str) -> None:
    (tmp_path / "folder").mkdir()
    os.chdir(tmp_path)
    one_line_error(_export(mini_db, out), "--out")
    one_line_error(_report(mini_db, out), "--out")


def test_parquet_reexport_keeps_what_it_did_not_write(mini_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows"
    assert _export(mini_db, str(out), "parquet").code == 0
    year = out / "fiscal_year=2566"
    mine = year / "my-notes.txt"
    mine.write_text("keep me")
    assert _export(mini_db, str(out), "parquet").code == 0
    assert mine.read_text() == "keep me"
    with duckdb.connect() as conn:  # not the module's shared connection: fetchone leaves
        rows = conn.execute(f"SELECT count(*) FROM read_parquet('{year}/*.parquet')").fetchone()
    assert rows == (7,)


def test_parquet_into_a_folder_it_did_not_make_is_refused(mini_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    (out / "fiscal_year=2566").mkdir(parents=True)
    precious = out / "fiscal_year=2566" / "data_0.parquet"
    precious.write_bytes(b"my own file")
    one_line_error(_export(mini_db, str(out), "parquet"), str(out), "kmplan did not make")
    assert precious.read_bytes() == b"my own file"


def test_a_crafted_marker_cannot_delete_outside(mini_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows"
    assert _export(mini_db, str(out), "parquet").code == 0
    victim = tmp_path / "victim.parquet"
    victim.write_bytes(b"precious")
    marker = out / ".kmplan-export.json"
    content = json.loads(marker.read_text())
    content["files"] = ["../victim.parquet", "fiscal_year=1/../../victim.parquet"]
    marker.write_text(json.dumps(content))
    _export(mini_db, str(out), "parquet")
    assert victim.read_bytes() == b"precious"


def test_out_on_a_read_only_fs(mini_db: Path, read_only_fs: Path) -> None:
    one_line_error(_export(mini_db, str(read_only_fs / "rows.csv")), "rows.csv", "read-only")
    one_line_error(_report(mini_db, str(read_only_fs / "r.html")), "r.html", "read-only")


# openpyxl leaves its half-written sheet generators to the garbage collector on a failed save.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_out_on_a_full_fs(mini_db: Path, small_fs: Path, fmt: str) -> None:
    fill(small_fs)
    out = small_fs / f"rows.{fmt}"
    one_line_error(_export(mini_db, str(out), fmt), str(out), "no space left")
    assert sorted(p.name for p in small_fs.iterdir()) == ["ballast", "ballast2"]
