"""The per-document work (extract + normalize) and the local process-pool executor.

Workers receive a document's bytes and return a NormalizedDocument or a typed failure; they
never touch the warehouse. The main process is the only writer.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from pebble import ProcessExpired, ProcessPool
from pydantic import BaseModel

from extract import ExtractError, ExtractSettings, extract_document
from extract.vocab.codes import FailureReason
from normalize.document import normalize_document
from normalize.models import NormalizedDocument
from pipeline.guards import Limits, limit_worker_memory, memory_reason, timeout_reason

FailureKind = Literal["rejected", "timeout", "out-of-memory", "crashed"]


@dataclass
class Job:
    """One file on its way through a worker. `data` is dropped once the worker has it."""

    file_no: int
    path: Path
    sha256: str
    data: bytes | None
    submitted_at: float = field(default_factory=time.time)


class WorkDone(BaseModel):
    document: NormalizedDocument
    seconds: float


class WorkFailed(BaseModel):
    reason: str  # one line
    kind: FailureKind
    seconds: float = 0.0


WorkResult = WorkDone | WorkFailed


def process_document(path: str, data: bytes, settings: ExtractSettings) -> WorkResult:
    """Extract and normalize one document; expected failures come back as WorkFailed."""
    start = time.perf_counter()
    try:
        raw = extract_document(Path(path), settings, data=data)
        doc = normalize_document(raw)
    except ExtractError as exc:
        return WorkFailed(reason=str(exc), kind="rejected", seconds=time.perf_counter() - start)
    except MemoryError:
        return WorkFailed(reason=memory_reason(None), kind="out-of-memory")
    except RecursionError:
        reason = FailureReason.DAMAGED_PDF.say(detail="objects nested too deeply")
        return WorkFailed(reason=reason, kind="rejected")
    return WorkDone(document=doc, seconds=time.perf_counter() - start)


def crash_reason(exc: BaseException) -> str:
    """A bug or a dead worker, as one line; the batch goes on without this file."""
    if isinstance(exc, ProcessExpired):
        return FailureReason.WORKER_DIED.say(exit_code=exc.exitcode)
    text = str(exc).strip().splitlines()
    detail = f": {text[0][:160]}" if text else ""
    return FailureReason.INTERNAL_ERROR.say(error=type(exc).__name__, detail=detail)


class Executor(Protocol):
    """Runs process_document for jobs; results come back in order of completion."""

    capacity: int  # how many jobs may be in flight at once

    @property
    def in_flight(self) -> int: ...

    def submit(self, job: Job) -> None: ...

    def completed(self, wait_s: float) -> list[tuple[Job, WorkResult]]: ...

    def close(self, *, cancel: bool = False) -> None: ...


def warm_up() -> None:
    """Build what every worker would otherwise build on its first document: PyThaiNLP's
    word trie (newmm; about 0.7 s). Done once in the fork server, so each worker forked
    from it, and each replacement after `tasks_per_worker` documents, starts warm."""
    try:
        from pythainlp.tokenize import word_tokenize

        word_tokenize("แผนการจัดการความรู้", engine="newmm", keep_whitespace=False)
    except Exception:  # noqa: BLE001 - a cold worker is slower, never wrong
        pass


def _worker_context() -> multiprocessing.context.BaseContext:
    """forkserver: workers never fork the main process (which holds DuckDB's threads), and
    a worker starts fast because the server has kmplan imported and warmed up already."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.workers", "pipeline.warm"])
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
            process_document,
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
        try:
            result = future.result()
        except concurrent.futures.TimeoutError:
            return WorkFailed(reason=timeout_reason(self._limits.timeout_s or 0), kind="timeout")
        except MemoryError:
            return WorkFailed(reason=memory_reason(self._limits.memory_mb), kind="out-of-memory")
        except Exception as exc:  # a dead worker or a bug: this file fails, the batch goes on
            return WorkFailed(reason=crash_reason(exc), kind="crashed")
        if isinstance(result, WorkFailed) and result.kind == "out-of-memory":
            return WorkFailed(reason=memory_reason(self._limits.memory_mb), kind="out-of-memory")
        return result

    def close(self, *, cancel: bool = False) -> None:
        if cancel:
            self._pool.stop()
        else:
            self._pool.close()
        self._pool.join()
        self._pending.clear()
