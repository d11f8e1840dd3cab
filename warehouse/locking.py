"""Waiting for the warehouse file's lock, and saying who holds it.

DuckDB lets one process open a database file read-write, or any number of processes open it
read-only; an open that conflicts fails at once ("Could not set lock on file ...: Conflicting
lock is held in <program> (PID n)"). kmplan's writers hold the file only while they load
(warehouse.writer), so an open that finds it locked retries for a bounded time, says once
what it waits for, and fails with WarehouseBusyError after the wait.

Who holds the file is read from what DuckDB and the system report, never guessed: a
read-only open conflicts only with a writer; a read-write open conflicts with readers when
DuckDB adds that it "would be able to open this database in read-only mode" (it could take
a shared lock), else with a writer. Whether the holder is kmplan, and which command, comes
from /proc/<pid>/cmdline where it can be read; otherwise the message says only "another
process (PID n)".
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from warehouse.errors import WarehouseBusyError

if TYPE_CHECKING:  # the command line sets the patience before anything imports DuckDB
    import duckdb

READER_WAIT_S = 30.0  # a command that reads waits this long for a writer (kmplan --wait)
WRITER_WAIT_S = 120.0  # a writer (an ingest between documents) waits this long for readers
POLL_S = 0.05  # the first pause between two attempts; it grows to MAX_POLL_S
MAX_POLL_S = 0.2
# A writer that has held the file, session after session with no gap a reader could use, for
# HOLD_S waits COURTESY_S before it opens again: a reader polling every MAX_POLL_S gets its
# turn (DuckDB's lock is no queue). A pause after every session instead would cap a batch of
# small documents at a few loads a second; the time between loads while workers extract is
# the readers' turn already.
COURTESY_S = 0.4
HOLD_S = 1.0

_HELD = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")
_READERS_ONLY = "open this database in read-only mode"
_LOCK_FAILED = "could not set lock on file"

Side = Literal["writing", "reading"]


@dataclass(frozen=True)
class Holder:
    """The process that holds the warehouse file, as far as it can be told."""

    side: Side
    pid: int | None = None
    program: str | None = None  # "kmplan ingest", or the holder's executable's name
    kmplan: bool = False

    @property
    def who(self) -> str:
        """E.g. "another kmplan process (PID 12, kmplan ingest)" or "another process"."""
        if self.pid is None:
            return "another process"
        kind = "another kmplan process" if self.kmplan else "another process"
        named = f", {self.program}" if self.program else ""
        return f"{kind} (PID {self.pid}{named})"


def is_lock_conflict(exc: duckdb.Error) -> bool:
    return _LOCK_FAILED in str(exc).lower()


def holder_of(exc: duckdb.Error, *, read_only: bool) -> Holder:
    """Who holds the file, from DuckDB's lock error for an open that was `read_only` or not."""
    text = str(exc)
    readers = not read_only and _READERS_ONLY in text
    side: Side = "reading" if readers else "writing"
    found = _HELD.search(text)
    pid = int(found.group("pid")) if found else 0
    if pid <= 0:  # F_GETLK said nothing, or the holder is in another PID namespace
        return Holder(side=side)
    command = kmplan_command(pid)
    if command is not None:
        return Holder(side=side, pid=pid, program=command, kmplan=True)
    program = Path(found.group("program")).name if found else ""
    return Holder(side=side, pid=pid, program=program or None)


def kmplan_command(pid: int) -> str | None:
    """ "kmplan ingest" when process `pid` runs kmplan (the script, or python -m pipeline);
    None when it does not or its command line cannot be read."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    args = [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]
    for at, arg in enumerate(args):
        if Path(arg).name == "kmplan":
            rest = args[at + 1 :]
        elif arg == "-m" and args[at + 1 : at + 2] == ["pipeline"]:
            rest = args[at + 2 :]
        else:
            continue
        words = [word for word in rest if not word.startswith("-") and not _number(word)]
        return f"kmplan {words[0]}" if words else "kmplan"
    return None


def _number(word: str) -> bool:
    try:
        float(word)
    except ValueError:
        return False
    return True


@dataclass
class Patience:
    """How long opens wait for the file's lock, and who is told that they wait."""

    reader_s: float = 0.0
    writer_s: float = 0.0
    notify: Callable[[str], None] | None = None
    told: set[str] = field(default_factory=set)  # each wait is said once


# Library calls do not wait unless asked (the command line asks: pipeline.commands.common).
_PATIENCE: ContextVar[Patience | None] = ContextVar("kmplan_lock_patience", default=None)


@contextmanager
def patience(
    reader_s: float, writer_s: float, notify: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Within the block, opens of a locked warehouse wait up to `reader_s` (read-only) or
    `writer_s` seconds; `notify` gets one line when a wait begins."""
    token = _PATIENCE.set(Patience(max(reader_s, 0.0), max(writer_s, 0.0), notify))
    try:
        yield
    finally:
        _PATIENCE.reset(token)


class LockWait:
    """The wait of one open (of the opens one open makes in a row: they share the limit)."""

    def __init__(self, path: str | Path, *, writer: bool) -> None:
        self._path = path
        self._patience = _PATIENCE.get() or Patience()
        self._limit = self._patience.writer_s if writer else self._patience.reader_s
        self._started: float | None = None
        self._pause = POLL_S

    def retry(self, exc: duckdb.Error, *, read_only: bool) -> None:
        """Pause before the next attempt, or raise WarehouseBusyError when time is up."""
        holder = holder_of(exc, read_only=read_only)
        now = time.monotonic()
        if self._started is None:
            self._started = now
        left = self._started + self._limit - now
        if left <= 0:
            raise WarehouseBusyError(busy_message(self._path, holder, self._limit)) from None
        self._tell(holder)
        time.sleep(min(self._pause, left))
        self._pause = min(self._pause * 1.5, MAX_POLL_S)

    def _tell(self, holder: Holder) -> None:
        line = (
            f"{self._path} is being {_participle(holder.side)} by {holder.who}; "
            f"waiting up to {self._limit:g} s…"
        )
        if self._patience.notify is not None and line not in self._patience.told:
            self._patience.told.add(line)
            self._patience.notify(line)


def _participle(side: Side) -> str:
    return "written" if side == "writing" else "read"


def busy_message(path: str | Path, holder: Holder, waited_s: float) -> str:
    """The one-line error of a file that stayed locked."""
    waited = f" (waited {waited_s:g} s)" if waited_s > 0 else ""
    return (
        f"warehouse {path} is busy: {holder.who} is {holder.side} it{waited}; "
        "try again when it has finished, or wait longer with kmplan --wait SECONDS"
    )
