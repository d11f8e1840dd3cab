"""Opening the warehouse: one writer that keeps the schema current, or read-only readers.

Every connection is sandboxed (warehouse.sandbox): no file access beyond the warehouse
itself, no extension loaded on demand, the configuration locked. Before a writer changes
anything, the file is recognized (warehouse.identity): a foreign database or a warehouse
of a newer schema version is refused and left byte-identical; an older one is migrated
(warehouse.migrations). Readers never write: they refuse an older warehouse and say how
to migrate it.
"""

from __future__ import annotations

import os
import uuid
from contextlib import closing
from importlib.resources import files
from pathlib import Path

import duckdb

from warehouse import sandbox
from warehouse.errors import WarehouseError
from warehouse.faults import fault
from warehouse.identity import (
    check_file,
    identify,
    refuse_foreign_or_newer,
    require_current,
    require_room,
)
from warehouse.locking import LockWait, is_lock_conflict
from warehouse.migrations import SCHEMA_VERSION, migrate, stamp

MEMORY = ":memory:"

__all__ = [
    "MEMORY",
    "SCHEMA_VERSION",
    "open_sandboxed",
    "open_warehouse",
    "reopen_writer",
    "upgrade_warehouse",
]


def open_warehouse(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at `path` (or ":memory:").

    A writer creates the file and its parent folders if needed, migrates an older warehouse
    and applies schema.sql and views.sql (idempotent). A reader never creates anything.
    Raises NoWarehouseError when a reader's file is missing, WarehouseBusyError when another
    process holds the file (after the wait of warehouse.locking.patience, if any), and
    another WarehouseError for a file that is not a (current) kmplan warehouse.
    """
    if read_only:
        return open_sandboxed(path)
    conn, _ = _open_writer(path)
    return conn


def open_sandboxed(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that also cannot read or write other files."""
    return _open_current(path, read_only=True)


def upgrade_warehouse(path: str | Path) -> tuple[int, int]:
    """Migrate the warehouse at `path` to SCHEMA_VERSION; returns (before, after)."""
    if str(path) != MEMORY:
        check_file(Path(path), must_exist=True)
    conn, before = _open_writer(path)
    conn.close()
    return before, SCHEMA_VERSION


def reopen_writer(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A writer on a warehouse this process opened with open_warehouse (which made its
    schema current) and closed again: the file is checked and recognized, the schema is
    not applied again. Waits for the lock like open_warehouse."""
    return _open_current(path, read_only=False)


def _open_current(path: str | Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """An existing kmplan warehouse of the current schema version, opened after waiting
    for the lock; any other file is refused (and closed) untouched."""
    path = Path(path)
    check_file(path, must_exist=True)
    conn = _connect(path, read_only=read_only, wait=LockWait(path, writer=not read_only))
    try:
        require_current(identify(conn), path, SCHEMA_VERSION)
    except BaseException:
        conn.close()
        raise
    return conn


def _open_writer(path: str | Path) -> tuple[duckdb.DuckDBPyConnection, int]:
    """The writer, and the schema version the warehouse had when opened."""
    wait = LockWait(path, writer=True)  # the look and the open share one wait
    if str(path) != MEMORY and not _look_before_writing(Path(path), wait):
        _create(Path(path))
    conn = _connect(path, read_only=False, wait=wait)
    try:
        before = _prepare(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn, before


def _look_before_writing(path: Path, wait: LockWait) -> bool:
    """False when `path` does not exist (its folders are made); else refuse a foreign or
    newer database through a read-only look, which leaves it byte-identical (a writer's
    open alone may checkpoint its WAL into it), and say True."""
    if check_file(path, must_exist=False):
        with closing(_connect(path, read_only=True, wait=wait)) as look:
            identity = identify(look)
        refuse_foreign_or_newer(identity, path, SCHEMA_VERSION)
        if identity.kind == "kmplan" and identity.version < SCHEMA_VERSION:
            require_room(path)
        return True
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(_cannot_create(path, exc)) from None
    return False


def _create(path: Path) -> None:
    """A new warehouse, made whole under a temporary name beside `path` and linked into
    place. A failure (a full disk) leaves nothing behind: DuckDB 2.0 cannot replay a WAL of
    schema statements without its core_functions extension (which is never downloaded),
    so a first checkpoint that did not finish would leave a file nobody can open."""
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.creating")
    wal = partial.with_name(partial.name + ".wal")
    try:
        with closing(_connect(partial, read_only=False)) as conn:
            _prepare(conn, partial)
        if wal.exists() and wal.stat().st_size:
            raise WarehouseError(
                f"cannot create warehouse {path}: its first write did not finish "
                "(is the disk full?); free some space and rerun"
            )
        os.link(partial, path)  # never over a warehouse another kmplan made meanwhile
    except FileExistsError:
        pass
    except OSError as exc:
        raise WarehouseError(_cannot_create(path, exc)) from None
    finally:
        partial.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)


def _cannot_create(path: Path, exc: OSError) -> str:
    reason = str(exc.strerror or exc).lower()
    return f"cannot create warehouse {path}: {reason}; choose a --db in a folder you can write"


def _prepare(conn: duckdb.DuckDBPyConnection, path: str | Path) -> int:
    # Here, not at the top: only a writer installs the audit (its rules load and compile
    # once), and readers (kmplan query, runs, export) start without it.
    from warehouse.audit_install import install_audit

    identity = identify(conn)  # again: the file may have changed since the look
    refuse_foreign_or_newer(identity, path, SCHEMA_VERSION)
    package = files("warehouse")
    conn.execute("BEGIN TRANSACTION")
    try:
        if identity.kind == "kmplan":
            migrate(conn, identity.version)
        conn.execute(package.joinpath("schema.sql").read_text(encoding="utf-8"))
        conn.execute(package.joinpath("views.sql").read_text(encoding="utf-8"))
        install_audit(conn)  # the plan_findings view and its rule tables (audit.sql)
        if identity.kind == "empty":
            stamp(conn, SCHEMA_VERSION)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    # Keep the schema out of the WAL: DuckDB 2.0 cannot replay schema.sql's ALTER TABLE
    # without its core_functions extension (never downloaded: warehouse.sandbox), so a
    # writer killed before its first checkpoint left a warehouse nobody could open.
    conn.execute("CHECKPOINT")
    return identity.version


def _connect(
    path: str | Path, *, read_only: bool, wait: LockWait | None = None
) -> duckdb.DuckDBPyConnection:
    """A sandboxed connection; while another process holds the file, `wait` says whether
    to try again (warehouse.locking) or raises WarehouseBusyError."""
    wait = wait or LockWait(path, writer=not read_only)
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only, config=sandbox.base_config())
            break
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise _open_error(path, exc) from exc
            wait.retry(exc, read_only=read_only)
    sandbox.lock(conn)
    return conn


def _open_error(path: str | Path, exc: duckdb.Error) -> WarehouseError:
    reason = first_line(exc)
    known = fault(path, exc)
    if known is not None:
        return known
    return WarehouseError(f"cannot open warehouse {path}: {reason}")


def rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction; a no-op when DuckDB already ended it."""
    try:
        conn.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass


def first_line(exc: BaseException) -> str:
    """DuckDB's message without its multi-line context (LINE 1: ..., carets, hints)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
