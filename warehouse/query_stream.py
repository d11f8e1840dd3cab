"""One query run in a thread of its own, its rows handed to the caller's thread in batches.

The caller's thread only waits and writes: it waits on a small queue in short steps, so
Ctrl-C reaches it at once (DuckDB's own Ctrl-C handling misses a signal that comes before
its execution loop polls for one; and Thread.join interrupted by Ctrl-C takes a running
thread for finished), and it stops the query (connection.interrupt) at the deadline, on
Ctrl-C, or when writing the rows fails (a closed pipe). The queue holds a few batches, so
memory stays bounded however many rows the query makes, and the time the worker spends
waiting for a slow reader (a pager) does not count against the deadline.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import duckdb

BATCH_ROWS = 1000
_QUEUE_BATCHES = 4
_POLL_S = 0.05  # how often the waiting threads look at the clock (and get Ctrl-C)

Row = tuple[object, ...]


class RowSink(Protocol):
    """Where a query's result goes: its column names once, then its rows in batches."""

    def columns(self, names: tuple[str, ...]) -> None: ...

    def rows(self, batch: Sequence[Row]) -> None: ...


@dataclass(frozen=True)
class StreamOutcome:
    rows: int
    truncated: bool  # more rows existed than max_rows (they were not read)


class DeadlineError(Exception):
    """The query ran longer than its time limit and was stopped."""


@dataclass
class _Shared:
    """What the worker and the caller's thread share."""

    events: queue.Queue[object]
    stop: threading.Event
    done: threading.Event
    waited_s: float = 0.0  # time the worker spent waiting for room in the queue


@dataclass(frozen=True)
class _Columns:
    names: tuple[str, ...]


@dataclass(frozen=True)
class _Finished:
    outcome: StreamOutcome


def stream(
    conn: duckdb.DuckDBPyConnection,
    sql: str,
    sink: RowSink,
    max_rows: int | None,
    timeout_s: float | None,
) -> StreamOutcome:
    """Run `sql` on `conn` in a worker thread and hand its result to `sink` here.

    Raises DeadlineError after `timeout_s` of the query's own time, the query's DuckDB
    error, or whatever `sink` raised (after the query has been stopped).
    """
    shared = _Shared(queue.Queue(_QUEUE_BATCHES), threading.Event(), threading.Event())
    worker = threading.Thread(
        target=_work, args=(conn, sql, max_rows, shared), name="kmplan-query", daemon=True
    )
    started = time.monotonic()
    worker.start()
    try:
        while True:
            if _overdue(started, shared, timeout_s):
                raise DeadlineError()
            try:
                event = shared.events.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if isinstance(event, _Finished):
                return event.outcome
            if isinstance(event, BaseException):
                raise event
            _hand(event, sink)
    except BaseException:
        _stop(conn, shared)
        raise


def _hand(event: object, sink: RowSink) -> None:
    if isinstance(event, _Columns):
        sink.columns(event.names)
    else:
        sink.rows(event)  # type: ignore[arg-type]  # the worker puts only batches here


def _overdue(started: float, shared: _Shared, timeout_s: float | None) -> bool:
    if timeout_s is None:
        return False
    return time.monotonic() - started - shared.waited_s > timeout_s


def _stop(conn: duckdb.DuckDBPyConnection, shared: _Shared) -> None:
    """Stop the worker's query and wait until the worker has ended."""
    shared.stop.set()
    while not shared.done.is_set():
        conn.interrupt()
        _drain(shared.events)
        shared.done.wait(_POLL_S)


def _drain(events: queue.Queue[object]) -> None:
    try:
        while True:
            events.get_nowait()
    except queue.Empty:
        pass


class _StoppedError(Exception):
    """The caller's thread stopped waiting for the worker's results."""


def _work(conn: duckdb.DuckDBPyConnection, sql: str, max_rows: int | None, shared: _Shared) -> None:
    result: object
    try:
        result = _Finished(_produce(conn, sql, max_rows, shared))
    except BaseException as exc:  # handed to the caller's thread, raised there
        result = exc
    try:
        _put(shared, result)
    except _StoppedError:
        pass  # nobody waits for it
    finally:
        shared.done.set()


def _produce(
    conn: duckdb.DuckDBPyConnection, sql: str, max_rows: int | None, shared: _Shared
) -> StreamOutcome:
    conn.execute(sql)
    if conn.description is None:
        _put(shared, _Columns(()))
        return StreamOutcome(0, truncated=False)
    _put(shared, _Columns(tuple(str(column[0]) for column in conn.description)))
    count = 0
    while max_rows is None or count < max_rows:
        want = BATCH_ROWS if max_rows is None else min(BATCH_ROWS, max_rows - count)
        batch = conn.fetchmany(want)
        if not batch:
            return StreamOutcome(count, truncated=False)
        _put(shared, batch)
        count += len(batch)
    return StreamOutcome(count, truncated=bool(conn.fetchmany(1)))


def _put(shared: _Shared, event: object) -> None:
    """Put `event` on the queue when there is room; raise _StoppedError when the caller
    has stopped waiting."""
    while not shared.stop.is_set():
        began = time.monotonic()
        try:
            shared.events.put(event, timeout=_POLL_S)
            return
        except queue.Full:
            shared.waited_s += time.monotonic() - began
    raise _StoppedError()
