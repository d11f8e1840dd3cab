"""Fuzz ingest: N mutated PDFs and a hostile set in one batch, and hostile commands alone.

    .venv/bin/python benchmarks/fuzz_ingest.py [-n 1000] [--timeout 30] [--seed 1] [--keep DIR]

The batch (one `kmplan ingest FOLDER` into a warehouse holding the clean samples): N mutants
of the samples (benchmarks/fuzz_mutants.py) and the hostile files (benchmarks/
hostile_files.py: a 6 GB flate bomb, a 20000x20000 image, a page of 200 inches, objects
nested 100,000 deep, a page tree that lists itself, a 3 GB sparse `%PDF-` file, a FIFO,
links to devices and loops, folders 3,000 deep, a folder named x.pdf, unreadable files,
names and text with ESC/OSC sequences and newlines). Then commands of their own:
`--workers 64` on one file and on the bomb, `inspect` on the bombs, the giant, the FIFO,
`ingest` of a FIFO and of an empty folder. Every command runs under watch
(benchmarks/fuzz_watch.py): killed as hung past an outer wall clock or a stall, its whole
process tree's peak memory compared with the guard (Limits.memory_mb x workers + the main
process's allowance).

Checks: no crash (traceback, `a kmplan bug`, an error of more than one line, a process
left running), no hang, memory under the guard, every file reported and each hostile file
ending as it must, no raw terminal escape in the output, and the clean samples' export
byte-identical before and after. Exit code 1 when any check fails.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.fuzz_checks import (  # noqa: E402
    Outcome,
    Outcomes,
    accepted,
    crash_lines,
    escapes,
    outcomes,
    reason_class,
    tally,
)
from benchmarks.fuzz_mutants import SAMPLES, make_mutants  # noqa: E402
from benchmarks.fuzz_watch import Watched, largest_descendant_mb, watch  # noqa: E402
from benchmarks.hostile_files import ESCAPE_NAMES, Hostile, build_hostile, unlock  # noqa: E402
from pipeline.guards import Limits, default_workers  # noqa: E402

MEMORY_MB = Limits().memory_mb or 0


def kmplan(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", *args]


@dataclass(frozen=True)
class Case:
    """A hostile command of its own: the exit codes it may end with, the text its one
    `error:` line must hold, and the workers its memory guard allows for."""

    name: str
    args: list[str]
    codes: tuple[int, ...]
    needle: str = ""
    workers: int = 1


def separate_cases(hostile: Path, work: Path) -> list[Case]:
    def db(name: str) -> str:
        return str(work / "cases" / f"{name}.duckdb")

    cores = default_workers()
    one = work / "cases" / "one.pdf"
    one.parent.mkdir(parents=True, exist_ok=True)
    one.write_bytes(SAMPLES[0].read_bytes())
    return [
        Case(
            "ingest --workers 64, one file",
            kmplan("ingest", "--workers", "64", str(one), "--db", db("w64")),
            (0,),
            workers=cores,
        ),
        Case(
            "ingest --workers 64, the flate bomb",
            kmplan(
                "ingest", "--workers", "64", str(hostile / "flate-bomb.pdf"), "--db", db("w64bomb")
            ),
            (1,),
            "flate-bomb.pdf",
            workers=cores,
        ),
        Case(
            "inspect the flate bomb",
            kmplan("inspect", str(hostile / "flate-bomb.pdf")),
            (1,),
            "flate-bomb.pdf",
        ),
        Case(
            "inspect the 20000x20000 image",
            kmplan("inspect", str(hostile / "image-bomb.pdf")),
            (1,),
            "image-bomb.pdf",
        ),
        Case(
            "inspect the 200-inch page",
            kmplan("inspect", str(hostile / "huge-page.pdf")),
            (1,),
            "huge-page.pdf",
        ),
        Case(
            "inspect objects nested 100,000 deep",
            kmplan("inspect", str(hostile / "nested-objects.pdf")),
            (1,),
            "nested-objects.pdf",
        ),
        Case(
            "inspect the text with escapes",
            kmplan("inspect", str(hostile / "escape-text.pdf")),
            (0, 1),
        ),
        Case(
            "inspect the 3 GB sparse file",
            kmplan("inspect", str(hostile / "sparse-giant.pdf")),
            (1,),
            "over the 200 MB limit",
        ),
        Case(
            "inspect a FIFO",
            kmplan("inspect", str(hostile / "pipe.pdf")),
            (1,),
            "not a regular file",
        ),
        Case(
            "ingest a FIFO named on the command line",
            kmplan("ingest", str(hostile / "pipe.pdf"), "--db", db("fifo")),
            (1,),
            "not a regular file",
        ),
        Case(
            "ingest an empty folder",
            kmplan("ingest", str(hostile / "empty-folder"), "--db", db("empty")),
            (1,),
            "no PDF files",
        ),
    ]


class Report:
    """The checks of the whole run, printed as they are made."""

    def __init__(self, main_mb: float) -> None:
        self.main_mb = main_mb
        self.failures: Counter[str] = Counter()

    def check(self, name: str, problems: list[str], limit: int = 8) -> None:
        print(f"  {'PASS' if not problems else 'FAIL'}: {name}"
              + (f" ({len(problems)})" if problems else ""))  # fmt: skip
        for problem in problems[:limit]:
            print(f"      {problem}")
        if problems:
            self.failures[name] += len(problems)

    def guard_mb(self, workers: int) -> float:
        return MEMORY_MB * workers + self.main_mb

    def watched(self, run: Watched, workers: int) -> None:
        """The checks every command gets: hang, crash, memory, escapes."""
        names = [n for n in ESCAPE_NAMES if "\n" in n or "\r" in n]
        guard = self.guard_mb(workers)
        print(f"  exit code {run.code}, {run.seconds:.0f} s, peak memory of the process tree "
              f"{run.peak_tree_mb:,.0f} MB (main {run.peak_main_mb:,.0f} MB), "
              f"guard {guard:,.0f} MB")  # fmt: skip
        self.check("no hang", [run.hung] if run.hung else [])
        self.check("no crash", crash_lines(run, names))
        over = run.peak_tree_mb > guard
        self.check("memory under the guard", [f"{run.peak_tree_mb:,.0f} MB"] if over else [])
        self.check("no raw terminal escape", escapes(run, names))


def clean_rows(db: Path, out: Path, ids: set[str]) -> bytes:
    done = subprocess.run(kmplan("export", "--format", "jsonl", "--out", str(out), "--db",
                                 str(db)), cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = out.read_bytes().splitlines(keepends=True)
    return b"".join(line for line in lines if json.loads(line)["document_id"] in ids)


def seed_warehouse(db: Path) -> set[str]:
    """A warehouse holding the clean samples; their document ids."""
    first = subprocess.run(kmplan("ingest", *map(str, SAMPLES), "--db", str(db)), cwd=ROOT,
                           capture_output=True, text=True)  # fmt: skip
    assert first.returncode == 0, first.stderr
    listed = subprocess.run(kmplan("query", "select document_id from documents", "--db",
                                   str(db)), cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    return set(re.findall(r"[0-9a-f]{64}", listed.stdout))


def run_batch(args: argparse.Namespace, work: Path, report: Report) -> list[Hostile]:
    batch, db = work / "batch", work / "fuzz.duckdb"
    (batch / "mutants").mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)
    ids = seed_warehouse(db)
    before = clean_rows(db, work / "before.jsonl", ids)
    start = time.perf_counter()
    kinds = make_mutants(args.n, batch / "mutants", random.Random(args.seed))
    hostile = build_hostile(batch / "hostile")
    print(f"made {args.n} mutants and {len(hostile)} hostile files in "
          f"{time.perf_counter() - start:.0f} s: {dict(Counter(kinds.values()))}")  # fmt: skip
    kinds.update({str(h.path): f"hostile:{h.kind}" for h in hostile})
    run = watch(kmplan("ingest", str(batch), "--db", str(db), "--timeout", str(args.timeout)),
                cwd=ROOT, timeout_s=args.batch_timeout, stall_s=4 * args.timeout + 120)  # fmt: skip
    workers = default_workers()
    print(f"\ningest of {args.n} mutants + {len(hostile)} hostile files, {workers} workers:")
    report.watched(run, workers)
    if run.hung:
        return hostile
    found = outcomes(db, run)
    _print_outcomes(found.items, kinds)
    regular = [p for p in kinds if not kinds[p].startswith("hostile:")]
    report.check("every mutant reported", [p for p in regular if found.of(Path(p)) is None])
    silent = [o.path for o in found.items if o.status == "failed" and not o.reason]
    report.check("every failure has a reason", silent)
    wrong = [f"{h.kind}: {h.path.name!r} {o.status if o else 'not reported'}"
             f"{f' ({o.reason})' if o and o.reason else ''}, expected {h.expect}"
             for h in hostile if not accepted(h.expect, o := found.of(h.path))]  # fmt: skip
    report.check("every hostile file ends as it must", wrong)
    after = clean_rows(db, work / "after.jsonl", ids)
    changed = [] if before == after and before else ["the clean samples' rows changed"]
    report.check("clean samples' export unchanged", changed)
    return hostile


def _print_outcomes(items: list[Outcome], kinds: dict[str, str]) -> None:
    table = tally(Outcomes(items), kinds)
    statuses = ["ingested", "already-present", "failed", "skipped"]
    print(f"  {'kind':<34}" + "".join(f"{s:>16}" for s in statuses))
    for kind in sorted(table):
        print(f"  {kind:<34}" + "".join(f"{table[kind][s]:>16}" for s in statuses))
    print("  reasons:")
    failed = [o.reason for o in items if o.status in ("failed", "skipped")]
    for reason, count in Counter(map(reason_class, failed)).most_common():
        print(f"    {count:5d}  {reason}")
    died = sum(1 for o in items if o.reason and "worker process died" in o.reason)
    print(f"  worker deaths reported as a reason: {died}")


def run_cases(work: Path, report: Report) -> None:
    for case in separate_cases(work / "batch" / "hostile", work):
        print(f"\n{case.name}:")
        run = watch(case.args, cwd=ROOT, timeout_s=900, stall_s=None)
        report.watched(run, case.workers)
        if run.hung:
            continue
        errors = [ln for ln in run.err.decode("utf-8", "replace").splitlines()
                  if ln.startswith("error:")]  # fmt: skip
        problems = [] if run.code in case.codes else [f"exit code {run.code}"]
        if run.code:
            one = len(errors) == 1 and case.needle in errors[0]
            problems += [] if one else [f"not one error line naming {case.needle!r}: {errors}"]
        report.check("ends as it must", problems)
        for line in errors[:1]:
            print(f"      {line[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000, help="mutants")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-file limit, seconds")
    parser.add_argument("--batch-timeout", type=float, default=4 * 3600.0,
                        help="outer wall clock of the batch, seconds")  # fmt: skip
    parser.add_argument("--main-mb", type=float, default=1536.0,
                        help="the main process's allowance in the memory guard")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the files and warehouses here")
    parser.add_argument("--no-cases", action="store_true", help="the batch only")
    args = parser.parse_args()
    report = Report(args.main_mb)
    with tempfile.TemporaryDirectory(prefix="kmplan-fuzz-") as tmp:
        work = args.keep or Path(tmp)
        try:
            run_batch(args, work, report)
            if not args.no_cases:
                run_cases(work, report)
        finally:
            unlock(work / "batch" / "hostile")
    print(f"\nlargest single process (getrusage RUSAGE_CHILDREN): "
          f"{largest_descendant_mb():,.0f} MB")  # fmt: skip
    print("failed checks:", dict(report.failures) or "none")
    if report.failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
