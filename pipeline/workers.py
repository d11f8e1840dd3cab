"""The executors that run the per-document work (pipeline/work.py) and the local pool.

Workers receive a document's bytes and return a NormalizedDocument or a typed failure; they
never touch the warehouse. The main process is the only writer. It imports neither the
work nor the pool's library until a file needs them: the PDF readers and PyThaiNLP load
in the workers only.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Iterable
from typing import Protocol

from extract.settings import ExtractSettings
from pipeline.guards import Limits, limit_worker_memory, memory_reason, timeout_reason
from pipeline.jobs import (
    FailureKind,
    Job,
    WorkDone,
    WorkFailed,
    WorkResult,
    crash_reason,
    died_reason,
)

__all__ = [
    "Executor",
    "FailureKind",
    "Job",
    "LocalExecutor",
    "WorkDone",
    "WorkFailed",
    "WorkResult",
    "crash_reason",
]


class Executor(Protocol):
    """Runs process_document for jobs; results come back in order of completion."""

    capacity: int  # how many jobs may be in flight at once

    @property
    def in_flight(self) -> int: ...

    def submit(self, job: Job) -> None: ...

    def completed(self, wait_s: float) -> list[tuple[Job, WorkResult]]: ...

    def close(self, *, cancel: bool = False) -> None: ...


def _worker_context() -> multiprocessing.context.BaseContext:
    """forkserver: workers never fork the main process (which holds DuckDB's threads), and
    a worker starts fast because the server has the PDF readers and kmplan's extract and
    normalize imported already (pipeline/warm.py)."""
    # The fork server is started as `python -c ...`, which would put the directory kmplan
    # runs in first on its module path: a folder named pipeline/ or extract/ there would
    # stand in for kmplan's own. PYTHONSAFEPATH (Python 3.11+) keeps it off, here and in
    # every Python process started from this one later.
    os.environ["PYTHONSAFEPATH"] = "1"
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.warm"])
    return ctx


class _Pool(Protocol):
    """The part of pebble's ProcessPool used here, typed: pebble leaves stop() and close()
    unannotated, which strict mypy refuses to call."""

    def schedule(
        self,
        function: Callable[..., WorkResult],
        args: Iterable[object] = (),
        *,
        timeout: float | None = None,
    ) -> concurrent.futures.Future[WorkResult]: ...

    def stop(self) -> None: ...

    def close(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...


class LocalExecutor:
    """A pebble process pool: a worker past the time limit is killed and replaced."""

    def __init__(self, workers: int, limits: Limits, settings: ExtractSettings) -> None:
        from pebble import ProcessPool

        from pipeline.work import process_document

        self._work = process_document
        self.capacity = 2 * workers
        self._limits = limits
        self._settings = settings
        self._pool: _Pool = ProcessPool(
            max_workers=workers,
            max_tasks=limits.tasks_per_worker,
            initializer=limit_worker_memory,
            initargs=(limits.memory_mb,),
            context=_worker_context(),
        )
        self._pending: dict[concurrent.futures.Future[WorkResult], Job] = {}

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def submit(self, job: Job) -> None:
        future = self._pool.schedule(
            self._work,
            args=(str(job.path), job.data, self._settings),
            timeout=self._limits.timeout_s,
        )
        job.data = None
        self._pending[future] = job

    def completed(self, wait_s: float) -> list[tuple[Job, WorkResult]]:
        done, _ = concurrent.futures.wait(
            self._pending, timeout=wait_s, return_when=concurrent.futures.FIRST_COMPLETED
        )
        return [(self._pending.pop(future), self._result(future)) for future in done]

    def _result(self, future: concurrent.futures.Future[WorkResult]) -> WorkResult:
        from pebble import ProcessExpired

        try:
            result = future.result()
        except concurrent.futures.TimeoutError:
            return WorkFailed(reason=timeout_reason(self._limits.timeout_s or 0), kind="timeout")
        except MemoryError:
            return WorkFailed(reason=memory_reason(self._limits.memory_mb), kind="out-of-memory")
        except ProcessExpired as exc:  # killed by the system, or a crash in a C library
            return WorkFailed(reason=died_reason(exc.exitcode), kind="crashed")
        except Exception as exc:  # a bug: this file fails, the batch goes on
            return WorkFailed(reason=crash_reason(exc), kind="crashed")
        return limited(result, self._limits)

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            self._pool.stop()
        else:
            self._pool.close()
        self._pool.join()
        self._pending.clear()


def limited(result: WorkResult, limits: Limits) -> WorkResult:
    """An out-of-memory failure names the limit the worker ran under."""
    if isinstance(result, WorkFailed) and result.kind == "out-of-memory":
        return WorkFailed(reason=memory_reason(limits.memory_mb), kind="out-of-memory")
    return result
