"""KM plans on no known template (issue 13 part 8), against truth written by hand from their
pages, every exported field; and the warnings the pages call for.

- wiangmok-hospital-km-plan-2569-own-columns: a hospital's own columns (หัวข้อ (Topic) |
  รูปแบบ | Owner | Output | KPI | Target | ไตรมาส), quarters printed as text in a fiscal-year
  plan, and a unit's table whose period is four marked quarter columns;
- wiangmok-market-km-plan-2569-calendar: a calendar-year plan (ประจำปี 2569) whose months
  are printed under "ปี 2569", and a table of quarters as text that the month columns
  place in the calendar year.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from pipeline.ingest import ingest
from warehouse import export_rows, open_warehouse

from ..conftest import SAMPLES, read_jsonl

NAMES = [
    "wiangmok-hospital-km-plan-2569-own-columns.pdf",
    "wiangmok-market-km-plan-2569-calendar.pdf",
]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    present = [SAMPLES / name for name in NAMES if (SAMPLES / name).exists()]
    if not present:
        pytest.skip("no own-column sample has been built (samples/build/own_columns*.py)")
    folder = tmp_path_factory.mktemp("own-columns")
    report = ingest(present, folder / "w.duckdb")
    assert report.ok, [(o.path, o.reason) for o in report.outcomes if o.reason]
    conn = open_warehouse(folder / "w.duckdb", read_only=True)
    try:
        export_rows(conn, "jsonl", folder / "rows.jsonl")
        warnings = conn.execute(
            "select source_file, code, plan_no, seq, message from warnings join documents "
            "using (document_id) order by source_file, warning_no"
        ).fetchall()
    finally:
        conn.close()
    rows: dict[str, list[dict[str, object]]] = {}
    for row in read_jsonl(folder / "rows.jsonl"):
        rows.setdefault(str(row["source_file"]), []).append(row)
    by_file: dict[str, list[tuple[str, int | None, int | None, str]]] = {}
    for source, code, plan_no, seq, message in warnings:
        by_file.setdefault(source, []).append((code, plan_no, seq, message))
    return {"rows": rows, "warnings": by_file}


@pytest.mark.parametrize("name", NAMES)
def test_every_field_equals_truth(warehouse: dict[str, Any], name: str) -> None:
    pdf = SAMPLES / name
    if not pdf.exists():
        pytest.skip(f"{name} has not been built")
    truth = read_jsonl(pdf.with_suffix(".truth.jsonl"))
    got = warehouse["rows"].get(name, [])
    assert [(r["page"], r["seq"]) for r in got] == [(r["page"], r["seq"]) for r in truth]
    sha = hashlib.sha256(Path(pdf).read_bytes()).hexdigest()
    mismatches = []
    for row, want in zip(got, truth, strict=True):
        want = {**want, "document_id": sha, "source_file": name}
        assert set(row) == set(want), set(row) ^ set(want)
        for field, value in want.items():
            if row[field] != value:
                where = f"{want['department']} seq {want['seq']} {field}"
                mismatches.append(f"{where}: got {row[field]!r} want {value!r}")
    assert not mismatches, "\n".join(mismatches)


def test_unmapped_columns_are_said_once_per_plan(warehouse: dict[str, Any]) -> None:
    hospital = warehouse["warnings"][NAMES[0]]
    unmapped = [
        (plan, message) for code, plan, _, message in hospital if code == "columns-unmapped"
    ]
    assert [plan for plan, _ in unmapped] == [1, 2]
    assert "'รูปแบบ', 'Output'" in unmapped[0][1] and "'Output'" not in unmapped[1][1]
    # Read as KM Process by rule, not as a guess between look-alike families.
    assert all("km_process (by own columns)" in message for _, message in unmapped)
    codes = {code for code, *_ in hospital}
    assert "plan-family-uncertain" not in codes and "period-unparsed" not in codes
    assert "quarter-basis-unknown" not in codes


def test_a_calendar_year_plan_is_not_held_to_the_fiscal_year(warehouse: dict[str, Any]) -> None:
    """October to December 2569 lie outside fiscal year 2569, inside calendar year 2569."""
    market = warehouse["warnings"][NAMES[1]]
    assert not [w for w in market if w[0].startswith("period")]
    rows = warehouse["rows"][NAMES[1]]
    assert rows[3]["period_text"] == "ต.ค. พ.ย. ธ.ค."
    assert (rows[3]["period_start"], rows[3]["period_end"]) == ("2026-10-01", "2026-12-31")
