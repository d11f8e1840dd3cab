"""The worker process of the solo executor (pipeline/solo.py), run as
`python -P -m pipeline.solo_child FD MEMORY_MB`.

It loads the work (the PDF readers, kmplan's extract and normalize) before it waits for
the first file, caps its own address space as the pool's workers do, then reads jobs from
the socket FD, one at a time, and sends each result back; it ends when the socket closes.
"""

from __future__ import annotations

import signal
import sys
from multiprocessing.connection import Connection

from extract.settings import ExtractSettings
from pipeline.guards import limit_worker_memory, memory_reason
from pipeline.jobs import WorkFailed, WorkResult, crash_reason
from pipeline.work import process_document


def _work(path: str, data: bytes, settings: ExtractSettings) -> WorkResult:
    try:
        return process_document(path, data, settings)
    except Exception as exc:  # a bug: this file fails, the worker goes on
        return WorkFailed(reason=crash_reason(exc), kind="crashed")


def serve(fd: int, memory_mb: int) -> None:
    # Ctrl-C is the calling process's to handle: it stops this worker, which prints nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_worker_memory(memory_mb or None)
    conn = Connection(fd)
    while True:
        try:
            path, data, settings = conn.recv()  # what SoloExecutor.submit sends
        except (EOFError, OSError):
            return
        except MemoryError:  # the file's bytes alone are past the limit
            conn.send(WorkFailed(reason=memory_reason(None), kind="out-of-memory"))
            continue
        conn.send(_work(path, data, settings))


if __name__ == "__main__":
    serve(int(sys.argv[1]), int(sys.argv[2]))
