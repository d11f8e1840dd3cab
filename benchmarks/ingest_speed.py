"""Ingest speed: kmplan's whole pipeline against bare pdfplumber on the same pages.

All run in this process on the same file, best of N rounds:
  bare       pdfplumber.open(...); page.extract_tables() on every page
  pipeline   extract + normalize + load into a fresh DuckDB warehouse, in this process
  ingest     `kmplan ingest` as a library call: the same work in a worker process (started
             for the batch: a one-file batch pays the pool's start-up alone)

Usage:  .venv/bin/python benchmarks/ingest_speed.py [PDF] [--rounds N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pdfplumber

from extract import extract_document
from normalize.document import normalize_document
from pipeline import __version__
from pipeline.ingest import ingest
from warehouse import load_document, open_warehouse

DEFAULT_PDF = Path(__file__).resolve().parent.parent / "samples" / "tak-pao-km-plan-2566.pdf"


def bare_pdfplumber(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def kmplan_pipeline(path: Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        conn = open_warehouse(Path(folder) / "bench.duckdb")
        try:
            doc = normalize_document(extract_document(path))
            load_document(conn, doc, kmplan_version=__version__)
        finally:
            conn.close()
    return doc.meta.page_count


def kmplan_ingest(path: Path) -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = ingest([path], Path(folder) / "bench.duckdb")
    outcome = report.outcomes[0]
    if outcome.status != "ingested":
        raise SystemExit(f"{path}: {outcome.reason}")
    return outcome.pages


def best_time(func: object, path: Path, rounds: int) -> tuple[float, int]:
    best, pages = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        pages = func(path)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    kmplan_pipeline(args.pdf)  # warm-up: imports, DuckDB, vocabularies
    bare_pdfplumber(args.pdf)
    bare_s, pages = best_time(bare_pdfplumber, args.pdf, args.rounds)
    pipeline_s, _ = best_time(kmplan_pipeline, args.pdf, args.rounds)
    ingest_s, _ = best_time(kmplan_ingest, args.pdf, args.rounds)
    print(f"file: {args.pdf.name} ({pages} pages), best of {args.rounds} rounds")
    print(f"bare pdfplumber extract_tables:  {bare_s:6.2f} s  {pages / bare_s:6.1f} pages/s")
    rate = pages / pipeline_s
    print(f"kmplan pipeline (in process):    {pipeline_s:6.2f} s  {rate:6.1f} pages/s")
    print(f"kmplan ingest (one-file batch):  {ingest_s:6.2f} s  {pages / ingest_s:6.1f} pages/s")
    print(f"ratio pipeline / bare: {pipeline_s / bare_s:.2f}x  (goal: at most 1.20x)")
    print(f"ratio ingest / bare:   {ingest_s / bare_s:.2f}x  (includes the worker pool's start-up)")


if __name__ == "__main__":
    main()
