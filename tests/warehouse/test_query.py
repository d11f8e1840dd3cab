from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from warehouse import (
    NoWarehouseError,
    QueryError,
    QueryResult,
    WarehouseBusyError,
    WarehouseError,
    load_document,
    open_warehouse,
    run_query,
)
from warehouse.query import stream_query

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .warehouse_data import snapshot, tak_2566
except ImportError:
    from test_warehouse_data import snapshot, tak_2566

VERSION = "0.1.0-test"


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    path = tmp_path / "km.duckdb"
    with open_warehouse(path) as conn:
        load_document(conn, tak_2566(), kmplan_version=VERSION)
    return path


def test_query_returns_columns_and_rows(warehouse: Path) -> None:
    result = run_query(warehouse, "SELECT plan_no, department FROM plans ORDER BY plan_no DESC")
    assert result == QueryResult(
        columns=("plan_no", "department"),
        rows=((2, "สำนักปลัด"), (1, "กองการเจ้าหน้าที่")),
    )


def test_query_max_rows_truncates(warehouse: Path) -> None:
    result = run_query(warehouse, "SELECT seq FROM activities ORDER BY ALL", max_rows=4)
    assert result.rows == ((1,), (1,), (2,), (2,))
    assert result.truncated
    assert not run_query(warehouse, "SELECT 1", max_rows=1).truncated


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM activities",
        "DROP TABLE warnings",
        "UPDATE documents SET organization = 'x'",
        "INSERT INTO warnings VALUES ('x', 9, 'c', 'm', NULL, NULL, NULL, NULL)",
    ],
)
def test_writes_fail_with_a_clear_error_and_change_nothing(warehouse: Path, sql: str) -> None:
    with open_warehouse(warehouse, read_only=True) as conn:
        before = snapshot(conn)
    with pytest.raises(QueryError, match="^queries cannot change the warehouse") as info:
        run_query(warehouse, sql)
    assert isinstance(info.value, WarehouseError)
    assert "\n" not in str(info.value)
    with open_warehouse(warehouse, read_only=True) as conn:
        assert snapshot(conn) == before


@pytest.mark.parametrize(
    "sql",
    [
        "COPY activities TO '{dir}/leak.csv'",
        "ATTACH '{dir}/other.duckdb' AS other",
        "SELECT * FROM read_csv('{dir}/km.duckdb')",
        "SET enable_external_access = true",
    ],
)
def test_queries_cannot_touch_other_files(warehouse: Path, sql: str) -> None:
    with pytest.raises(QueryError, match="^query failed: "):
        run_query(warehouse, sql.format(dir=warehouse.parent))
    assert sorted(p.name for p in warehouse.parent.iterdir()) == ["km.duckdb"]


def test_bad_sql_is_a_one_line_query_error(warehouse: Path) -> None:
    with pytest.raises(QueryError) as info:
        run_query(warehouse, "SELEC * FROM plans")
    assert str(info.value).startswith("query failed: Parser Error: syntax error")
    assert "\n" not in str(info.value)
    with pytest.raises(QueryError, match="nosuchtable"):
        run_query(warehouse, "SELECT * FROM nosuchtable")


def test_query_on_missing_warehouse(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "km.duckdb"
    with pytest.raises(NoWarehouseError) as info:
        run_query(missing, "SELECT 1")
    assert str(info.value) == f"no warehouse at {missing}; run kmplan ingest first"
    assert not missing.parent.exists()


def test_open_reader_on_missing_file_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "km.duckdb"
    with pytest.raises(NoWarehouseError, match="run kmplan ingest first"):
        open_warehouse(missing, read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_files_that_are_not_warehouses(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database " * 400)
    with pytest.raises(WarehouseError, match=f"^{garbage} is not a DuckDB file"):
        open_warehouse(garbage, read_only=True)
    foreign = tmp_path / "foreign.duckdb"
    duckdb.connect(str(foreign)).close()
    with pytest.raises(WarehouseError, match="not a kmplan warehouse"):
        open_warehouse(foreign, read_only=True)


def test_newer_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "km.duckdb"
    with open_warehouse(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, now()::TIMESTAMP)")
    for read_only in (False, True):
        with pytest.raises(WarehouseError, match="schema version 99, newer than"):
            open_warehouse(path, read_only=read_only)


@contextmanager
def held_by_another_process(path: Path) -> Iterator[None]:
    """`path` open for writing in another process until the block ends."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb\n"
            f"conn = duckdb.connect({str(path)!r})\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "ready\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_second_writer_process_gets_busy_error(warehouse: Path) -> None:
    """A library call does not wait (the command line does: tests/reliability/
    test_concurrency.py); the holder is a Python process, not kmplan, and says so."""
    with held_by_another_process(warehouse):
        with pytest.raises(WarehouseBusyError) as info:
            open_warehouse(warehouse)
        assert str(info.value).startswith(
            f"warehouse {warehouse} is busy: another process (PID "
        ), str(info.value)
        assert ") is writing it; try again when it has finished" in str(info.value)
        with pytest.raises(WarehouseBusyError, match="is busy"):
            open_warehouse(warehouse, read_only=True)
        with pytest.raises(WarehouseBusyError, match="is busy"):
            run_query(warehouse, "SELECT 1")
    # once the other process has exited, the warehouse opens again, data intact
    with open_warehouse(warehouse) as conn:
        assert conn.execute("SELECT count(*) FROM activities").fetchone() == (6,)


class _StopAfter:
    """A RowSink that fails like a closed pipe once it has `limit` rows."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.names: tuple[str, ...] = ()
        self.seen: list[tuple[object, ...]] = []

    def columns(self, names: tuple[str, ...]) -> None:
        self.names = names

    def rows(self, batch: Sequence[tuple[object, ...]]) -> None:
        self.seen.extend(batch)
        if len(self.seen) >= self.limit:
            raise BrokenPipeError(32, "Broken pipe")


def test_stream_query_hands_rows_in_batches(warehouse: Path) -> None:
    sink = _StopAfter(limit=10**9)
    outcome = stream_query(warehouse, "FROM range(2500) AS t(n)", sink, max_rows=2400)
    assert sink.names == ("n",)
    assert sink.seen == [(n,) for n in range(2400)]
    assert (outcome.rows, outcome.truncated) == (2400, True)


def test_a_failing_sink_stops_the_query_and_closes_the_warehouse(warehouse: Path) -> None:
    sink = _StopAfter(limit=1)
    with pytest.raises(BrokenPipeError):
        stream_query(warehouse, "FROM range(10000000000) AS t(n)", sink)
    assert sink.seen[0] == (0,)
    with open_warehouse(warehouse) as conn:  # the query's connection is gone: a writer opens
        assert conn.execute("SELECT count(*) FROM plans").fetchone() == (2,)


def test_several_statements_run_none(warehouse: Path) -> None:
    with pytest.raises(QueryError, match="^query failed: 3 statements given"):
        run_query(warehouse, "SELECT 1; SELECT 2; SELECT 3")
    assert run_query(warehouse, "SELECT 1 AS one;").rows == ((1,),)
