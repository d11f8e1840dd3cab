"""The solo executor: one worker process for a batch smaller than the pool (issue 14).

A run of one file, or of fewer new files than the pool has workers, gains nothing from a
pool but would pay for it: pebble's pool, the fork server loading kmplan before the first
worker is forked. Here one plain worker process (pipeline/solo_child.py), started by the
command line before it opens the warehouse (pipeline/solo_start.py), loads the PDF readers
meanwhile and reads the files one after the other.

Why a process and not the calling process itself: the guards must hold as they do in the
pool, and in the calling process they cannot. A time limit there (SIGALRM) cannot stop
PDFium or Tesseract inside a C call, and a memory limit (RLIMIT_AS) would make PDFium or
Tesseract abort the whole process on a failed allocation instead of raising MemoryError,
with DuckDB's writer in it. A worker process is killed at the time limit, dies alone when
memory runs out, and either way the file fails with one line and nothing of it is loaded.
"""

from __future__ import annotations

import time

from extract.settings import ExtractSettings
from pipeline.guards import Limits, timeout_reason
from pipeline.jobs import Job, WorkFailed, WorkResult, died_reason
from pipeline.solo_start import Child, take
from pipeline.workers import limited


class SoloExecutor:
    """One worker process, one file at a time, under the same guards as the pool."""

    capacity = 1

    def __init__(self, limits: Limits, settings: ExtractSettings) -> None:
        self._limits = limits
        self._settings = settings
        # Started by the command line already, or now: it loads while files are hashed.
        self._child: Child | None = take(limits.memory_mb) or Child(limits.memory_mb)
        self._job: Job | None = None
        self._deadline = float("inf")

    @property
    def in_flight(self) -> int:
        return 0 if self._job is None else 1

    def submit(self, job: Job) -> None:
        if self._job is not None:
            raise RuntimeError("the solo executor takes one file at a time")
        child = self._child = self._child or Child(self._limits.memory_mb)
        self._job = job
        limit = self._limits.timeout_s
        self._deadline = time.monotonic() + limit if limit is not None else float("inf")
        try:
            child.conn.send((str(job.path), job.data, self._settings))
        except OSError:
            pass  # the worker is gone: completed() says how it ended
        job.data = None

    def completed(self, wait_s: float) -> list[tuple[Job, WorkResult]]:
        job, child = self._job, self._child
        if job is None or child is None:
            return []
        wait = max(0.0, min(wait_s, self._deadline - time.monotonic()))
        if child.conn.poll(wait):
            result = self._receive(child)
        elif time.monotonic() >= self._deadline:
            self._retire(kill=True)
            result = WorkFailed(reason=timeout_reason(self._limits.timeout_s or 0), kind="timeout")
        else:
            return []
        self._job = None
        return [(job, limited(result, self._limits))]

    def _receive(self, child: Child) -> WorkResult:
        try:
            result: WorkResult = child.conn.recv()
        except (EOFError, OSError):  # killed by the system, or a crash in a C library
            self._retire(kill=True)
            return WorkFailed(reason=died_reason(child.process.returncode), kind="crashed")
        return result

    def _retire(self, *, kill: bool) -> None:
        if self._child is not None:
            self._child.stop(kill=kill)
            self._child = None  # a next file gets a new worker

    def close(self, *, cancel: bool = False) -> None:
        self._retire(kill=cancel or self._job is not None)
        self._job = None
