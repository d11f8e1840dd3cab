"""Compare speed: the cross-year comparison over 1,000 organizations x 5 fiscal years.

The three year samples (FY2565-2567) are ingested once; then DuckDB duplicates their rows
(INSERT ... SELECT) into N organizations x 5 fiscal years (2563-2567) with new keys: each
organization gets its own name, key and aliases, each year a new document id, and the
periods move with the year. Timed, best of R rounds:
  one   compare_departments(conn, ORG) for one organization (what `kmplan compare` runs)
  all   every row of the view department_compare (all organizations, all year pairs)

Usage:  .venv/bin/python benchmarks/compare_speed.py [--orgs 1000] [--rounds 5] [--db FILE]
Goals: one organization under 100 ms, all organizations under 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import duckdb

from pipeline.ingest import ingest
from warehouse import open_warehouse
from warehouse.compare import compare_departments

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
YEAR_SAMPLES = [SAMPLES / f"tak-pao-km-plan-{year}.pdf" for year in (2565, 2566, 2567)]
YEARS = (2563, 2564, 2565, 2566, 2567)

# gen: one row per new (organization, fiscal year) with the sample document it copies.
_GEN = """
CREATE TEMP TABLE gen AS
SELECT o.i AS org_no, y.fy AS fiscal_year, s.document_id AS source_id,
       y.fy - s.fiscal_year AS delta,
       sha256(o.i::VARCHAR || '/' || y.fy::VARCHAR) AS new_id,
       'องค์การบริหารส่วนจังหวัดจำลอง ' || o.i::VARCHAR AS organization
FROM range(?) AS o(i)
CROSS JOIN (SELECT unnest(?::INTEGER[]) AS fy) AS y
JOIN documents AS s ON s.fiscal_year = 2565 + (y.fy - 2563) % 3
"""
_COPY = [
    """INSERT INTO documents BY NAME
       SELECT d.* REPLACE (g.new_id AS document_id, g.organization AS organization,
                           g.fiscal_year AS fiscal_year,
                           (d.announced_on + to_years(g.delta))::DATE AS announced_on)
       FROM gen AS g JOIN documents AS d ON d.document_id = g.source_id""",
    """INSERT INTO plans BY NAME
       SELECT p.* REPLACE (g.new_id AS document_id)
       FROM gen AS g JOIN plans AS p ON p.document_id = g.source_id""",
    """INSERT INTO activities BY NAME
       SELECT a.* REPLACE (g.new_id AS document_id,
                           (a.period_start + to_years(g.delta))::DATE AS period_start,
                           (a.period_end + to_years(g.delta))::DATE AS period_end)
       FROM gen AS g JOIN activities AS a ON a.document_id = g.source_id""",
    """INSERT INTO organization_aliases
       SELECT DISTINCT organization, organization, 'auto', now()::TIMESTAMP FROM gen""",
    """INSERT INTO department_aliases
       SELECT DISTINCT g.organization, a.spelling, a.normalized, a.department_key, a.source,
              a.assigned_at
       FROM (SELECT DISTINCT organization FROM gen) AS g CROSS JOIN department_aliases AS a""",
]


def build(db: Path, orgs: int) -> None:
    report = ingest(YEAR_SAMPLES, db)
    if not report.ok:
        raise SystemExit(f"ingest failed: {[o.reason for o in report.outcomes]}")
    conn = open_warehouse(db)
    try:
        conn.execute(_GEN, [orgs, list(YEARS)])
        conn.execute("BEGIN TRANSACTION")
        for statement in _COPY:
            conn.execute(statement)
        conn.execute("COMMIT")
        conn.execute("CHECKPOINT")
    finally:
        conn.close()


def best_of(rounds: int, work: object) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(rounds):
        start = time.perf_counter()
        size = work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", type=Path, help="keep the generated warehouse here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "compare.duckdb"
        db.unlink(missing_ok=True)
        start = time.perf_counter()
        build(db, args.orgs)
        built = time.perf_counter() - start
        conn = duckdb.connect(str(db), read_only=True)
        try:
            counts = conn.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM plans), "
                "(SELECT count(*) FROM activities)"
            ).fetchone()
            org = "องค์การบริหารส่วนจังหวัดจำลอง 500"
            one, one_rows = best_of(args.rounds, lambda: len(compare_departments(conn, org).rows))
            every, all_rows = best_of(
                args.rounds,
                lambda: len(conn.execute("SELECT * FROM department_compare").fetchall()),
            )
        finally:
            conn.close()
    assert counts is not None
    print(
        f"warehouse: {args.orgs} generated organizations x {len(YEARS)} fiscal years + the 3 "
        f"samples: {counts[0]} documents, {counts[1]} plans, {counts[2]} activity rows "
        f"(built in {built:.1f} s)"
    )
    print(f"best of {args.rounds} rounds:")
    print(f"compare, one organization: {one * 1000:7.1f} ms  {one_rows} rows  (goal < 100 ms)")
    print(f"compare, all organizations:{every:7.2f} s   {all_rows} rows  (goal < 5 s)")


if __name__ == "__main__":
    main()
