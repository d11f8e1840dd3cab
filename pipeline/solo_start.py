"""Starting the solo worker (pipeline/solo.py) early: light on purpose, so that the
command line can start it before it loads DuckDB and opens the warehouse, and the worker
loads the PDF readers meanwhile, on the other core.

`kmplan ingest` calls prestart() when the run is small enough for the solo worker; the
run's SoloExecutor takes it; discard() stops one that no file needed (all were in the
warehouse already). A worker also ends by itself when this process does.
"""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from collections.abc import Iterable
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path

_CLOSE_WAIT_S = 5.0


class Child:
    """One worker process and our end of its socket."""

    def __init__(self, memory_mb: int | None) -> None:
        ours, theirs = multiprocessing.Pipe(duplex=True)
        # -P: the directory kmplan runs in is not put on the worker's module path.
        command = [sys.executable, "-P", "-m", "pipeline.solo_child", str(theirs.fileno())]
        self.memory_mb = memory_mb
        self.process = subprocess.Popen(
            [*command, str(memory_mb or 0)],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn: Connection = ours

    def stop(self, *, kill: bool) -> None:
        self.conn.close()  # the worker ends when its socket does
        if not kill:
            try:
                self.process.wait(_CLOSE_WAIT_S)
                return
            except subprocess.TimeoutExpired:
                pass
        self.process.kill()
        self.process.wait()


_spare: list[Child] = []


def solo_run(files: int, workers: int) -> bool:
    """Whether a run with at most `files` new files goes to the solo worker rather than a
    pool of `workers` (one file, or fewer files than workers)."""
    return files < max(2, workers)


def prestart(paths: Iterable[Path], workers: int | None, memory_mb: int | None) -> None:
    """Start the solo worker now if the files below `paths` make a small run for
    `workers` (None: the cores) local workers."""
    from pipeline.guards import default_workers
    from pipeline.inputs import Rejected, iter_inputs

    cores = default_workers()
    count = min(workers, cores) if workers else cores  # as IngestOptions.worker_count()
    found = (item for item in iter_inputs(paths) if not isinstance(item, Rejected))
    files = sum(1 for _ in islice(found, max(2, count)))  # a large folder: no more than that
    if files and solo_run(files, count) and not _spare:
        _spare.append(Child(memory_mb))


def take(memory_mb: int | None) -> Child | None:
    """The worker prestart() started, if it runs under this memory limit."""
    if _spare and _spare[0].memory_mb == memory_mb and _spare[0].process.poll() is None:
        return _spare.pop()
    discard()
    return None


def discard() -> None:
    while _spare:
        _spare.pop().stop(kill=True)
