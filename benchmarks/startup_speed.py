"""Start-up speed of the read commands: what a user waits for, beside DuckDB alone.

Each round runs, as separate processes started from scratch, on the same warehouse:
  duckdb   python -c: import duckdb; duckdb.connect(DB, read_only=True).execute('select 1')
  help     kmplan --help
  query    kmplan query "select 1" --db DB

Rounds alternate the three so that a busy neighbour slows them alike. For each command the
medians of wall-clock time and of CPU time (user + system, which a busy machine disturbs
less) are printed beside DuckDB's, with their ratio (goal: 1.5x at most).
Without --db, the born-digital sample is ingested into a temporary warehouse first.

Usage:  .venv/bin/python benchmarks/startup_speed.py [--db WAREHOUSE] [--rounds N]
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
SAMPLE = ROOT / "samples" / "tak-pao-km-plan-2566.pdf"
KMPLAN = Path(sys.executable).parent / "kmplan"
DUCKDB_ALONE = (
    "import sys, duckdb\n"
    "duckdb.connect(sys.argv[1], read_only=True).execute('select 1').fetchall()\n"
)
GOAL = 1.5


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one run of `command`."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[:300]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def commands(db: Path) -> dict[str, list[str]]:
    return {
        "duckdb": [sys.executable, "-c", DUCKDB_ALONE, str(db)],
        "kmplan --help": [str(KMPLAN), "--help"],
        'kmplan query "select 1"': [str(KMPLAN), "query", "select 1", "--db", str(db)],
    }


def measure(db: Path, rounds: int) -> dict[str, tuple[float, float]]:
    """Per command: the median wall-clock and CPU seconds of `rounds` runs."""
    runs = commands(db)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, command in runs.items():
            times[name].append(_timed(command))
    return {
        name: (statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
        for name, got in times.items()
    }


def _warehouse(folder: Path) -> Path:
    db = folder / "startup.duckdb"
    subprocess.run(
        [str(KMPLAN), "ingest", str(SAMPLE), "--db", str(db)],
        capture_output=True,
        check=True,
        timeout=600,
    )
    return db


def report(medians: dict[str, tuple[float, float]], rounds: int) -> None:
    base_wall, base_cpu = medians["duckdb"]
    wall_head = f"{'wall':>8} {'duckdb':>8} {'ratio':>7}"
    cpu_head = f"{'cpu':>8} {'duckdb':>8} {'ratio':>7}"
    print(f"{'command':<26} {wall_head}   {cpu_head}")
    for name, (wall, cpu) in medians.items():
        if name == "duckdb":
            continue
        print(
            f"{name:<26} {wall:>7.3f}s {base_wall:>7.3f}s {wall / base_wall:>6.2f}x"
            f"   {cpu:>7.3f}s {base_cpu:>7.3f}s {cpu / base_cpu:>6.2f}x"
        )
    print(
        f"(medians of {rounds} rounds, each a new process; ratio = kmplan / duckdb alone, "
        f"goal <= {GOAL}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="an existing warehouse")
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db if args.db is not None else _warehouse(Path(folder))
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        report(measure(db, args.rounds), args.rounds)
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
