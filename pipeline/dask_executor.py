"""Running the per-document work as tasks on a Dask distributed cluster.

The tasks are the same process_document calls the local pool runs; each receives the
document's bytes (scattered to the cluster), so workers need no shared file system. The
warehouse load stays in the calling process: one writer.

Time limit: Dask cannot interrupt a running task. A task past the limit is reported as timed
out and forgotten; when the cluster's workers run under a nanny (the default for
`dask worker` / `dask-worker`), the worker that runs it is restarted so the runaway work stops.
"""

from __future__ import annotations

import time
from typing import Any

from extract import ExtractSettings
from pipeline.guards import Limits, timeout_reason
from pipeline.workers import Job, WorkFailed, WorkResult, crash_reason


class ExecutorSetupError(Exception):
    """The executor could not be started (missing package, unreachable scheduler)."""


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ExecutorSetupError("--executor dask needs Dask: pip install 'kmplan[dask]'") from None
    return distributed


class DaskExecutor:
    def __init__(
        self,
        scheduler: str,
        limits: Limits,
        settings: ExtractSettings,
        *,
        connect_timeout_s: float = 20.0,
    ) -> None:
        distributed = _import_distributed()
        try:
            self._client = distributed.Client(
                scheduler, timeout=connect_timeout_s, set_as_default=False
            )
        except (OSError, TimeoutError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ExecutorSetupError(
                f"cannot reach the Dask scheduler at {scheduler}: {first}"
            ) from None
        threads = sum(self._client.nthreads().values())
        # Tasks start as soon as they arrive, so the time limit counts from submission.
        self.capacity = max(1, threads)
        self._limits = limits
        self._settings = settings
        self._pending: dict[Any, Job] = {}

    @property
    def in_flight(self) -> int:
        return len(self._pending)

    def submit(self, job: Job) -> None:
        # Here, not at the top: the command line starts without the PDF readers.
        from pipeline.work import process_document

        [data] = self._client.scatter([job.data], hash=False)
        future = self._client.submit(
            process_document,
            str(job.path),
            data,
            self._settings,
            pure=False,
            key=f"kmplan-{job.file_no}-{job.sha256[:16]}",
        )
        job.data = None
        job.submitted_at = time.time()
        self._pending[future] = job

    def completed(self, wait_s: float) -> list[tuple[Job, WorkResult]]:
        deadline = time.monotonic() + wait_s
        while True:
            results = self._collect()
            if results or time.monotonic() >= deadline:
                return results
            time.sleep(min(0.05, wait_s))

    def _collect(self) -> list[tuple[Job, WorkResult]]:
        results: list[tuple[Job, WorkResult]] = []
        now = time.time()
        for future, job in list(self._pending.items()):
            if future.done():
                results.append((self._pending.pop(future), self._result(future)))
            elif self._limits.timeout_s and now - job.submitted_at > self._limits.timeout_s:
                self._abandon(future)
                failed = WorkFailed(reason=timeout_reason(self._limits.timeout_s), kind="timeout")
                results.append((self._pending.pop(future), failed))
        return results

    def _result(self, future: Any) -> WorkResult:
        try:
            result: WorkResult = future.result()
        except Exception as exc:  # a dead worker (KilledWorker) or a bug
            return WorkFailed(reason=crash_reason(exc), kind="crashed")
        finally:
            future.release()
        return result

    def _abandon(self, future: Any) -> None:
        """Forget a runaway task and restart the worker that runs it (needs a nanny)."""
        try:
            processing = self._client.processing()
            workers = [w for w, keys in processing.items() if future.key in keys]
            future.cancel()
            if workers:
                self._client.restart_workers(workers, raise_for_error=False)
        except Exception:  # best effort: a cluster without nannies cannot restart workers
            pass

    def close(self, *, cancel: bool = False) -> None:
        for future in self._pending:
            future.cancel()
        self._pending.clear()
        self._client.close()
