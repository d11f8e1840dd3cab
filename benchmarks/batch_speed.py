"""Batch ingest speed and memory: 1 worker against all cores, and 50 against 200 documents.

    .venv/bin/python benchmarks/batch_speed.py [--speed-docs 12] [--memory-docs 50 200]

The corpus comes from benchmarks/make_corpus.py (distinct documents re-rendered from the
sample with pikepdf; no LibreOffice needed). Every measurement is a fresh
`python -m kmplan ingest` subprocess into a fresh warehouse; its peak memory is the peak of
the summed proportional set size (PSS: shared pages split between the processes that share
them) of the whole process tree (main process, fork server, workers), sampled every 0.5 s
(the speed runs are not sampled).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_corpus import SAMPLE, make_document  # noqa: E402


@dataclass
class Measure:
    seconds: float
    pages: int
    peak_mb: float

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds


def make_corpus(n: int, folder: Path) -> Path:
    import random

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(n)
    for i in range(1, n + 1):
        make_document(SAMPLE, folder / f"km-plan-{i:05d}.pdf", rng)
    return folder


def _tree_memory(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def run_ingest(corpus: Path, workers: int, scratch: Path, memory: bool = False) -> Measure:
    """One ingest subprocess. With `memory`, sample the tree's memory every 0.5 s (reading
    smaps costs CPU, so the speed runs do not sample)."""
    db = scratch / f"w{workers}-{time.monotonic_ns()}.duckdb"
    command = [sys.executable, "-m", "kmplan", "ingest", str(corpus), "--db", str(db)]
    start = time.perf_counter()
    proc = psutil.Popen([*command, "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL)
    peak = 0
    while memory and proc.poll() is None:
        peak = max(peak, _tree_memory(proc))
        time.sleep(0.5)
    proc.wait()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed with exit code {proc.returncode}")
    conn = duckdb.connect(str(db), read_only=True)
    pages = conn.execute("SELECT sum(page_count) FROM documents").fetchone()[0]
    conn.close()
    return Measure(seconds=seconds, pages=int(pages), peak_mb=peak / 2**20)


def _spin(_: int) -> float:
    start = time.perf_counter()
    x = 0
    for i in range(20_000_000):
        x += i
    return time.perf_counter() - start


def cpu_ceiling(workers: int) -> float:
    """The machine's own speed-up for pure-Python work in `workers` processes at once."""
    from concurrent.futures import ProcessPoolExecutor

    one = _spin(0)
    with ProcessPoolExecutor(workers) as pool:
        start = time.perf_counter()
        list(pool.map(_spin, range(workers)))
        many = time.perf_counter() - start
    return workers * one / many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--speed-docs", type=int, default=12)
    parser.add_argument("--memory-docs", type=int, nargs=2, default=[50, 200])
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kmplan-bench-") as tmp:
        scratch = Path(tmp)
        if not args.skip_speed:
            speed(args, scratch)
        if not args.skip_memory:
            memory(args, scratch)


def speed(args: argparse.Namespace, scratch: Path) -> None:
    corpus = make_corpus(args.speed_docs, scratch / f"corpus-{args.speed_docs}")
    one = run_ingest(corpus, 1, scratch)
    many = run_ingest(corpus, args.workers, scratch)
    print(f"corpus: {args.speed_docs} documents, {one.pages} pages")
    print(f"1 worker:   {one.seconds:7.1f} s  {one.pages_per_s:6.1f} pages/s")
    print(f"{args.workers} workers:  {many.seconds:7.1f} s  {many.pages_per_s:6.1f} pages/s")
    speedup = one.seconds / many.seconds
    print(f"speed-up: {speedup:.2f}x on {args.workers} cores (goal >= 1.8x on 2)")
    ceiling = cpu_ceiling(args.workers)
    print(f"this machine's own speed-up for a pure-Python loop: {ceiling:.2f}x")


def memory(args: argparse.Namespace, scratch: Path) -> None:
    small_n, large_n = args.memory_docs
    small = run_ingest(
        make_corpus(small_n, scratch / f"corpus-{small_n}"), args.workers, scratch, memory=True
    )
    large = run_ingest(
        make_corpus(large_n, scratch / f"corpus-{large_n}"), args.workers, scratch, memory=True
    )
    print(f"peak memory (PSS of the process tree), {args.workers} workers:")
    print(f"  {small_n:4d} documents: {small.peak_mb:7.1f} MB  ({small.pages_per_s:.1f} pages/s)")
    print(f"  {large_n:4d} documents: {large.peak_mb:7.1f} MB  ({large.pages_per_s:.1f} pages/s)")
    ratio = large.peak_mb / small.peak_mb
    print(f"ratio {large_n}/{small_n}: {ratio:.2f} (goal: within 20%)")


if __name__ == "__main__":
    main()
