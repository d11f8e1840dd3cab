"""Where a command writes (--out): checked before anything is opened, written whole or not at all.

Outputs never destroy inputs. `check_output` refuses an --out that is the warehouse (the same
file, also through a symbolic or hard link), a folder (unless the format writes one), a device,
a FIFO or a socket. `write_file` fills a partial file beside the target and renames it over the
target when complete, so a failed write (full disk, read-only file system) leaves the old file
and no partial one. A symbolic link is written through: the link stays, its target changes.

A folder output (Parquet partitioned by fiscal year) is written into a new folder or one that
kmplan made before (it holds MARKER, the list of files kmplan wrote there); a re-export
replaces only those files, so files a user added inside are never deleted.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from warehouse.errors import WarehouseError

STDOUT = "-"
MARKER = ".kmplan-export.json"
_MARKER_KIND = "kmplan parquet export"
T = TypeVar("T")


class OutputError(WarehouseError):
    """An --out that cannot or must not be written; nothing was written."""


@dataclass(frozen=True)
class Output:
    """A checked --out. `path` is the real path (links resolved); None is standard output."""

    shown: str  # as the user typed it, for messages
    path: Path | None
    folder: bool = False

    @property
    def is_stdout(self) -> bool:
        return self.path is None


def check_output(
    out: str | Path, *, protect: Iterable[str | Path] = (), folder: bool = False
) -> Output:
    """The --out `out`, refused (OutputError) when writing it could destroy something.

    `protect`: files that must survive (the warehouse; its WAL is protected with it).
    `folder`: the format writes a folder (a file there is refused, a folder accepted).
    """
    shown = str(out)
    if shown == "":
        raise OutputError("--out is empty; give a file name, or - for standard output")
    if shown == STDOUT:
        return Output(shown=shown, path=None, folder=folder)
    real = Path(os.path.realpath(shown))
    _refuse_protected(shown, real, protect)
    try:
        mode = real.stat().st_mode
    except FileNotFoundError:
        return Output(shown=shown, path=real, folder=folder)
    except OSError as exc:
        raise OutputError(f"cannot use --out {shown}: {_reason(exc)}") from None
    _refuse_kind(shown, mode, folder)
    return Output(shown=shown, path=real, folder=folder)


def _refuse_protected(shown: str, real: Path, protect: Iterable[str | Path]) -> None:
    for path in protect:
        guarded = Path(os.path.realpath(path))
        if real in (guarded, guarded.with_name(guarded.name + ".wal")) or _same_file(real, guarded):
            raise OutputError(
                f"--out {shown} is the warehouse {path}; writing there would destroy it: "
                "choose another --out"
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        first, second = a.stat(), b.stat()
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _refuse_kind(shown: str, mode: int, folder: bool) -> None:
    if stat.S_ISDIR(mode) and not folder:
        raise OutputError(f"--out {shown} is a folder; give a file name inside it")
    if stat.S_ISREG(mode) and folder:
        raise OutputError(
            f"--out {shown} is a file and this format writes a folder; "
            "choose a new folder name (or end the name in .parquet for one file)"
        )
    kind = _special_kind(mode)
    if kind is not None:
        raise OutputError(
            f"--out {shown} is a {kind}, not a regular file; give a file path, "
            "or - for standard output"
        )


def _special_kind(mode: int) -> str | None:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return None


def write_file(output: Output, write: Callable[[Path], T]) -> T:
    """Call write(partial) to fill a partial file beside the target, then rename it over the
    target. OSError and DuckDB I/O errors become one OutputError naming --out."""
    with partial_file(output) as partial:
        return write(partial)


@contextmanager
def partial_file(output: Output, *, make_folders: bool = True) -> Iterator[Path]:
    """A new empty file beside the target to write; synced and renamed over the target
    when the block completes, removed when it fails (the target is whole or untouched).
    `make_folders`: create the target's missing folders (export does; audit does not).
    OSError and DuckDB I/O errors become one OutputError naming --out."""
    target = _target(output)
    try:
        if make_folders:
            _make_parent(target)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(_write_failed(output, exc)) from None
    partial = Path(name)
    try:
        yield partial
        _sync(partial)
        os.chmod(partial, _mode_for(target))
        os.replace(partial, target)
    except (OSError, duckdb.IOException) as exc:
        raise OutputError(_write_failed(output, exc)) from None
    finally:
        partial.unlink(missing_ok=True)


def write_folder(output: Output, write: Callable[[Path], T]) -> T:
    """Call write(workdir) to fill a new folder beside the target, then move its files in:
    a new target is the renamed folder; a folder kmplan made before keeps what a user added
    (only the files named in its MARKER are replaced)."""
    target = _target(output)
    previous = _previous_files(output, target)
    try:
        _make_parent(target)
        workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial",
                                        dir=target.parent))  # fmt: skip
    except OSError as exc:
        raise OutputError(_write_failed(output, exc)) from None
    try:
        result = write(workdir)
        files = sorted(str(p.relative_to(workdir)) for p in workdir.rglob("*") if p.is_file())
        _write_marker(workdir, files)
        if previous is None:
            os.replace(workdir, target)
        else:
            _replace_files(target, workdir, previous, files)
    except (OSError, duckdb.IOException) as exc:
        raise OutputError(_write_failed(output, exc)) from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return result


def _target(output: Output) -> Path:
    if output.path is None:
        raise ValueError("standard output is not a file")  # a caller's bug
    return output.path


def _make_parent(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)


def _sync(path: Path) -> None:
    """On disk before the rename: a crash then leaves the old file or the new, never half."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    """The replaced file's permissions, or what a new file would get (mkstemp makes 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _previous_files(output: Output, target: Path) -> list[str] | None:
    """None for a new folder, [] for an empty one; else the files kmplan wrote there before."""
    if not target.exists():
        return None
    if not any(target.iterdir()):
        return []
    try:
        marker = json.loads((target / MARKER).read_text(encoding="utf-8"))
        files = marker["files"] if marker.get("kind") == _MARKER_KIND else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        files = None
    if not isinstance(files, list):
        raise OutputError(
            f"--out {output.shown} is a folder kmplan did not make (no {MARKER} in it); "
            "choose a new folder, or empty this one"
        )
    return [name for name in files if isinstance(name, str) and _inside(target, name)]


def _inside(folder: Path, name: str) -> bool:
    """A plain relative name of a file below `folder`: no '..', no absolute path, no link."""
    parts = Path(name).parts
    if not parts or Path(name).is_absolute() or ".." in parts:
        return False
    path = folder / name
    return path.resolve().is_relative_to(folder.resolve()) and not path.is_symlink()


def _write_marker(folder: Path, files: list[str]) -> None:
    text = json.dumps({"kind": _MARKER_KIND, "files": files}, indent=1)
    (folder / MARKER).write_text(text + "\n", encoding="utf-8")


def _replace_files(target: Path, workdir: Path, previous: list[str], files: list[str]) -> None:
    for name in previous:
        old = target / name
        if old.is_file() and not old.is_symlink():
            old.unlink()
            _remove_empty_parents(old.parent, target)
    for name in files:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(workdir / name, target / name)
    os.replace(workdir / MARKER, target / MARKER)


def _remove_empty_parents(folder: Path, top: Path) -> None:
    while folder != top and folder.is_relative_to(top) and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _write_failed(output: Output, exc: BaseException) -> str:
    return f"cannot write --out {output.shown}: {_reason(exc)}; {_next_step(exc)}"


def _reason(exc: BaseException) -> str:
    code = _errno(exc)
    if code is not None:
        return os.strerror(code).lower()
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text.removeprefix("IO Error: ")


def _errno(exc: BaseException) -> int | None:
    """The OS error number, also from DuckDB's messages (they end in {"errno":"28"})."""
    if isinstance(exc, OSError):
        return exc.errno
    found = re.search(r'"errno"\s*:\s*"(\d+)"', str(exc))
    return int(found.group(1)) if found else None


def _next_step(exc: BaseException) -> str:
    code = _errno(exc)
    text = str(exc).lower()
    if code == errno.ENOSPC or "no space left" in text:
        return "free some space or choose another --out"
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "read-only" in text:
        return "choose an --out in a folder you can write"
    return "choose another --out"
