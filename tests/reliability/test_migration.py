"""A warehouse of the previous release (schema version 1) is migrated, and keeps every row.

The fixture (data/v1-warehouse, see its README) was written by kmplan at commit 2feb636.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from warehouse import ROW_FIELDS, SCHEMA_VERSION, open_warehouse
from warehouse.export import ORDER_BY

from .conftest import cli, digest, fill, one_line_error

FIXTURE = Path(__file__).parent / "data" / "v1-warehouse"
V1_TABLES = (
    "schema_version", "documents", "plans", "activities", "warnings", "repairs",
    "ingest_runs", "ingest_run_files", "organization_aliases", "department_aliases",
)  # fmt: skip
TAK = "องค์การบริหารส่วนจังหวัดตาก"


def build_v1(folder: Path, without: tuple[str, ...] = ()) -> Path:
    """The fixture imported into a DuckDB file, as kmplan 2feb636 left it; `without`:
    columns (table.column, added by ALTER TABLE in version 1) it did not have yet."""
    dump = folder / "dump"
    shutil.copytree(FIXTURE, dump)
    load = dump / "load.sql"
    load.write_text(load.read_text(encoding="utf-8").replace("@DIR@", str(dump)), "utf-8")
    full = folder / ("full.duckdb" if without else "v1.duckdb")
    with duckdb.connect(str(full)) as conn:
        conn.execute(f"IMPORT DATABASE '{dump}'")
    if not without:
        return full
    return _early(folder / "v1.duckdb", full, dump / "schema.sql", without)


def _early(db: Path, full: Path, schema: Path, without: tuple[str, ...]) -> Path:
    """A copy of `full` made with version 1's schema minus the columns `without`."""
    ddl = schema.read_text(encoding="utf-8").split("-- kmplan warehouse views")[0]  # tables
    for name in without:
        column = name.split(".")[1]
        ddl = re.sub(rf", {column} VARCHAR( DEFAULT\('plan'\))?(?=[,)])", "", ddl, count=1)
    with duckdb.connect(str(db)) as conn:
        conn.execute(ddl)
        conn.execute(f"ATTACH '{full}' AS v1full (READ_ONLY)")
        for table in V1_TABLES:
            kept = [
                c
                for c in _v1_columns(table).split(", ")
                if f"{table}.{c.strip(chr(34))}" not in without
            ]
            names = ", ".join(kept)
            conn.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM v1full.{table}")
    return db


@pytest.fixture
def v1_db(tmp_path: Path) -> Path:
    return build_v1(tmp_path)


def snapshot(db: Path, tables: tuple[str, ...] = V1_TABLES) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every version-1 table, in version 1's columns, sorted."""
    with duckdb.connect(str(db), read_only=True) as conn:
        result = {}
        for table in tables:
            columns = _v1_columns(table)
            rows = conn.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
            result[table] = rows
        return result


def _v1_columns(table: str) -> str:
    header = (FIXTURE / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
    return ", ".join(f'"{name}"' for name in header.split(","))


def old_export(db: Path) -> list[dict[str, object]]:
    """The rows the version-1 views give (the export contract's fields)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        cursor = conn.execute(
            f"SELECT {', '.join(ROW_FIELDS)} FROM activity_rows ORDER BY {ORDER_BY}"
        )
        rows = cursor.fetchall()
    records = [
        json.loads(json.dumps(dict(zip(ROW_FIELDS, r, strict=True)), default=str)) for r in rows
    ]
    for record in records:  # stored as JSON text, exported as the object it is
        if record["extra_columns"] is not None:
            record["extra_columns"] = json.loads(record["extra_columns"])
    return records


def test_readers_refuse_a_v1_warehouse_untouched(v1_db: Path, tmp_path: Path) -> None:
    before = digest(v1_db)
    out = str(tmp_path / "rows.csv")
    for args in (
        ("export", "-f", "csv", "--out", out, "--org", TAK),
        ("compare",),
        ("report", "--org", TAK, "--out", str(tmp_path / "r.html")),
        ("departments",),
        ("query", "select 1"),
    ):
        one_line_error(cli(*args, "--db", str(v1_db)), "schema version 1", "kmplan migrate")
    assert digest(v1_db) == before
    assert not Path(f"{v1_db}.wal").exists()


def test_migration_keeps_every_row(v1_db: Path) -> None:
    before = snapshot(v1_db)
    rows_before = old_export(v1_db)
    run = cli("migrate", "--db", str(v1_db))
    assert run.code == 0, run.err
    assert f"migrated from schema version 1 to {SCHEMA_VERSION}" in run.out
    after = snapshot(v1_db)
    assert after.pop("schema_version")[:1] == before.pop("schema_version")
    assert after == before
    export = cli("export", "-f", "jsonl", "--db", str(v1_db))
    assert export.code == 0, export.err
    assert [json.loads(line) for line in export.out.splitlines()] == rows_before
    with duckdb.connect(str(v1_db), read_only=True) as conn:
        meta = conn.execute("SELECT application_id, schema_version FROM kmplan_meta").fetchall()
        versions = conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        users = conn.execute("SELECT count(*) FROM department_aliases WHERE source = 'user'")
        assert users.fetchone() == (1,)  # a user's merge survives
    assert meta == [("kmplan.warehouse", SCHEMA_VERSION)]
    assert versions == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
    assert cli("migrate", "--db", str(v1_db)).out.endswith("nothing to do\n")


def _shape(db: Path) -> dict[str, object]:
    with duckdb.connect(str(db), read_only=True) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, column_default, is_nullable "
            "FROM duckdb_columns() WHERE NOT internal ORDER BY ALL"
        ).fetchall()
        constraints = conn.execute(
            "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
            "ORDER BY ALL"
        ).fetchall()
        views = conn.execute(
            "SELECT view_name, sql FROM duckdb_views() WHERE NOT internal ORDER BY ALL"
        ).fetchall()
    return {"columns": columns, "constraints": constraints, "views": views}


def test_a_migrated_warehouse_has_a_fresh_ones_shape(v1_db: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.duckdb"
    open_warehouse(fresh).close()
    open_warehouse(v1_db).close()  # a writer migrates on its own
    migrated, new = _shape(v1_db), _shape(fresh)
    # Version 1 added columns by ALTER TABLE, which DuckDB cannot give CHECK constraints;
    # a fresh warehouse's CREATE TABLE has them (the loader checks these fields anyway).
    assert migrated["columns"] == new["columns"]
    assert ("kmplan_meta", "application_id") in {c[:2] for c in migrated["columns"]}  # type: ignore[attr-defined]
    assert migrated["views"] == new["views"]
    assert set(migrated["constraints"]) <= set(new["constraints"])  # type: ignore[arg-type]


def test_an_early_v1_warehouse_gets_columns_and_keys(tmp_path: Path) -> None:
    """Version 1 before the contract-v2 columns, and loaded before keys existed."""
    v1_db = build_v1(tmp_path, ("documents.document_kind", "activities.result_text",
                                "activities.status"))  # fmt: skip
    with duckdb.connect(str(v1_db)) as conn:
        assert "document_kind" not in str(conn.execute("DESCRIBE documents").fetchall())
        conn.execute("DELETE FROM department_aliases")
        conn.execute("DELETE FROM organization_aliases")
    before = snapshot(v1_db, ("plans", "warnings", "repairs", "ingest_runs"))
    assert cli("migrate", "--db", str(v1_db)).code == 0
    assert snapshot(v1_db, ("plans", "warnings", "repairs", "ingest_runs")) == before
    with duckdb.connect(str(v1_db), read_only=True) as conn:
        kinds = conn.execute("SELECT DISTINCT document_kind FROM documents").fetchall()
        unkeyed = conn.execute(
            "SELECT count(*) FROM plan_keys WHERE organization_key IS NULL "
            "OR department_key IS NULL"
        ).fetchone()
        keyed = conn.execute("SELECT count(*) FROM department_aliases").fetchone()
    assert kinds == [("plan",)]
    assert unkeyed == (0,)
    assert keyed == (4,)


def test_migration_is_one_transaction(v1_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A step that fails leaves the warehouse at version 1 with every row."""
    from warehouse import migrations
    from warehouse.migrations.step import Migration

    before = snapshot(v1_db)

    def broken(conn: duckdb.DuckDBPyConnection) -> None:
        conn.execute("CREATE TABLE kmplan_meta (x INTEGER)")
        conn.execute("DELETE FROM activities")
        raise duckdb.ConstraintException("simulated failure")

    monkeypatch.setattr(migrations, "MIGRATIONS", (Migration(2, "broken", broken),))
    with pytest.raises(duckdb.ConstraintException):
        open_warehouse(v1_db).close()
    assert snapshot(v1_db) == before
    run = cli("export", "-f", "csv", "--db", str(v1_db))
    one_line_error(run, "schema version 1")


def test_no_room_to_migrate_changes_nothing(
    v1_db: Path, tmpfs: Callable[[str], Path], mini_pdf: Path
) -> None:
    """A migration that could fill the disk half-way is not started."""
    folder = tmpfs("6m")  # the version-1 warehouse is 4.5 MB
    db = folder / "v1.duckdb"
    shutil.copy(v1_db, db)
    fill(folder)
    before = digest(db)
    one_line_error(cli("migrate", "--db", str(db)), str(db), "MB free", "nothing was changed")
    one_line_error(cli("ingest", str(mini_pdf), "--db", str(db)), str(db), "MB free")
    assert digest(db) == before
