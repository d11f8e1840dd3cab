"""Audit speed: `kmplan audit` over 1,000 organizations x 5 fiscal years.

The warehouse is compare_speed.py's (the three year samples copied into N organizations x
5 fiscal years). Timed, best of R rounds:
  in-process  install the rules on a read-only connection and fetch every finding
              (warehouse.audit.prepare + findings), and the per-year summary
  process     `kmplan audit --format csv --out FILE` and `kmplan audit --summary`, whole
              (interpreter start, imports, organization keys, writing the output)

Each figure is the best wall-clock time and the best CPU time (all threads, and the child
process for the whole-process figures): on a shared machine the wall clock says as much
about the other users as about kmplan.

Usage:  .venv/bin/python -m benchmarks.audit_speed [--orgs 1000] [--rounds 3] [--db FILE]
Goal: every figure under 5 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from benchmarks.compare_speed import YEARS, build
from warehouse.audit import AuditFilter, findings, prepare, summary

KMPLAN = Path(sys.executable).with_name("kmplan")


def cpu_seconds() -> float:
    """CPU time of this process and its finished children, every thread: on a machine
    others load too, it says what the audit costs when the wall clock cannot."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best_of(rounds: int, work: Callable[[], int]) -> tuple[float, float, int]:
    """The best wall-clock and the best CPU seconds of `rounds` runs, and work's size."""
    best, best_cpu, size = float("inf"), float("inf"), 0
    for _ in range(rounds):
        start, cpu = time.perf_counter(), cpu_seconds()
        size = work()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, cpu_seconds() - cpu)
    return best, best_cpu, size


def in_process(db: Path, summary_only: bool) -> int:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        prepare(conn)
        if summary_only:
            return len(summary(conn, AuditFilter()).rows)
        return len(findings(conn, AuditFilter()).fetchall())
    finally:
        conn.close()


def whole_process(db: Path, out: Path, *options: str) -> int:
    command = [str(KMPLAN), "audit", "--db", str(db), *options, "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True)
    return len(out.read_text(encoding="utf-8").splitlines()) - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", type=Path, help="keep (or reuse) the generated warehouse here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "audit.duckdb"
        if not db.exists():
            start = time.perf_counter()
            build(db, args.orgs)
            print(f"built in {time.perf_counter() - start:.1f} s")
        out = Path(folder) / "findings.csv"
        figures = [
            ("in-process findings", best_of(args.rounds, lambda: in_process(db, False))),
            ("in-process summary ", best_of(args.rounds, lambda: in_process(db, True))),
            ("kmplan audit --format csv", best_of(
                args.rounds, lambda: whole_process(db, out, "--format", "csv"))),
            ("kmplan audit --summary   ", best_of(
                args.rounds, lambda: whole_process(db, out, "--summary", "--format", "csv"))),
        ]  # fmt: skip
        conn = duckdb.connect(str(db), read_only=True)
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM plans), "
            "(SELECT count(*) FROM activities)"
        ).fetchone()
        conn.close()
    assert counts is not None
    print(
        f"warehouse: {args.orgs} organizations x {len(YEARS)} fiscal years + the 3 samples: "
        f"{counts[0]} documents, {counts[1]} plans, {counts[2]} activity rows"
    )
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"best of {args.rounds} rounds (goal < 5 s each); load average {load} on "
        f"{os.cpu_count()} cores:"
    )
    for name, (seconds, cpu, size) in figures:
        print(f"{name}: {seconds:6.2f} s wall  {cpu:6.2f} s CPU  {size} lines")


if __name__ == "__main__":
    main()
