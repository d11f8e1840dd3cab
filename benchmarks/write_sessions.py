"""Write sessions: what closing the warehouse between loads costs an ingest.

An ingest used to hold one write connection for the whole batch; it now opens the
warehouse for each load (warehouse.writer.Writer) so that readers get in between. This
loads the same extracted documents into a fresh warehouse both ways, with the run records
ingest writes, rounds alternating so that a busy neighbour slows both alike:

  held      open_warehouse once: start_run, per document load + record, finish, CHECKPOINT
  sessions  Writer: a session to start, one per document (load + record), one to finish

Extraction is done once, before the rounds, and is not timed: it does not change, and it
is what a real ingest spends nearly all its time on (compare with the batch's seconds).

Usage:  .venv/bin/python benchmarks/write_sessions.py [PDF...] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from extract import extract_document
from normalize.document import normalize_document
from normalize.models import NormalizedDocument
from pipeline import __version__
from warehouse import load_document, open_warehouse
from warehouse.locking import COURTESY_S
from warehouse.runs import FileRecord, finish_run, record_file, start_run
from warehouse.writer import Writer

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# The samples with a text layer (the others need OCR: minutes each on a small machine).
DEFAULT = sorted(
    p for p in SAMPLES.glob("*.pdf") if not p.name.startswith("tak-pao") and "scan" not in p.name
)


def _record(conn: object, run_id: str, no: int, doc: NormalizedDocument) -> None:
    record = FileRecord(no, doc.meta.source_file, "ingested", doc.meta.document_id)
    record_file(conn, run_id, record, __version__)  # type: ignore[arg-type]


def held(db: Path, docs: list[NormalizedDocument]) -> None:
    conn = open_warehouse(db)
    try:
        run_id = start_run(conn, inputs=[], executor="local", workers=1, kmplan_version="b")
        for no, doc in enumerate(docs, 1):
            load_document(conn, doc, kmplan_version=__version__)
            _record(conn, run_id, no, doc)
        finish_run(conn, run_id, "finished")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def sessions(db: Path, docs: list[NormalizedDocument]) -> None:
    # Without the pause a session takes after one that closed less than COURTESY_S ago:
    # here every load follows the last at once, in an ingest extraction comes in between.
    writer = Writer(db, courtesy_s=0)
    with writer.session() as conn:
        run_id = start_run(conn, inputs=[], executor="local", workers=1, kmplan_version="b")
    for no, doc in enumerate(docs, 1):
        with writer.session() as conn:
            load_document(conn, doc, kmplan_version=__version__)
            _record(conn, run_id, no, doc)
    with writer.session() as conn:
        finish_run(conn, run_id, "finished")
        conn.execute("CHECKPOINT")


Way = Callable[[Path, list[NormalizedDocument]], None]


def timed(way: Way, docs: list[NormalizedDocument]) -> float:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        way(Path(folder) / "w.duckdb", docs)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    docs = [normalize_document(extract_document(path)) for path in args.pdfs]
    extract_s = time.perf_counter() - start
    timed(held, docs)  # warm-up: imports, DuckDB, the schema files
    times: dict[str, list[float]] = {"held": [], "sessions": []}
    for _ in range(args.rounds):
        times["held"].append(timed(held, docs))
        times["sessions"].append(timed(sessions, docs))
    h, s = (statistics.median(times[k]) for k in ("held", "sessions"))
    n = len(docs)
    print(f"{n} documents, {sum(len(d.activities) for d in docs)} rows; median of {args.rounds}")
    print(f"extract + normalize (once, in this process): {extract_s:7.2f} s")
    print(f"held      one connection:   {h:6.2f} s  {h / n * 1000:6.0f} ms a document")
    print(f"sessions  one per document: {s:6.2f} s  {s / n * 1000:6.0f} ms a document")
    print(f"sessions / held: {s / h:.2f}x; {(s - h) / n * 1000:+.0f} ms a document, "
          f"{(s - h) / (extract_s + h) * 100:+.1f}% of extract + load")  # fmt: skip
    print(f"(a load that follows the last within {COURTESY_S} s waits the rest of it first)")


if __name__ == "__main__":
    main()
