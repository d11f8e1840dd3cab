"""The plan-family samples (samples/build/build_families.py) against truth written from their
source data, and the contract schema over every exported row of every sample."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from extract.ocr import tesseract as tess
from pipeline.guards import Limits
from pipeline.ingest import IngestOptions, ingest
from warehouse import export_rows, open_warehouse

from ..conftest import SAMPLES, SHARED, read_jsonl

# Sample -> its truth file. The rotated text layer must give exactly its upright rows.
EXACT = {
    "tak-pao-km-plan-2566-change.pdf": "tak-pao-km-plan-2566-change.truth.jsonl",
    "sci-faculty-km-plan-2566.pdf": "sci-faculty-km-plan-2566.truth.jsonl",
    "nursing-college-km-plan-2565.pdf": "nursing-college-km-plan-2565.truth.jsonl",
    "sci-faculty-km-plan-2566-rotated.pdf": "sci-faculty-km-plan-2566.truth.jsonl",
}
SIDEWAYS_SCAN = "sci-faculty-km-plan-2566-sideways-scan.pdf"
TEXT_FIELDS = ("activity", "target_group", "tacit_knowledge", "explicit_knowledge", "responsible")


def _export(db: Path, out: Path) -> list[dict[str, object]]:
    conn = open_warehouse(db, read_only=True)
    try:
        export_rows(conn, "jsonl", out)
    finally:
        conn.close()
    return read_jsonl(out)


@pytest.fixture(scope="module")
def every_sample(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    """Every sample PDF, ingested into one warehouse and exported."""
    if not tess.tesseract_available("tha"):
        pytest.skip("tesseract-ocr and tesseract-ocr-tha are not installed (scanned samples)")
    folder = tmp_path_factory.mktemp("families")
    # Two fully scanned samples share the machine's cores with the rest: no time limit.
    options = IngestOptions(limits=Limits(timeout_s=None))
    report = ingest(sorted(SAMPLES.glob("*.pdf")), folder / "w.duckdb", options=options)
    assert report.ok, [(o.path, o.reason) for o in report.outcomes if o.reason]
    return _export(folder / "w.duckdb", folder / "rows.jsonl")


def _rows_of(rows: list[dict[str, object]], name: str) -> list[dict[str, object]]:
    return [row for row in rows if row["source_file"] == name]


@pytest.mark.parametrize("name", sorted(EXACT))
def test_every_field_equals_truth(every_sample: list[dict[str, object]], name: str) -> None:
    truth = read_jsonl(SAMPLES / EXACT[name])
    sha = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
    got = _rows_of(every_sample, name)
    assert [(r["plan_type"], r["seq"]) for r in got] == [(r["plan_type"], r["seq"]) for r in truth]
    mismatches = []
    for row, want in zip(got, truth, strict=True):
        want = {**want, "document_id": sha, "source_file": name}
        for field, value in want.items():
            if row.get(field) != value:
                where = f"{want['department']} {want['plan_type']} seq {want['seq']} {field}"
                mismatches.append(f"{where}: got {row.get(field)!r} want {value!r}")
    assert not mismatches, "\n".join(mismatches)


def test_km_process_and_change_management_of_the_same_departments(
    every_sample: list[dict[str, object]],
) -> None:
    rows = _rows_of(every_sample, "tak-pao-km-plan-2566-change.pdf")
    by_department: dict[object, set[object]] = {}
    for row in rows:
        by_department.setdefault(row["department"], set()).add(row["plan_type"])
        if row["plan_type"] == "km_process":
            assert row["element"] is None and row["step"] in range(1, 8)
        else:
            assert row["step"] is None and row["element"] in range(1, 7)
    assert len(by_department) == 2
    assert all(kinds == {"km_process", "change_management"} for kinds in by_department.values())
    elements = sorted(r["element"] for r in rows if r["plan_type"] == "change_management")
    assert elements == sorted([*range(1, 7)] * 2)


def test_sideways_scan_is_read_upright(every_sample: list[dict[str, object]]) -> None:
    """The scan turned 90° (one page 270°): OCR reads it in the right orientation. OCR is
    not exact: the same projects in order, budgets right, text close, and every date either
    right or NULL (an OCR misreading such as กก.ย. is not turned into a guessed month)."""
    truth = read_jsonl(SAMPLES / "sci-faculty-km-plan-2566.truth.jsonl")
    got = _rows_of(every_sample, SIDEWAYS_SCAN)
    assert [r["seq"] for r in got] == [r["seq"] for r in truth]
    assert all(r["plan_type"] == "project_list" for r in got)
    dated = 0
    for row, want in zip(got, truth, strict=True):
        assert row["budget_baht"] == want["budget_baht"], want["seq"]
        if row["period_start"] is not None:
            assert (row["period_start"], row["period_end"]) == (
                want["period_start"],
                want["period_end"],
            ), want["seq"]
            dated += 1
        similarity = [fuzz.ratio(str(row[f] or ""), str(want[f] or "")) / 100 for f in TEXT_FIELDS]
        assert sum(similarity) / len(similarity) >= 0.9, (want["seq"], similarity)
    assert dated >= 2


def test_every_exported_row_of_every_sample_follows_the_contract_schema(
    every_sample: list[dict[str, object]],
) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "contract" / "activity-row.schema.json"
    if not schema_path.exists():
        pytest.skip("shared/contract is not beside this checkout")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    files = {row["source_file"] for row in every_sample}
    assert files == {path.name for path in SAMPLES.glob("*.pdf")}
    errors = [
        f"{row['source_file']} seq {row['seq']}: {error.message}"
        for row in every_sample
        for error in validator.iter_errors(row)
    ]
    assert not errors, "\n".join(errors[:20])
