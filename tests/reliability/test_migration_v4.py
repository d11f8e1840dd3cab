"""A warehouse of schema version 3 is migrated to version 4 and keeps every row.

The version-3 warehouse is built with version 3's schema (data/v3-schema.sql, frozen from
commit 1b94e4b) and filled with the rows of the version-1 fixture (four documents, a
user's department merge, an ingest run).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from normalize.fingerprint import parser_fingerprint
from pipeline import __version__
from warehouse import SCHEMA_VERSION, open_warehouse
from warehouse.reprocess import is_older, stored_documents

from .conftest import cli
from .test_migration import V1_TABLES, build_v1

V3_SCHEMA = Path(__file__).parent / "data" / "v3-schema.sql"
V3_TABLES = (*V1_TABLES, "kmplan_meta")
Snapshot = dict[str, list[tuple[object, ...]]]


def build_v3(folder: Path) -> Path:
    v1 = build_v1(folder)
    db = folder / "v3.duckdb"
    now = datetime(2026, 11, 30, 12, 0, 0)
    with duckdb.connect(str(db)) as conn:
        conn.execute(V3_SCHEMA.read_text(encoding="utf-8"))
        conn.execute(f"ATTACH '{v1}' AS v1 (READ_ONLY)")
        for table in V1_TABLES:
            conn.execute(f"INSERT INTO main.{table} BY NAME SELECT * FROM v1.{table}")
        conn.execute("INSERT INTO schema_version VALUES (2, ?), (3, ?)", [now, now])
        conn.execute("INSERT INTO kmplan_meta VALUES ('kmplan.warehouse', 3, ?, ?)", [now, now])
    return db


def columns(db: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal "
            "AND schema_name = 'main' ORDER BY table_name, column_index"
        ).fetchall()
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(str(table), []).append(str(column))
    return found


def snapshot(db: Path, shape: dict[str, list[str]]) -> Snapshot:
    """Every row of every version-3 table, in version 3's columns, sorted."""
    with duckdb.connect(str(db), read_only=True) as conn:
        return {
            table: conn.execute(
                f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in shape[table])} "
                f"FROM {table} ORDER BY ALL"
            ).fetchall()
            for table in V3_TABLES
        }


def test_v3_migrates_to_v4_with_every_row(tmp_path: Path) -> None:
    v3 = build_v3(tmp_path)
    shape = columns(v3)
    before = snapshot(v3, shape)
    assert all(
        before[table] for table in ("documents", "plans", "activities", "department_aliases")
    )
    run = cli("migrate", "--db", str(v3))
    assert run.code == 0, run.err
    assert f"migrated from schema version 3 to {SCHEMA_VERSION}" in run.out
    after = snapshot(v3, shape)
    meta_before, meta_after = before.pop("kmplan_meta"), after.pop("kmplan_meta")
    assert [row[:1] for row in meta_after] == [row[:1] for row in meta_before]
    assert after.pop("schema_version") == [*before.pop("schema_version"), *after_v3(v3)]
    assert after == before
    with duckdb.connect(str(v3), read_only=True) as conn:
        new = conn.execute(
            "SELECT count(*), count(parser_fingerprint), count(source_path) FROM documents"
        ).fetchone()
        commands = conn.execute("SELECT DISTINCT command FROM ingest_runs").fetchall()
        reprocessed = conn.execute("SELECT count(*) FROM reprocess_run_files").fetchone()
        foreign = conn.execute(
            "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type = 'FOREIGN KEY'"
        ).fetchone()
        users = conn.execute("SELECT count(*) FROM department_aliases WHERE source = 'user'")
        assert users.fetchone() == (1,)  # the user's merge survives
        meta = conn.execute("SELECT schema_version FROM kmplan_meta").fetchall()
    assert new == (4, 0, 0)  # fingerprint and path unknown: "older"
    assert commands == [("ingest",)]
    assert reprocessed == (0,)
    assert foreign == (0,)
    assert meta == [(SCHEMA_VERSION,)]


def after_v3(db: Path) -> list[tuple[object, ...]]:
    """The schema_version rows of the steps after version 3 (4 up to SCHEMA_VERSION)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute("SELECT * FROM schema_version WHERE version > 3 ORDER BY ALL")
        found = [tuple(row) for row in rows.fetchall()]
    assert [row[0] for row in found] == list(range(4, SCHEMA_VERSION + 1))
    return found


def test_a_migrated_warehouse_takes_a_plan_of_no_department(tmp_path: Path) -> None:
    """Version 5: NULL where neither the plan nor the document names a unit; never ''."""
    v3 = build_v3(tmp_path)
    open_warehouse(v3).close()
    with duckdb.connect(str(v3)) as conn:
        (document_id,) = conn.execute("SELECT min(document_id) FROM documents").fetchone() or ()
        insert = "INSERT INTO plans BY NAME SELECT * REPLACE (? AS department, 99 AS plan_no) "
        insert += "FROM plans WHERE document_id = ? LIMIT 1"
        conn.execute(insert, [None, document_id])
        try:
            conn.execute(insert.replace("99 AS", "98 AS"), ["", document_id])
        except duckdb.ConstraintException:
            pass
        else:
            raise AssertionError("an empty department was stored")


def test_documents_of_a_migrated_warehouse_are_older(tmp_path: Path) -> None:
    v3 = build_v3(tmp_path)
    conn = open_warehouse(v3)  # a writer migrates on its own
    try:
        documents = stored_documents(conn)
    finally:
        conn.close()
    assert len(documents) == 4
    assert all(is_older(d, __version__, parser_fingerprint()) for d in documents)
    assert {d.source_path for d in documents} == {None}
    # the paths the v1 fixture's ingest run saw, as typed then
    assert "samples/sci-faculty-km-plan-2566.pdf" in {d.run_path for d in documents}


def test_a_migrated_v3_warehouse_has_a_fresh_ones_shape(tmp_path: Path) -> None:
    v3 = build_v3(tmp_path)
    fresh = tmp_path / "fresh.duckdb"
    open_warehouse(fresh).close()
    open_warehouse(v3).close()
    assert columns(v3) == columns(fresh)
    with duckdb.connect(str(v3), read_only=True) as a, duckdb.connect(str(fresh)) as b:
        query = (
            "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
            "ORDER BY ALL"
        )
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
