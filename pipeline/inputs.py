"""What ingest and inspect read: regular files only, of a bounded size.

Folders are walked for *.pdf (a folder whose name ends in .pdf is walked too, not read);
inside a folder a FIFO, device, socket or broken link named *.pdf is skipped with its
reason (reading a FIFO would block forever, holding the warehouse's write lock), while a
path given on the command line that is not a regular file fails. A file whose name is not
UTF-8 fails: it could be neither recorded in the warehouse nor printed. A file is opened
without blocking and checked again on the open descriptor, so a file swapped for a FIFO
between the walk and the read cannot hang the batch either; its size is checked before it
is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from extract.vocab.codes import FailureReason

DEFAULT_MAX_BYTES = 200_000_000  # 200 MB; the largest sample (a 25-page scan) is 10 MB
_CHUNK = 1 << 20


class InputError(Exception):
    """A file ingest or inspect will not read; the message is the reason."""


class NoInputError(InputError):
    """Nothing to ingest: no PDF in the paths given."""


@dataclass(frozen=True)
class Rejected:
    """A path that is not read: `fatal` when it was named on the command line (the run
    fails), not when a folder walk found it (it is skipped)."""

    path: Path
    reason: str
    fatal: bool


def iter_inputs(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Each file to read below the given paths, in order (each folder's PDFs sorted)."""
    for item in _iter_inputs(paths):
        yield _utf8_named(item)


def shown_path(path: Path) -> str:
    """The path as UTF-8 text: bytes of a name that are not UTF-8 as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _utf8_named(item: Path | Rejected) -> Path | Rejected:
    """A file whose name is not UTF-8 fails (its name could be neither recorded in the
    warehouse nor printed); the path of a rejected one is shown with \\xNN escapes."""
    path = item if isinstance(item, Path) else item.path
    shown = shown_path(path)
    if shown == str(path):
        return item
    if isinstance(item, Path):
        return Rejected(Path(shown), FailureReason.NAME_NOT_UTF8.say(), fatal=True)
    return Rejected(Path(shown), item.reason, item.fatal)


def _iter_inputs(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    for path in paths:
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield Rejected(path, FailureReason.NO_SUCH_FILE.say(), fatal=True)
            continue
        except OSError as exc:
            yield Rejected(path, _unreadable(exc), fatal=True)
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield path
        else:
            yield Rejected(path, f"{not_regular(mode)}; give PDF files or folders", fatal=True)


def _walk(folder: Path) -> Iterator[Path | Rejected]:
    found: list[Path | Rejected] = []
    seen: set[tuple[int, int]] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            info = current.stat()
            if (info.st_dev, info.st_ino) in seen:  # a link back up the tree
                continue
            seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(current))
        except OSError as exc:
            found.append(Rejected(current, _unreadable(exc), fatal=True))
            continue
        for entry in entries:
            item = _entry(entry, pending)
            if item is not None:
                found.append(item)
    yield from sorted(found, key=lambda item: item.path if isinstance(item, Rejected) else item)


def _entry(entry: os.DirEntry[str], pending: list[Path]) -> Path | Rejected | None:
    """A PDF to read, a skipped *.pdf, a folder that cannot be entered (it fails: the PDFs
    in it would go unread without a word, e.g. below a tree deeper than PATH_MAX), or None
    (a folder queued, or not a PDF)."""
    path = Path(entry.path)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if entry.is_dir(follow_symlinks=False):
            return Rejected(path, _unreadable(exc), fatal=True)
        if path.suffix.lower() != ".pdf":
            return None
        detail = "a broken link" if path.is_symlink() else _reason(exc)
        return Rejected(path, FailureReason.UNREADABLE_FILE.say(detail=detail), fatal=False)
    if stat.S_ISDIR(mode):
        pending.append(path)
        return None
    if path.suffix.lower() != ".pdf":
        return None
    if stat.S_ISREG(mode):
        return path
    return Rejected(path, not_regular(mode), fatal=False)


def not_regular(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        kind = "a FIFO"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    elif stat.S_ISDIR(mode):
        kind = "a folder"
    else:
        kind = "a device"
    return FailureReason.NOT_A_REGULAR_FILE.say(kind=kind)


def read_input(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the regular file `path`; InputError for a special file, a file over
    `max_bytes` (checked before reading) or one that cannot be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(_unreadable(exc)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(not_regular(info.st_mode))
        if info.st_size > max_bytes:
            raise InputError(too_big(info.st_size, max_bytes))
        return _read_at_most(fd, max_bytes)
    except OSError as exc:
        raise InputError(_unreadable(exc)) from None
    finally:
        os.close(fd)


def _read_at_most(fd: int, max_bytes: int) -> bytes:
    """Everything, unless the file grew past `max_bytes` while being read."""
    chunks, total = [], 0
    while chunk := os.read(fd, _CHUNK):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputError(too_big(total, max_bytes))
    return b"".join(chunks)


def too_big(size: int, max_bytes: int) -> str:
    return FailureReason.FILE_TOO_LARGE.say(size=_megabytes(size), limit=_megabytes(max_bytes))


def _megabytes(size: int) -> str:
    if size >= 10**9:
        return f"{size / 10**9:,.1f} GB"
    if size >= 10**7:
        return f"{size // 10**6:,} MB"
    if size >= 10**6:
        return f"{size / 10**6:.1f} MB"
    return f"{size / 10**3:.1f} kB"


def _unreadable(exc: OSError) -> str:
    return FailureReason.UNREADABLE_FILE.say(detail=_reason(exc))


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def parse_size(text: str) -> int:
    """'200MB', '1.5G', '500k' or a number of bytes."""
    units = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 10**6, "mb": 10**6, "g": 10**9, "gb": 10**9}
    value = text.strip().lower()
    number = value.rstrip("kmgb")
    unit = value[len(number) :]
    try:
        size = float(number) * units[unit]
    except (ValueError, KeyError):
        raise ValueError(f"not a size: {text!r} (e.g. 200MB, 1G, 500k)") from None
    if size < 1:
        raise ValueError(f"not a size: {text!r} (must be at least 1 byte)")
    return int(size)
