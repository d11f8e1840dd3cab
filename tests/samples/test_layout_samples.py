"""The page-layout and text-trap samples (samples/build/*.py) against truth written by hand
from their pages, every exported field.

- letterspaced-km-plan-2567: cells justified with letter spacing, Thai and mixed digits,
  targets whose number a line wrap broke (ร้อยละ 8 | 0);
- row-per-page-km-plan-2566: a cover and a summary page (with its own small table) before
  a landscape plan printed one row per page under a repeated header row, periods with
  single days and dated remarks; its -sideways version prints the table turned a quarter
  on a portrait page (no /Rotate) under an upright page number;
- footnotes-km-plan-2564: a footnote block (หมายเหตุ ๑. ... ๒. ...) under each of two
  tables, a combined ระยะเวลา/งบประมาณ column in a KM Process table and in a project list.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from warehouse import export_rows, open_warehouse

from ..conftest import SAMPLES, read_jsonl

NAMES = [
    "letterspaced-km-plan-2567.pdf",
    "row-per-page-km-plan-2566.pdf",
    "row-per-page-km-plan-2566-sideways.pdf",
    "footnotes-km-plan-2564.pdf",
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict[str, object]]]:
    present = [SAMPLES / name for name in NAMES if (SAMPLES / name).exists()]
    if not present:
        pytest.skip("no layout sample has been built (samples/build/*.py)")
    folder = tmp_path_factory.mktemp("layouts")
    report = ingest(present, folder / "w.duckdb")
    assert report.ok, [(o.path, o.reason) for o in report.outcomes if o.reason]
    conn = open_warehouse(folder / "w.duckdb", read_only=True)
    try:
        export_rows(conn, "jsonl", folder / "rows.jsonl")
    finally:
        conn.close()
    rows: dict[str, list[dict[str, object]]] = {}
    for row in read_jsonl(folder / "rows.jsonl"):
        rows.setdefault(str(row["source_file"]), []).append(row)
    return rows


@pytest.mark.parametrize("name", NAMES)
def test_every_field_equals_truth(exported: dict[str, list[dict[str, object]]], name: str) -> None:
    pdf = SAMPLES / name
    if not pdf.exists():
        pytest.skip(f"{name} has not been built")
    truth = read_jsonl(pdf.with_suffix(".truth.jsonl"))
    got = exported.get(name, [])
    assert [(r["plan_type"], r["seq"]) for r in got] == [(r["plan_type"], r["seq"]) for r in truth]
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
