"""Whole-process speed: what a user waits for, side by side with the bare library.

Each round runs, as separate processes started from scratch, on the same file:
  bare     python -c: pdfplumber.open(file); page.extract_tables() on every page
  kmplan   kmplan ingest FILE --db NEW.duckdb   (imports, extraction, normalize, load)

Rounds alternate the two so that a busy neighbour slows both alike; for each file the
medians of wall-clock time and of CPU time (user + system of the process and its children:
kmplan's worker is one; a busy machine disturbs it less) are printed with their ratios (a
ratio under 1.0 means kmplan is faster than the bare library), and the load average
before and after. By default: the 25-page born-digital announcement and a 2-page plan.

Usage:  .venv/bin/python benchmarks/process_speed.py [PDF ...] [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PDFS = (
    ROOT / "samples" / "tak-pao-km-plan-2566.pdf",
    ROOT / "samples" / "sci-faculty-km-plan-2566.pdf",
)
BIN = Path(sys.executable).parent
BARE = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages:\n"
    "        page.extract_tables()\n"
    "        page.close()\n"
)


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, children included) of one run."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[:300]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return elapsed, cpu


def _kmplan(pdf: Path, folder: Path, round_no: int) -> list[str]:
    kmplan = BIN / "kmplan"
    db = folder / f"bench-{round_no}.duckdb"
    return [str(kmplan), "ingest", str(pdf), "--db", str(db)]


Times = tuple[float, float, float, float]  # bare wall, kmplan wall, bare cpu, kmplan cpu


def measure(pdf: Path, rounds: int) -> Times:
    """Medians over `rounds`; the two commands alternate, and which goes first too."""
    bare: list[tuple[float, float]] = []
    ours: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for round_no in range(rounds):
            runs = [
                (bare, [sys.executable, "-c", BARE, str(pdf)]),
                (ours, _kmplan(pdf, Path(folder), round_no)),
            ]
            for into, command in runs if round_no % 2 == 0 else runs[::-1]:
                into.append(_timed(command))
    return (
        statistics.median(t[0] for t in bare),
        statistics.median(t[0] for t in ours),
        statistics.median(t[1] for t in bare),
        statistics.median(t[1] for t in ours),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=list(DEFAULT_PDFS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    head = f"{'bare':>8} {'kmplan':>8} {'ratio':>7}"
    print(f"{'file':<34} {'wall':>5}{head}   {'cpu':>4}{head}")
    for pdf in args.pdfs:
        bare, ours, bare_cpu, ours_cpu = measure(pdf, args.rounds)
        print(
            f"{pdf.name:<34}      {bare:>7.2f}s {ours:>7.2f}s {ours / bare:>6.2f}x"
            f"       {bare_cpu:>7.2f}s {ours_cpu:>7.2f}s {ours_cpu / bare_cpu:>6.2f}x"
        )
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        f"(medians of {args.rounds} rounds, each a new process; ratio = kmplan / bare; "
        "bare = pdfplumber extract_tables() on every page)"
    )


if __name__ == "__main__":
    main()
