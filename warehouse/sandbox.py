"""The locks every DuckDB connection of kmplan runs under.

A warehouse file is not trusted: its views and macros run whenever a command reads it, and
a crafted one could call read_text('/etc/...'), read_csv or COPY through them. So every
connection, reader or writer, has file access off (except the database file itself and,
for an export's private writer, the output's own partial folder), extensions are never
downloaded or loaded on demand, and the configuration is locked so SQL cannot undo it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

Config = dict[str, str | bool | int | float | list[str]]


def base_config() -> Config:
    """Connection options: no extension is installed or loaded behind kmplan's back."""
    return {
        "autoload_known_extensions": False,
        "autoinstall_known_extensions": False,
        "allow_community_extensions": False,
    }


def lock(
    conn: duckdb.DuckDBPyConnection,
    allowed_directories: Iterable[Path] = (),
    allowed_paths: Iterable[Path] = (),
) -> None:
    """Turn file access off (but for `allowed_directories`, the folders themselves and what
    is inside them, and the files `allowed_paths`) and lock the configuration."""
    folders = [str(folder).rstrip("/") for folder in allowed_directories]
    paths = [*folders, *(str(path) for path in allowed_paths)]
    if not paths and _locked(conn):
        return  # another connection of this process opened the database and locked it
    if folders:
        inside = ", ".join(literal(folder + "/") for folder in folders)
        conn.execute(f"SET allowed_directories = [{inside}]")
    if paths:
        conn.execute(f"SET allowed_paths = [{', '.join(literal(p) for p in paths)}]")
    conn.execute("SET enable_external_access = false")
    conn.execute("SET lock_configuration = true")


def literal(text: str) -> str:
    """`text` as a SQL string literal (for statements that take no parameters: SET, COPY)."""
    return "'" + text.replace("'", "''") + "'"


def _locked(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the database (shared by connections to the same file in one process) is
    sandboxed and locked already."""
    row = conn.execute(
        "SELECT current_setting('lock_configuration'), current_setting('enable_external_access')"
    ).fetchone()
    return row is not None and bool(row[0]) and not bool(row[1])
