"""What the ingest fuzzer looks for in a command's output and in the run log.

- crashes: a traceback, an `internal error ... a kmplan bug` line, a line on stderr that is
  not an `error:` line (an error of more than one line, or a library's own message), a
  failure without a reason, or a process left running after the command exited;
- worker deaths are counted apart: reported with a reason they are a failure, not a crash;
- terminal escapes: an ESC, BEL, CSI (C1) or carriage-return byte anywhere in stdout or
  stderr, or a file name holding a newline printed raw (it would fake a line).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from benchmarks.fuzz_watch import Watched
from pipeline.inputs import shown_path

CONTROL_BYTES = {b"\x1b": "ESC", b"\x07": "BEL", b"\xc2\x9b": "CSI (C1)", b"\r": "CR"}


def text_of(data: bytes) -> str:
    """Output as text; bytes that are not UTF-8 come back as the path's own surrogates."""
    return data.decode("utf-8", "surrogateescape")


def crash_lines(run: Watched, raw_names: list[str]) -> list[str]:
    out, err = text_of(run.out), text_of(run.err)
    for name in raw_names:  # a name printed raw is an escape finding, not a stray line
        out, err = out.replace(name, "<name>"), err.replace(name, "<name>")
    found = [line for line in out.splitlines() if "Traceback" in line or "a kmplan bug" in line]
    for line in err.splitlines():
        if line.strip() and not line.startswith("error: "):
            found.append(f"stray stderr line: {line[:160]}")
        elif "a kmplan bug" in line:
            found.append(line[:200])
    found += [f"left running: {proc}" for proc in run.leftovers]
    return found


def escapes(run: Watched, raw_names: list[str]) -> list[str]:
    data = run.out + run.err
    found = [f"{count} raw {name} bytes" for byte, name in CONTROL_BYTES.items()
             if (count := data.count(byte))]  # fmt: skip
    found += [f"name printed raw: {name!r}" for name in raw_names
              if "\n" in name and name.encode("utf-8", "surrogateescape") in data]  # fmt: skip
    return found


@dataclass(frozen=True)
class Outcome:
    path: str
    status: str  # ingested | already-present | failed | skipped
    reason: str | None


@dataclass
class Outcomes:
    items: list[Outcome] = field(default_factory=list)

    def by_path(self) -> dict[str, Outcome]:
        return {o.path: o for o in self.items}

    def of(self, path: Path) -> Outcome | None:
        """The outcome of `path`, or of the nearest folder above it that failed whole."""
        found = self.by_path()
        for candidate in [path, *path.parents]:
            # a name that is not UTF-8 is reported with its bytes as \\xNN
            for shown in (str(candidate), shown_path(candidate)):
                if shown in found:
                    return found[shown]
        return None


_SKIP = re.compile(r"^skip:\s+(.*): (.*), not read$")


def outcomes(db: Path, run: Watched) -> Outcomes:
    """Every file of the latest run: the run log (ingested, already present, failed) and
    the skipped files (not in the run log; their `skip:` lines name them)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT path, status, error FROM ingest_run_files WHERE run_id = "
            "(SELECT run_id FROM ingest_runs ORDER BY started_at DESC LIMIT 1) ORDER BY file_no"
        ).fetchall()
    items = [Outcome(path, status, error) for path, status, error in rows]
    for line in text_of(run.out).splitlines():
        if (match := _SKIP.match(line)) and "already in the warehouse" not in line:
            items.append(Outcome(match[1], "skipped", match[2]))
    return Outcomes(items)


def reason_class(reason: str | None) -> str:
    if reason is None:
        return "(no reason)"
    reason = re.sub(r"\(.*", "(...)", reason)
    reason = re.sub(r"\d[\d.,]*", "N", reason)
    return reason.strip()


def tally(found: Outcomes, kind_of: dict[str, str]) -> dict[str, Counter[str]]:
    """Outcomes counted by the kind of file (mutation or hostile kind)."""
    table: dict[str, Counter[str]] = {}
    for item in found.items:
        kind = kind_of.get(item.path, "other")
        table.setdefault(kind, Counter())[item.status] += 1
    return table


def accepted(expect: str, outcome: Outcome | None) -> bool:
    if outcome is None:
        return False
    if expect == "ingested":
        return outcome.status in ("ingested", "already-present")
    return expect == "any" or outcome.status == expect
