"""Opening the warehouse: one writer that keeps the schema current, or read-only readers."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import duckdb

from warehouse.errors import NoWarehouseError, WarehouseBusyError, WarehouseError
from warehouse.nullable_metadata import relax_document_metadata

# A configuration as duckdb.connect takes it (its value types).
Config = dict[str, str | bool | int | float | list[str]]

SCHEMA_VERSION = 1
MEMORY = ":memory:"

# For ad-hoc queries: no file access beyond the warehouse itself (no COPY TO, ATTACH,
# read_csv), and no way to switch that back on from SQL.
_SANDBOX: Config = {"enable_external_access": False, "lock_configuration": True}


def open_warehouse(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse at `path` (or ":memory:").

    A writer creates the file and its parent folders if needed and applies schema.sql and
    views.sql (idempotent). A reader never creates anything. Raises NoWarehouseError when a
    reader's file is missing, WarehouseBusyError when another process holds the file.
    """
    if read_only:
        return _open_reader(Path(path), config={})
    return _open_writer(path)


def open_sandboxed(path: str | Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that also cannot read or write other files."""
    return _open_reader(Path(path), config=dict(_SANDBOX))


def _open_writer(path: str | Path) -> duckdb.DuckDBPyConnection:
    if str(path) != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = _connect(path, read_only=False, config={})
    try:
        _apply_schema(conn)
        _check_version(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _open_reader(path: Path, config: Config) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise NoWarehouseError(f"no warehouse at {path}; run kmplan ingest first")
    conn = _connect(path, read_only=True, config=config)
    try:
        _check_version(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def _connect(path: str | Path, *, read_only: bool, config: Config) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        raise _open_error(path, exc) from exc


def _open_error(path: str | Path, exc: duckdb.IOException) -> WarehouseError:
    reason = first_line(exc)
    if "lock" in reason.lower():
        return WarehouseBusyError(f"warehouse {path} is busy: another kmplan process is writing it")
    return WarehouseError(f"cannot open warehouse {path}: {reason}")


def _apply_schema(conn: duckdb.DuckDBPyConnection) -> None:
    # Here, not at the top: only a writer installs the audit (its rules load and compile
    # once), and readers (kmplan query, runs, export) start without it.
    from warehouse.audit_install import install_audit

    package = files("warehouse")
    schema = package.joinpath("schema.sql").read_text(encoding="utf-8")

    def create_tables() -> None:
        conn.execute(schema)

    conn.execute("BEGIN TRANSACTION")
    try:
        create_tables()
        relax_document_metadata(conn, create_tables)
        conn.execute(package.joinpath("views.sql").read_text(encoding="utf-8"))
        install_audit(conn)  # the plan_findings view and its rule tables (audit.sql)
        conn.execute(
            "INSERT INTO schema_version SELECT ?, ? "
            "WHERE NOT EXISTS (SELECT 1 FROM schema_version)",
            [SCHEMA_VERSION, datetime.now(UTC).replace(tzinfo=None)],
        )
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    # Keep the schema out of the WAL: DuckDB 2.0 cannot replay schema.sql's ALTER TABLE
    # without downloading its core_functions extension, so a writer killed before its
    # first checkpoint (kill -9 mid-ingest) left a warehouse nobody could open offline.
    conn.execute("CHECKPOINT")


def _check_version(conn: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    try:
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.CatalogException as exc:
        raise WarehouseError(f"{path} is not a kmplan warehouse (no schema_version)") from exc
    version = row[0] if row else None
    if version is None:
        raise WarehouseError(f"{path} is not a kmplan warehouse (empty schema_version)")
    if version > SCHEMA_VERSION:
        raise WarehouseError(
            f"warehouse {path} has schema version {version}, newer than this kmplan's "
            f"{SCHEMA_VERSION}; upgrade kmplan"
        )


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
