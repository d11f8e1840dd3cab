"""Parquet files, written by a private in-memory DuckDB that may touch only its output.

The warehouse's own connection never gets file access: a crafted warehouse's views run on
it and could read local files with it. Parquet needs DuckDB's COPY, which writes a path, so
a private in-memory database does it, sandboxed like every connection but allowed the
output's own fresh partial folder. It reads the rows by attaching the warehouse file
read-only (the views then run there, where the only other files they could reach are the
ones kmplan is writing), or, when the warehouse cannot be attached (it is in memory, or
this process holds it open for writing), through Python, about ten times slower.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import duckdb

from warehouse import sandbox

_BATCH = 10_000


def write_parquet(
    conn: duckdb.DuckDBPyConnection,
    sql: str,
    path: Path,
    params: Sequence[object] = (),
    *,
    partition_by: str | None = None,
) -> int:
    """Write the rows of `sql` (with its `params`) to the file `path`, or, with
    `partition_by`, into the existing empty folder `path` hive style
    (column=value/data_0.parquet); return the row count."""
    source = _attachable(conn)
    # Only the partial file (or the fresh partial folder) itself: its neighbours in the
    # output's folder are the user's files, which a crafted view would read.
    folders = [path] if partition_by else []
    paths = [] if partition_by else [path]
    if source is not None:
        paths += [source, source.with_name(source.name + ".wal")]
    with closing(duckdb.connect(":memory:", config=sandbox.base_config())) as memory:
        sandbox.lock(memory, allowed_directories=folders, allowed_paths=paths)
        if source is None:
            _copy_rows(conn, memory, sql, params)
            sql, params = "SELECT * FROM rows", ()
        else:
            memory.execute(f"ATTACH {sandbox.literal(str(source))} AS warehouse (READ_ONLY)")
            memory.execute("USE warehouse")
        if partition_by:  # inside the allowed folder, not the folder itself
            options, target = f"FORMAT parquet, PARTITION_BY ({_name(partition_by)})", f"{path}/"
        else:  # not DuckDB's own tmp_ file beside the partial one: it is not allowed
            options, target = "FORMAT parquet, USE_TMP_FILE false", str(path)
        copy = f"COPY ({sql}) TO {sandbox.literal(target)} ({options})"
        row = memory.execute(copy, list(params)).fetchone()
    return int(row[0]) if row else 0


def _attachable(conn: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of a warehouse opened read-only (others can attach it too), else None."""
    row = conn.execute(
        "SELECT path, readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return Path(str(row[0])).resolve() if row and row[0] and row[1] else None


def _copy_rows(
    source: duckdb.DuckDBPyConnection,
    memory: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence[object],
) -> None:
    """The rows of `sql` into the table `rows` of `memory`, in batches through Python."""
    cursor = source.execute(sql, list(params))
    described = cursor.description or []
    types = [str(column[1]) for column in described]
    columns = ", ".join(f"{_name(str(c[0]))} {t}" for c, t in zip(described, types, strict=True))
    memory.execute(f"CREATE TABLE rows ({columns})")
    selects = ", ".join(f"UNNEST(?::{t}[])" for t in types)
    while batch := cursor.fetchmany(_BATCH):
        values = [list(column) for column in zip(*batch, strict=True)]
        memory.execute(f"INSERT INTO rows SELECT {selects}", values)


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
