"""What a database file is, decided before kmplan writes anything to it.

A kmplan warehouse says so itself: its table `kmplan_meta` holds APPLICATION_ID and the
schema version. Warehouses written before kmplan_meta existed (schema version 1) are
recognized by their `schema_version` and `documents` tables. Any other DuckDB file that
holds something is foreign and is never written; neither is a warehouse of a newer schema
version, nor a file that is not a DuckDB database at all, or one cut short (the DuckDB
header names how many blocks the file has; a copy or a full disk that lost the tail would
otherwise answer queries from what is left, silently).
"""

from __future__ import annotations

import os
import shutil
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from warehouse.errors import NoWarehouseError, WarehouseError

APPLICATION_ID = "kmplan.warehouse"

# DuckDB's file layout (storage format of DuckDB 1.x and 2.x): a main header block with
# the magic "DUCK" at byte 8, then two database headers of which the one with the higher
# iteration is current; the data blocks follow.
_HEADER_SIZE = 4096
_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8
_DATABASE_HEADERS = (_HEADER_SIZE, 2 * _HEADER_SIZE)
_DATA_START = 3 * _HEADER_SIZE
_HEADER_FIELDS = struct.Struct("<8Q")  # checksum, iteration, meta, free list, blocks, size, ...
_SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATION_SLACK = 16 * 10**6


class ForeignDatabaseError(WarehouseError):
    """The file is not a kmplan warehouse; it was left untouched."""


class NewerWarehouseError(WarehouseError):
    """A warehouse of a newer schema version than this kmplan knows; left untouched."""


class OlderWarehouseError(WarehouseError):
    """A warehouse of an older schema version, opened by a reader (readers never migrate)."""


class DamagedWarehouseError(WarehouseError):
    """A warehouse file that is corrupt or truncated."""


@dataclass(frozen=True)
class Identity:
    kind: Literal["empty", "kmplan", "foreign"]
    version: int = 0  # the schema version of a kmplan warehouse
    found: str = ""  # what a foreign database holds, for the message


def check_file(path: Path, *, must_exist: bool) -> bool:
    """True when `path` exists and looks like a whole DuckDB file; False when it does not
    exist (NoWarehouseError instead when `must_exist`). Refuses (WarehouseError) a folder,
    a special file, an empty file, another file format and a truncated DuckDB file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if must_exist:
            raise NoWarehouseError(f"no warehouse at {path}; run kmplan ingest first") from None
        return False
    except OSError as exc:
        raise WarehouseError(f"cannot open warehouse {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise ForeignDatabaseError(
            f"{path} is {_kind(info.st_mode)}, not a warehouse file; give a file with --db"
        )
    _check_header(path, info.st_size)
    return True


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    return "a device or socket"


def _check_header(path: Path, size: int) -> None:
    try:
        with path.open("rb") as stream:
            head = stream.read(_DATA_START)
    except OSError as exc:
        raise WarehouseError(f"cannot read warehouse {path}: {exc.strerror}") from None
    if not head:
        raise ForeignDatabaseError(
            f"{path} is an empty file, not a kmplan warehouse; remove it or choose another --db"
        )
    if head.startswith(_SQLITE_MAGIC):
        raise ForeignDatabaseError(
            f"{path} is a SQLite database, not a kmplan warehouse; choose another --db"
        )
    if head[_MAGIC_OFFSET : _MAGIC_OFFSET + len(_MAGIC)] != _MAGIC:
        raise ForeignDatabaseError(
            f"{path} is not a DuckDB file, so not a kmplan warehouse; choose another --db"
        )
    expected = _cut_short(head, size)
    if expected is not None:
        raise DamagedWarehouseError(
            f"warehouse {path} is truncated ({size:,} of {expected:,} bytes): it was cut short "
            "(an interrupted copy or a full disk); restore it from a backup"
        )


def _cut_short(head: bytes, size: int) -> int | None:
    """The size the current database header promises, when the file is shorter and ends
    inside a block (DuckDB writes whole blocks, and may drop free blocks from the end of
    the file, so only a partial block is a sure sign of a cut); None otherwise."""
    if len(head) < _DATA_START:
        return _DATA_START
    headers = [_HEADER_FIELDS.unpack_from(head, offset) for offset in _DATABASE_HEADERS]
    _, _, _, _, blocks, block_size, _, _ = max(headers, key=lambda fields: fields[1])
    if block_size not in {1 << n for n in range(14, 29)} or blocks >= 1 << 32:
        return None  # not a header this check understands: DuckDB will judge the file
    expected = _DATA_START + blocks * block_size
    partial = (size - _DATA_START) % block_size != 0
    return expected if size < expected and partial else None


def identify(conn: duckdb.DuckDBPyConnection) -> Identity:
    """What the database of `conn` is: empty, a kmplan warehouse (and its version), or
    foreign. Reads only."""
    tables = _names(
        conn,
        "SELECT table_name FROM duckdb_tables() WHERE NOT internal "
        "AND database_name = current_database()",
    )
    if "kmplan_meta" in tables:
        meta = conn.execute(
            "SELECT application_id, max(schema_version) FROM kmplan_meta GROUP BY ALL"
        ).fetchall()
        if meta and (len(meta) != 1 or meta[0][0] != APPLICATION_ID or meta[0][1] is None):
            return Identity("foreign", found="a kmplan_meta table of another application")
        if meta:  # schema_version's history counts too: never write what it says is newer
            return Identity("kmplan", max(int(meta[0][1]), _history(conn, tables)))
    # An empty kmplan_meta (made by schema.sql, never stamped) says nothing either way.
    if {"schema_version", "documents"} <= tables:
        version = _history(conn, tables)
        if version:
            return Identity("kmplan", version)  # written before kmplan_meta existed
    views = _names(
        conn,
        "SELECT view_name FROM duckdb_views() WHERE NOT internal "
        "AND database_name = current_database()",
    )
    if not tables and not views:
        return Identity("empty")
    held = sorted(tables | views)
    shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
    return Identity("foreign", found=shown)


def _history(conn: duckdb.DuckDBPyConnection, tables: set[str]) -> int:
    """The highest version schema_version records (0: none)."""
    if "schema_version" not in tables:
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row is not None and row[0] is not None else 0


def _names(conn: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    return {str(row[0]) for row in conn.execute(sql).fetchall()}


def refuse_foreign_or_newer(identity: Identity, path: str | os.PathLike[str], latest: int) -> None:
    """Raise when kmplan must not write this database (it stays untouched)."""
    if identity.kind == "foreign":
        raise ForeignDatabaseError(
            f"{path} is not a kmplan warehouse (it holds {identity.found}); "
            "it was left untouched: choose another --db"
        )
    if identity.version > latest:
        raise NewerWarehouseError(
            f"warehouse {path} has schema version {identity.version}, newer than this "
            f"kmplan's {latest}; it was left untouched: upgrade kmplan"
        )


def require_current(identity: Identity, path: str | os.PathLike[str], latest: int) -> None:
    """Raise unless a reader can use this database as it is."""
    refuse_foreign_or_newer(identity, path, latest)
    if identity.kind == "empty":
        raise ForeignDatabaseError(
            f"{path} is an empty DuckDB database, not a kmplan warehouse; run kmplan ingest first"
        )
    if identity.version < latest:
        raise OlderWarehouseError(
            f"warehouse {path} has schema version {identity.version}, older than this "
            f"kmplan's {latest}; run `kmplan migrate --db {path}` once to upgrade it "
            "(read commands never write)"
        )


def require_room(path: Path) -> None:
    """Refuse to migrate without room for it: a migration rewrites tables and checkpoints
    them, and a checkpoint that fills the disk half-way leaves a WAL of schema statements
    that DuckDB 2.0 cannot replay offline. Twice the file and 16 MB is a generous guess."""
    needed = 2 * path.stat().st_size + _MIGRATION_SLACK
    free = shutil.disk_usage(path.parent).free
    if free < needed:
        raise WarehouseError(
            f"migrating warehouse {path} needs about {needed // 10**6:,} MB free beside it "
            f"({free // 10**6:,} MB free); free some space and rerun (nothing was changed)"
        )
