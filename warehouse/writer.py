"""Writing the warehouse in short sessions, so that readers are not locked out meanwhile.

DuckDB gives a file to one read-write process and then to nobody else, readers included. A
long job (an ingest, a reprocess) therefore opens the warehouse only for each short unit of
work (start the run, load a document or a few, finish the run) and closes it in between,
while it extracts. Each close checkpoints (DuckDB's own, on close), so the WAL stays small
and a reader's open is quick; the last session's explicit CHECKPOINT is the one whose
failure (a full disk) is reported.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import duckdb

from warehouse.connection import MEMORY, open_warehouse, reopen_writer
from warehouse.errors import WarehouseBusyError
from warehouse.faults import guarded
from warehouse.locking import COURTESY_S, HOLD_S, patience


@contextmanager
def writing(path: str | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse open for writing for one unit of work, closed after it: created or
    migrated if need be, waiting for the lock (warehouse.locking.patience), its faults
    turned into one-line errors (warehouse.faults)."""
    with guarded(path):
        conn = open_warehouse(path)
        try:
            yield conn
        finally:
            conn.close()


class Writer:
    """One job's write sessions on the warehouse at `path`.

    The first session opens with open_warehouse (create, migrate, apply the schema); later
    ones only reopen (warehouse.connection.reopen_writer). Sessions that follow each other
    with gaps shorter than COURTESY_S for `hold_s` in all are followed by a pause of
    COURTESY_S: a reader waiting for the lock gets its turn at least that often.
    Once a wait for the lock has run out, later sessions (the one that records the job's
    end) do not wait again.
    An in-memory warehouse (":memory:") lives only in its connection, which stays open
    until close().
    """

    def __init__(
        self, path: str | Path, courtesy_s: float = COURTESY_S, hold_s: float = HOLD_S
    ) -> None:
        self.path = path
        self._courtesy_s = courtesy_s
        self._hold_s = hold_s
        self._held_since: float | None = None  # the first session of a run without gaps
        self._opened = False
        self._closed_at: float | None = None
        self._kept: duckdb.DuckDBPyConnection | None = None  # the in-memory warehouse
        self._gave_up = False

    @contextmanager
    def session(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The write connection for one short unit of work; closed (and so checkpointed)
        when the block ends, unless the warehouse is in memory."""
        if self._kept is not None:
            yield self._kept
            return
        self._courtesy()
        with guarded(self.path):
            conn = self._open()
            if str(self.path) == MEMORY:
                self._kept = conn
                yield conn
                return
            try:
                yield conn
            finally:
                conn.close()
                self._closed_at = time.monotonic()

    def _open(self) -> duckdb.DuckDBPyConnection:
        with ExitStack() as stack:
            if self._gave_up:
                stack.enter_context(patience(0, 0))
            try:
                conn = reopen_writer(self.path) if self._opened else open_warehouse(self.path)
            except WarehouseBusyError:
                self._gave_up = True
                raise
        self._opened = True
        return conn

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    def _courtesy(self) -> None:
        now = time.monotonic()
        if self._closed_at is None or now - self._closed_at >= self._courtesy_s:
            self._held_since = now  # a reader could have had the file since the last one
            return
        if self._held_since is not None and now - self._held_since >= self._hold_s:
            time.sleep(self._closed_at + self._courtesy_s - now)
            self._held_since = time.monotonic()


def known_documents(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """The sha256 of every document in the warehouse: a job that looks files up in this
    set needs no connection (and no lock) while it reads and hashes them."""
    return {str(row[0]) for row in conn.execute("SELECT document_id FROM documents").fetchall()}
