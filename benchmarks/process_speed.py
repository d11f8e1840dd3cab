"""Whole-process speed: what a user waits for, side by side with the bare library.

Each round runs, as separate processes started from scratch, on the same file:
  bare     python -c: pdfplumber.open(file); page.extract_tables() on every page
  kmplan   kmplan ingest FILE --db NEW.duckdb   (imports, extraction, normalize, load)

Rounds alternate the two so that a busy neighbour slows both alike; the medians and their
ratio are printed for each file (a ratio under 1.0 means kmplan is faster than the bare
library). By default: the 25-page born-digital announcement and a 2-page plan.

Usage:  .venv/bin/python benchmarks/process_speed.py [PDF ...] [--rounds N]
"""

from __future__ import annotations

import argparse
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


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[:300]}")
    return elapsed


def _kmplan(pdf: Path, folder: Path, round_no: int) -> list[str]:
    kmplan = BIN / "kmplan"
    db = folder / f"bench-{round_no}.duckdb"
    return [str(kmplan), "ingest", str(pdf), "--db", str(db)]


def measure(pdf: Path, rounds: int) -> tuple[float, float]:
    bare: list[float] = []
    ours: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for round_no in range(rounds):
            bare.append(_timed([sys.executable, "-c", BARE, str(pdf)]))
            ours.append(_timed(_kmplan(pdf, Path(folder), round_no)))
    return statistics.median(bare), statistics.median(ours)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=list(DEFAULT_PDFS))
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':<40} {'bare pdfplumber':>16} {'kmplan ingest':>14} {'ratio':>7}")
    for pdf in args.pdfs:
        bare, ours = measure(pdf, args.rounds)
        print(f"{pdf.name:<40} {bare:>15.2f}s {ours:>13.2f}s {ours / bare:>6.2f}x")
    print(f"(medians of {args.rounds} rounds, each a new process; ratio = kmplan / bare)")


if __name__ == "__main__":
    main()
