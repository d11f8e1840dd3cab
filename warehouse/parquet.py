"""Parquet files, written by a private in-memory DuckDB that may touch only its output.

The warehouse's connection never gets file access: a crafted warehouse's views run on it
and could read local files with it. So the rows travel through Python into an in-memory
database that holds nothing but them, and only that one may write, only into the output's
own partial file or folder.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse import sandbox

_BATCH = 10_000


def write_parquet(
    conn: duckdb.DuckDBPyConnection, sql: str, path: Path, *, partition_by: str | None = None
) -> int:
    """Write the rows of `sql` to the file `path`, or, with `partition_by`, into the existing
    empty folder `path` hive style (column=value/data_0.parquet); return the row count."""
    cursor = conn.execute(sql)
    described = cursor.description or []
    names = [str(column[0]) for column in described]
    types = [str(column[1]) for column in described]
    folder = path if partition_by else path.parent
    memory = duckdb.connect(":memory:", config=sandbox.base_config())
    try:
        sandbox.lock(memory, allowed_directories=[folder])
        columns = ", ".join(f"{_name(n)} {t}" for n, t in zip(names, types, strict=True))
        memory.execute(f"CREATE TABLE rows ({columns})")
        count = _copy_rows(cursor, memory, types)
        options = "FORMAT parquet"
        target = str(path)
        if partition_by:
            options += f", PARTITION_BY ({_name(partition_by)})"
            target += "/"  # inside the allowed folder, not the folder itself
        memory.execute(f"COPY rows TO {sandbox.literal(target)} ({options})")
    finally:
        memory.close()
    return count


def _copy_rows(
    source: duckdb.DuckDBPyConnection, memory: duckdb.DuckDBPyConnection, types: list[str]
) -> int:
    selects = ", ".join(f"UNNEST(?::{t}[])" for t in types)
    count = 0
    while batch := source.fetchmany(_BATCH):
        columns = [list(values) for values in zip(*batch, strict=True)]
        memory.execute(f"INSERT INTO rows SELECT {selects}", columns)
        count += len(batch)
    return count


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
