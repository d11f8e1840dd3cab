"""Fuzz the batch: N mutated PDFs in one `kmplan ingest`, into a warehouse holding the samples.

    .venv/bin/python benchmarks/fuzz_ingest.py [-n 1000] [--timeout 30] [--seed 1] [--keep DIR]

Mutations of the sample PDFs: truncation at a random offset (with and without a new %%EOF),
flipped bytes, deleted objects, blanked xref entries, cut streams, a page duplicated
thousands of times, and a page whose content stream is an endless run of tiny rectangles.
Checks: the batch does not crash (exit code 0 or 1, no traceback), no file runs past the
per-file limit, every file gets an ok/skip/error line and every error a reason, and the
clean samples' exported rows are byte-identical before and after.
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
from collections.abc import Callable
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.pdf"))


def truncate(data: bytes, rng: random.Random, _: Path) -> bytes:
    cut = data[: rng.randrange(1, len(data))]
    return cut + b"\n%%EOF\n" if rng.random() < 0.5 else cut


def flip_bytes(data: bytes, rng: random.Random, _: Path) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 5, 50, 500])):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def blank_xref(data: bytes, rng: random.Random, _: Path) -> bytes:
    entries = list(re.finditer(rb"\d{10} \d{5} [nf]", data))
    out = bytearray(data)
    for m in rng.sample(entries, min(len(entries), rng.choice([1, 10, 100]))):
        out[m.start() : m.end()] = rng.choice([b"0" * 18 + b" f", b" " * 20])
    return bytes(out)


def _with_pikepdf(path: Path, edit: Callable[[pikepdf.Pdf], None]) -> bytes:
    with pikepdf.open(path) as pdf, tempfile.TemporaryFile() as out:
        edit(pdf)
        pdf.save(out, compress_streams=True)
        out.seek(0)
        return out.read()


def delete_objects(data: bytes, rng: random.Random, _: Path) -> bytes:
    """Cut whole `N 0 obj ... endobj` blocks out of the file (the xref then points astray)."""
    blocks = list(re.finditer(rb"\d+ \d+ obj\b.*?endobj", data, flags=re.DOTALL))
    doomed = sorted(rng.sample(blocks, min(len(blocks), rng.choice([1, 5, 30]))),
                    key=lambda m: m.start())  # fmt: skip
    out, last = bytearray(), 0
    for m in doomed:
        out += data[last : m.start()]
        last = m.end()
    return bytes(out + data[last:])


def cut_streams(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        for stream in rng.sample(streams, min(len(streams), rng.choice([1, 3, 20]))):
            raw = stream.read_raw_bytes()
            stream.write(raw[: rng.randrange(0, max(1, len(raw)))], filter=stream.get("/Filter"))

    return _with_pikepdf(path, edit)


def duplicate_pages(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[rng.randrange(len(pdf.pages))]
        for _ in range(rng.choice([1000, 3000])):
            pdf.pages.append(page)

    return _with_pikepdf(path, edit)


def endless_page(data: bytes, rng: random.Random, path: Path) -> bytes:
    def edit(pdf: pikepdf.Pdf) -> None:
        n = 300_000
        ops = b"".join(b"%d %d 2 2 re f\n" % (i % 500, (i // 500) % 800) for i in range(n))
        pdf.pages[rng.randrange(len(pdf.pages))].Contents = pdf.make_stream(ops)

    return _with_pikepdf(path, edit)


MUTATIONS: list[tuple[str, Callable[[bytes, random.Random, Path], bytes], int]] = [
    ("truncate", truncate, 25),
    ("flip-bytes", flip_bytes, 25),
    ("blank-xref", blank_xref, 15),
    ("delete-objects", delete_objects, 12),
    ("cut-streams", cut_streams, 15),
    ("duplicate-pages", duplicate_pages, 5),
    ("endless-page", endless_page, 3),
]


def make_mutants(n: int, folder: Path, rng: random.Random) -> dict[str, str]:
    names = [name for name, _, weight in MUTATIONS for _ in range(weight)]
    funcs = {name: func for name, func, _ in MUTATIONS}
    kinds: dict[str, str] = {}
    for i in range(1, n + 1):
        source = rng.choice(SAMPLES)
        kind = rng.choice(names)
        out = folder / f"mutant-{i:05d}-{kind}.pdf"
        try:
            out.write_bytes(funcs[kind](source.read_bytes(), rng, source))
        except Exception:  # pikepdf refused this mutation: truncate instead
            out.write_bytes(truncate(source.read_bytes(), rng, source))
        kinds[str(out)] = kind
    return kinds


def kmplan(*args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pipeline", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def clean_rows(db: Path, out: Path, ids: set[str]) -> bytes:
    done = kmplan("export", "--format", "jsonl", "--out", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    lines = out.read_bytes().splitlines(keepends=True)
    return b"".join(line for line in lines if json.loads(line)["document_id"] in ids)


def reason_class(reason: str) -> str:
    reason = re.sub(r"\(.*", "(...)", reason)
    reason = re.sub(r"\d+", "N", reason)
    return reason.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=30.0, help="per-file limit, seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the mutants and warehouse here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kmplan-fuzz-") as tmp:
        work = args.keep or Path(tmp)
        mutants = work / "mutants"
        mutants.mkdir(parents=True, exist_ok=True)
        db = work / "fuzz.duckdb"
        db.unlink(missing_ok=True)
        first = kmplan("ingest", *map(str, SAMPLES), "--db", str(db))
        assert first.returncode == 0, first.stderr
        ids = set(re.findall(r"[0-9a-f]{64}", kmplan("query", "select document_id from documents",
                                                      "--db", str(db)).stdout))  # fmt: skip
        before = clean_rows(db, work / "before.jsonl", ids)

        start = time.perf_counter()
        kinds = make_mutants(args.n, mutants, random.Random(args.seed))
        print(f"made {args.n} mutants in {time.perf_counter() - start:.0f} s: "
              f"{dict(Counter(kinds.values()))}")  # fmt: skip

        start = time.perf_counter()
        run = kmplan("ingest", str(mutants), "--db", str(db), "--timeout", str(args.timeout))
        elapsed = time.perf_counter() - start
        lines = run.stdout.splitlines() + run.stderr.splitlines()
        per_file = [ln for ln in lines if re.match(r"^(ok|skip|error):\s", ln)]
        errors = [ln.split(": ", 2)[2] for ln in per_file if ln.startswith("error:")]
        timed_out = [e for e in errors if e.startswith("timed out after")]
        crashed = [e for e in errors if e.startswith(("internal error", "worker process died"))]
        after = clean_rows(db, work / "after.jsonl", ids)

        print(f"ingest of {args.n} mutants: exit code {run.returncode}, {elapsed:.0f} s")
        print(f"  ok (ingested):   {sum(ln.startswith('ok:') for ln in per_file)}")
        print(f"  already present: {sum(ln.startswith('skip:') for ln in per_file)}")
        print(f"  rejected:        {len(errors) - len(timed_out) - len(crashed)}")
        print(f"  timed out:       {len(timed_out)}")
        print(f"  crashed/bug:     {len(crashed)}")
        print("  reasons:")
        for reason, count in Counter(map(reason_class, errors)).most_common():
            print(f"    {count:5d}  {reason}")
        checks = {
            "no crash of the batch": run.returncode in (0, 1) and "Traceback" not in run.stderr,
            "every file reported": len(per_file) == args.n,
            "every failure has a reason": all(e.strip() for e in errors),
            "clean samples' export unchanged": before == after and bool(before),
        }
        for name, passed in checks.items():
            print(f"  {'PASS' if passed else 'FAIL'}: {name}")
        if crashed:
            print("  crashes:", *sorted(set(crashed))[:10], sep="\n    ")
        if not all(checks.values()):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
