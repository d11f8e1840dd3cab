"""Run one kmplan command under watch: an outer wall clock, a stall clock, peak memory.

Peak memory is the sum of the resident set sizes of the whole process tree (the command,
its fork server, its workers, their OCR children), sampled with psutil every `poll_s`.
That is what the memory guard speaks of (a limit per worker times the workers, plus the
main process) and what the machine has to hold. getrusage(RUSAGE_CHILDREN) is no help
for it: its ru_maxrss is the peak of the single largest descendant, never a sum, and only
of descendants that were waited for; it is printed beside the sum as a cross-check (it
misses no spike, where sampling can). RSS counts pages shared after fork once per
process, so the sum errs high, never low.

A command is hung when it outlives `timeout_s`, or prints nothing for `stall_s` (a batch
prints a line per file; a file may take the per-file limit, so a stall of several times
that is a hang, not a slow file). A hung tree is killed whole: the command runs in a
session of its own, and its process group is killed.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psutil

MB = 1 << 20


@dataclass
class Watched:
    args: list[str]
    code: int | None = None  # None: killed as hung
    out: bytes = b""
    err: bytes = b""
    seconds: float = 0.0
    peak_tree_mb: float = 0.0
    peak_main_mb: float = 0.0
    hung: str | None = None  # why it was killed
    leftovers: list[str] = field(default_factory=list)  # processes alive after the exit


class _Pipe(threading.Thread):
    """Collects a pipe's bytes and when the last line came."""

    def __init__(self, pipe: IO[bytes]) -> None:
        super().__init__(daemon=True)
        self._pipe = pipe
        self.chunks: list[bytes] = []
        self.last = time.monotonic()

    def run(self) -> None:
        for line in iter(self._pipe.readline, b""):
            self.chunks.append(line)
            self.last = time.monotonic()


def _tree_rss(root: psutil.Process) -> tuple[int, int]:
    """(the tree's summed RSS, the root's RSS) in bytes; processes that end meanwhile
    count as nothing."""
    total = main = 0
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for proc in procs:
        try:
            rss = proc.memory_info().rss
        except psutil.Error:
            continue
        total += rss
        if proc.pid == root.pid:
            main = rss
    return total, main


def watch(
    args: list[str],
    *,
    cwd: Path,
    timeout_s: float,
    stall_s: float | None = None,
    poll_s: float = 0.25,
    env: dict[str, str] | None = None,
) -> Watched:
    result = Watched(args=args)
    start = time.monotonic()
    proc = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, env={**os.environ, **(env or {})},
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    pipes = [_Pipe(proc.stdout), _Pipe(proc.stderr)]
    for pipe in pipes:
        pipe.start()
    root = psutil.Process(proc.pid)
    peak = peak_main = 0
    while proc.poll() is None:
        total, main = _tree_rss(root)
        peak, peak_main = max(peak, total), max(peak_main, main)
        now = time.monotonic()
        last = max(pipe.last for pipe in pipes)
        if now - start > timeout_s:
            result.hung = f"still running after {timeout_s:.0f} s"
        elif stall_s is not None and now - max(last, start) > stall_s:
            result.hung = f"no output for {stall_s:.0f} s"
        if result.hung:
            _kill_group(proc.pid)
            break
        time.sleep(poll_s)
    proc.wait()
    for pipe in pipes:
        pipe.join(timeout=10)
    result.code = None if result.hung else proc.returncode
    result.out, result.err = (b"".join(pipe.chunks) for pipe in pipes)
    result.seconds = time.monotonic() - start
    result.peak_tree_mb, result.peak_main_mb = peak / MB, peak_main / MB
    result.leftovers = _leftovers(proc.pid)
    return result


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _leftovers(pgid: int, grace_s: float = 5.0) -> list[str]:
    """Processes of the command's group still alive `grace_s` after it exited (a fork
    server or worker left behind keeps memory and cores); they are killed. Zombies are
    not counted: here PID 1 may never reap an orphan, and a zombie holds nothing."""
    end = time.monotonic() + grace_s
    while True:
        alive = []
        for proc in psutil.process_iter(["pid", "cmdline", "status"]):
            try:
                if os.getpgid(proc.pid) == pgid and proc.info["status"] != psutil.STATUS_ZOMBIE:
                    alive.append(f"{proc.pid} {' '.join(proc.info['cmdline'] or [])[:80]}")
            except (ProcessLookupError, psutil.Error):
                continue
        if not alive or time.monotonic() > end:
            break
        time.sleep(0.5)
    if alive:
        _kill_group(pgid)
    return alive


def largest_descendant_mb() -> float:
    """Peak RSS of the largest waited-for descendant so far (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
