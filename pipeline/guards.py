"""Per-file guards: how long one document may take and how much memory a worker may use.

A pathological PDF (an endless content stream, a decompression bomb, a page with millions of
operators) must fail alone with a clear reason instead of hanging or sinking the batch. The
page limit lives in ExtractSettings.max_pages; the limits here are enforced around the worker.
"""

from __future__ import annotations

import os
import resource
from dataclasses import dataclass

# A 25-page scan takes about a minute of OCR on 2 cores; a born-digital file a few seconds.
# The limit is there for files that never finish, so it leaves scans on slow machines room.
DEFAULT_TIMEOUT_S = 300.0
DEFAULT_MEMORY_MB = 4096
# A worker process is replaced after this many documents, so leaks cannot accumulate.
DEFAULT_TASKS_PER_WORKER = 200


@dataclass(frozen=True)
class Limits:
    timeout_s: float | None = DEFAULT_TIMEOUT_S  # None: no time limit
    memory_mb: int | None = DEFAULT_MEMORY_MB  # address-space limit of a local worker
    tasks_per_worker: int = DEFAULT_TASKS_PER_WORKER

    def __post_init__(self) -> None:
        if self.timeout_s is not None and self.timeout_s <= 0:
            raise ValueError("the time limit must be a positive number of seconds")
        if self.memory_mb is not None and self.memory_mb < 256:
            raise ValueError("the memory limit must be at least 256 MB")
        if self.tasks_per_worker < 1:
            raise ValueError("tasks_per_worker must be >= 1")


# FailureReason is imported in the two functions below, not at the top: the command line
# reads DEFAULT_TIMEOUT_S when it starts, and extract.vocab loads rapidfuzz with it.


def timeout_reason(seconds: float) -> str:
    from extract.vocab.codes import FailureReason

    return FailureReason.TIMEOUT.say(seconds=seconds)


def memory_reason(limit_mb: int | None) -> str:
    from extract.vocab.codes import FailureReason

    limit = f" (limit {limit_mb} MB per worker)" if limit_mb else ""
    return FailureReason.OUT_OF_MEMORY.say(limit=limit)


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def limit_worker_memory(memory_mb: int | None) -> None:
    """Worker initializer: cap the address space so a bomb raises MemoryError in the worker."""
    if not memory_mb:
        return
    soft = memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
