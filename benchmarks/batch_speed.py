"""Batch ingest speed and memory: 1 worker against all cores, and 50 against 200 documents.

    .venv/bin/python benchmarks/batch_speed.py [--speed-docs 20] [--repeats 3]
                                               [--memory-docs 50 200]

The corpus comes from benchmarks/make_corpus.py (distinct documents: bases re-rendered from
the seed with other departments, then varied in year, province and digits with pikepdf;
rendered bases are cached, so only the first run needs LibreOffice's time).

Speed: both worker counts ingest the same corpus, in this process (pipeline.ingest),
each into a fresh warehouse. A first untimed run starts the fork server (shared by every
later pool), reads the corpus into the page cache and imports everything. Then the timed
runs alternate 1, N, N, 1, 1, N ... so that a slow spell of the VM hits both sides alike;
the figures are medians, the speed-up the median of each adjacent pair's ratio. During
every timed run the CPU time of this process tree and of the whole machine is sampled:
what the machine spent beyond this tree is other processes' work, which competes with
the workers for the same cores.

Memory: every measurement is a fresh `python -m pipeline ingest` subprocess into a fresh
warehouse; its peak is the peak of the summed proportional set size (PSS: shared pages
split between the processes that share them) of the whole process tree (main process,
fork server, workers), sampled every 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

from make_corpus import build_corpus  # noqa: E402

from pipeline.ingest import IngestOptions, ingest  # noqa: E402

# Other processes' load below which an N-worker run counts as having had the cores to itself.
QUIET_CORES = 0.3


@dataclass
class Measure:
    seconds: float
    pages: int
    peak_mb: float = 0.0
    tree_cpu_s: float = 0.0  # CPU time of this process tree (main, fork server, workers)
    main_cpu_s: float = 0.0  # CPU time of the main process alone
    machine_cpu_s: float = 0.0  # CPU time of the whole machine, every process

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds

    @property
    def others_cores(self) -> float:
        """Cores other processes kept busy on average during the run."""
        return max(0.0, self.machine_cpu_s - self.tree_cpu_s) / self.seconds


def make_corpus(n: int, folder: Path) -> Path:
    build_corpus(n, folder)  # one seed: every corpus shares the same cached bases
    return folder


def _busy_s() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


class TreeCpu:
    """CPU seconds of this process and its descendants, sampled every 0.25 s from /proc
    (cheap, unlike memory), keeping the last value seen for workers that have exited."""

    def __init__(self) -> None:
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeCpu:
        self._sample()
        self._start = dict(self._last)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def _sample(self) -> None:
        me = psutil.Process()
        for proc in [me, *me.children(recursive=True)]:
            try:
                times = proc.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            self._last[proc.pid] = times.user + times.system

    @property
    def seconds(self) -> float:
        return sum(v - self._start.get(pid, 0.0) for pid, v in self._last.items())

    @property
    def main_seconds(self) -> float:
        """This process alone: the single writer (DuckDB loads, run log), hashing, the pool's
        threads and result unpickling."""
        pid = os.getpid()
        return self._last[pid] - self._start[pid]


def timed_ingest(corpus: Path, workers: int, scratch: Path) -> Measure:
    db = scratch / f"w{workers}-{time.monotonic_ns()}.duckdb"
    machine = _busy_s()
    with TreeCpu() as tree:
        start = time.perf_counter()
        report = ingest([corpus], db, options=IngestOptions(workers=workers))
        seconds = time.perf_counter() - start
    machine = _busy_s() - machine
    if not report.ok or report.count("ingested") == 0:
        raise SystemExit(f"ingest failed: {[(o.path, o.reason) for o in report.outcomes]}")
    db.unlink()
    return Measure(
        seconds,
        report.pages,
        tree_cpu_s=tree.seconds,
        main_cpu_s=tree.main_seconds,
        machine_cpu_s=machine,
    )


def _tree_memory(proc: psutil.Process) -> int:
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return total


def subprocess_ingest(corpus: Path, workers: int, scratch: Path) -> Measure:
    """One `kmplan ingest` subprocess, its tree's memory sampled every 0.5 s."""
    db = scratch / f"w{workers}-{time.monotonic_ns()}.duckdb"
    command = [sys.executable, "-m", "pipeline", "ingest", str(corpus), "--db", str(db)]
    start = time.perf_counter()
    proc = psutil.Popen([*command, "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_memory(proc))
        time.sleep(0.5)
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
    parser.add_argument("--speed-docs", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per worker count")
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


def _line(label: str, runs: list[Measure]) -> str:
    rates = ", ".join(f"{m.pages_per_s:.1f}" for m in runs)
    seconds = statistics.median(m.seconds for m in runs)
    rate = statistics.median(m.pages_per_s for m in runs)
    others = statistics.median(m.others_cores for m in runs)
    return (
        f"{label:<11}{seconds:7.1f} s  {rate:6.1f} pages/s (median; runs: {rates}); "
        f"other processes busy: {others:.2f} cores"
    )


def speed(args: argparse.Namespace, scratch: Path) -> None:
    corpus = make_corpus(args.speed_docs, scratch / f"corpus-{args.speed_docs}")
    n = args.workers
    warm = timed_ingest(corpus, n, scratch)  # fork server, page cache, imports: untimed
    print(f"corpus: {args.speed_docs} documents, {warm.pages} pages (warm-up {warm.seconds:.1f} s)")
    ceilings = [cpu_ceiling(n)]
    runs: dict[int, list[Measure]] = {1: [], n: []}
    ratios: list[float] = []
    for repeat in range(args.repeats):
        order = (1, n) if repeat % 2 == 0 else (n, 1)  # ABBA: drift hits both sides alike
        pair = {w: timed_ingest(corpus, w, scratch) for w in order}
        for w, measure in pair.items():
            runs[w].append(measure)
        ratios.append(pair[1].seconds / pair[n].seconds)
        print(
            f"  repeat {repeat + 1}: 1 worker {pair[1].pages_per_s:.1f} pages/s, {n} workers "
            f"{pair[n].pages_per_s:.1f} pages/s, speed-up {ratios[-1]:.2f}x; other processes "
            f"busy {pair[1].others_cores:.2f} / {pair[n].others_cores:.2f} cores",
            flush=True,
        )
    ceilings.append(cpu_ceiling(n))
    print(_line("1 worker:", runs[1]))
    print(_line(f"{n} workers:", runs[n]))
    ratio = ", ".join(f"{r:.2f}" for r in ratios)
    print(
        f"speed-up: {statistics.median(ratios):.2f}x on {n} cores (median of pairs: {ratio}; "
        f"goal >= 1.8x on 2)"
    )
    quiet = [r for r, m in zip(ratios, runs[n], strict=True) if m.others_cores < QUIET_CORES]
    if quiet:
        print(
            f"  in the {len(quiet)} pair(s) whose {n}-worker run had other processes below "
            f"{QUIET_CORES} cores: {statistics.median(quiet):.2f}x (median)"
        )
    per_cpu = {w: statistics.median(m.pages / m.tree_cpu_s for m in runs[w]) for w in (1, n)}
    print(
        f"pages per CPU-second of kmplan: 1 worker {per_cpu[1]:.2f}, {n} workers "
        f"{per_cpu[n]:.2f} (equal: running in parallel costs no extra CPU, and what the "
        "wall-clock speed-up lacks is CPU the workers did not get)"
    )
    tree = statistics.median(m.tree_cpu_s / m.seconds for m in runs[n])
    main = statistics.median(m.main_cpu_s / m.tree_cpu_s for m in runs[n])
    print(
        f"{n} workers kept {tree:.2f} cores busy for kmplan (of {n}); the main process "
        f"(single writer) used {100 * main:.1f}% of that CPU time"
    )
    print(
        "this machine's own speed-up for a pure-Python loop, before and after: "
        + ", ".join(f"{c:.2f}x" for c in ceilings)
    )


def memory(args: argparse.Namespace, scratch: Path) -> None:
    small_n, large_n = args.memory_docs
    small_corpus = make_corpus(small_n, scratch / f"corpus-{small_n}")
    large_corpus = make_corpus(large_n, scratch / f"corpus-{large_n}")
    small = subprocess_ingest(small_corpus, args.workers, scratch)
    large = subprocess_ingest(large_corpus, args.workers, scratch)
    print(f"peak memory (PSS of the process tree), {args.workers} workers:")
    print(f"  {small_n:4d} documents: {small.peak_mb:7.1f} MB  ({small.pages_per_s:.1f} pages/s)")
    print(f"  {large_n:4d} documents: {large.peak_mb:7.1f} MB  ({large.pages_per_s:.1f} pages/s)")
    ratio = large.peak_mb / small.peak_mb
    print(f"ratio {large_n}/{small_n}: {ratio:.2f} (goal: within 20%)")


if __name__ == "__main__":
    main()
