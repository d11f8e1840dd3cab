"""DuckDB errors that are about the warehouse file or its disk, not about kmplan's code.

A damaged file, a full or read-only disk, or a warehouse whose views reach for other files
(sandboxed connections refuse that: warehouse.sandbox) are expected failures: each becomes a
one-line WarehouseError naming the file, the reason and what to do. Every other DuckDB
error is a bug and passes through unchanged.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError
from warehouse.identity import DamagedWarehouseError

_DAMAGE = ("corrupt database file", "could not read enough bytes", "checksum")
_INVALIDATED = "database has been invalidated"


class WarehouseFaultError(WarehouseError):
    """The warehouse's disk failed (full, read-only) or its views are not kmplan's."""


class CraftedWarehouseError(WarehouseFaultError):
    """The warehouse's views or macros reached for a file: they are not kmplan's."""


def fault(path: str | Path, exc: duckdb.Error) -> WarehouseError | None:
    """The one-line error for `exc` raised while using the warehouse at `path`, or None
    when `exc` is not a fault of the file or its disk."""
    reason = _first_line(exc)
    code = _errno(exc)
    if isinstance(exc, duckdb.PermissionException):
        return CraftedWarehouseError(
            f"warehouse {path} tried to reach a file outside itself, which kmplan's views "
            f"never do ({reason.removeprefix('Permission Error: ')}); its views were changed "
            "by someone: do not trust it, rebuild it with kmplan ingest"
        )
    if code == errno.ENOSPC:
        return WarehouseFaultError(
            f"warehouse {path}: no space left on device; free some space and rerun "
            "(an ingest resumes where it stopped)"
        )
    if code == errno.EROFS or "read-only file system" in reason.lower():
        return WarehouseFaultError(
            f"warehouse {path} is on a read-only file system; choose a --db you can write"
        )
    if any(mark in reason.lower() for mark in _DAMAGE):
        return DamagedWarehouseError(
            f"warehouse {path} is damaged ({reason}); restore it from a backup"
        )
    if _INVALIDATED in reason.lower():
        return WarehouseFaultError(
            f"warehouse {path}: a write failed earlier in this run ({reason}); "
            "rerun the same command"
        )
    if code is not None:
        return WarehouseFaultError(f"warehouse {path}: {os.strerror(code).lower()}")
    return None


@contextmanager
def guarded(path: str | Path) -> Iterator[None]:
    """Turn the faults of the warehouse at `path` into their one-line errors."""
    try:
        yield
    except duckdb.Error as exc:
        error = fault(path, exc)
        if error is None:
            raise
        raise error from exc


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _errno(exc: BaseException) -> int | None:
    """The OS error number in DuckDB's message ({"errno":"28"}, or the strerror text)."""
    text = str(exc)
    found = re.search(r'"errno"\s*:\s*"(\d+)"', text)
    if found:
        return int(found.group(1))
    for code in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EIO):
        if os.strerror(code) in text:
            return code
    return None
