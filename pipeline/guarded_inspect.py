"""inspect under ingest's per-file guards: one worker process, a time and a memory limit.

`kmplan inspect` used to read the file in its own process with no limit at all: a 6 GB
flate bomb grew it past 6 GB, a page of 200 by 200 inches (rendered for OCR) past 9 GB.
Here the file is read in a child process whose address space is capped
(guards.limit_worker_memory) and which is killed at the time limit, so a hostile file ends
as one line, like the same file in a batch.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pebble import ProcessExpired, ProcessPool

from extract import ExtractError
from extract.vocab.codes import FailureReason
from pipeline.guards import Limits, limit_worker_memory, memory_reason, timeout_reason
from pipeline.inspect import InspectReport, inspect_file


class GuardedFailure(Exception):
    """The file could not be inspected; the message is the one-line reason."""


@dataclass(frozen=True)
class _Failed:
    reason: str


class _Pool(Protocol):
    """What is used of pebble's ProcessPool, typed (pebble leaves stop() unannotated)."""

    def schedule(
        self,
        function: Callable[..., InspectReport | _Failed],
        args: Iterable[object] = (),
        *,
        timeout: float | None = None,
    ) -> concurrent.futures.Future[InspectReport | _Failed]: ...

    def stop(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...


def _inspect(
    path: str, data: bytes, given: tuple[str | None, int | None]
) -> InspectReport | _Failed:
    """In the child: the report, or the reason it cannot be made (exceptions of the PDF
    readers need not survive pickling, so they travel as text)."""
    try:
        return inspect_file(Path(path), given=given, data=data)
    except ExtractError as exc:
        return _Failed(str(exc))
    except MemoryError:
        return _Failed(memory_reason(None))
    except RecursionError:
        return _Failed(FailureReason.DAMAGED_PDF.say(detail="objects nested too deeply"))


def inspect_guarded(
    path: Path, data: bytes, given: tuple[str | None, int | None], limits: Limits
) -> InspectReport:
    """inspect_file in a child process under `limits`; GuardedFailure says why not."""
    # fork: the command has imported the readers already, and holds no threads or database.
    pool: _Pool = ProcessPool(
        max_workers=1,
        max_tasks=1,
        initializer=limit_worker_memory,
        initargs=(limits.memory_mb,),
        context=multiprocessing.get_context("fork"),
    )
    try:
        future = pool.schedule(_inspect, args=(str(path), data, given), timeout=limits.timeout_s)
        result = _outcome(future, limits)
    finally:
        pool.stop()
        pool.join()
    if isinstance(result, _Failed):
        raise GuardedFailure(result.reason)
    return result


def _outcome(
    future: concurrent.futures.Future[InspectReport | _Failed], limits: Limits
) -> InspectReport | _Failed:
    try:
        result = future.result()
    except concurrent.futures.TimeoutError:
        return _Failed(timeout_reason(limits.timeout_s or 0))
    except MemoryError:
        return _Failed(memory_reason(limits.memory_mb))
    except ProcessExpired as exc:
        return _Failed(FailureReason.WORKER_DIED.say(exit_code=exc.exitcode))
    if isinstance(result, _Failed) and result.reason == memory_reason(None):
        return _Failed(memory_reason(limits.memory_mb))
    return result
