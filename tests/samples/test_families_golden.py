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
# The faculty plan scanned in each of the four turns: 90 and 270 degrees, then 180 and 0.
TURNED_SCANS = (
    "sci-faculty-km-plan-2566-sideways-scan.pdf",
    "sci-faculty-km-plan-2566-upside-down-scan.pdf",
)
TEXT_FIELDS = ("activity", "target_group", "tacit_knowledge", "explicit_knowledge", "responsible")
# Fields of an OCR'd row compared for closeness, and dates that may be NULL (misread).
OCR_TEXT = (*TEXT_FIELDS, "period_text")
OCR_DATES = ("period_start", "period_end", "announced_on")


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


@pytest.mark.parametrize("name", TURNED_SCANS)
def test_turned_scan_is_read_upright(every_sample: list[dict[str, object]], name: str) -> None:
    """The scan turned 90° (one page 270°), and the scan with page 1 upside down (180°):
    OCR reads each page in the right orientation. Every field of the truth is checked. OCR
    is not exact: text fields close, and a date either right or NULL (an OCR misreading such
    as กก.ย. is not turned into a guessed month); every other field exact."""
    truth = read_jsonl(SAMPLES / name.replace(".pdf", ".truth.jsonl"))
    got = _rows_of(every_sample, name)
    assert [r["seq"] for r in got] == [r["seq"] for r in truth]
    assert ocr_mismatches(got, truth) == []
    assert sum(r["period_start"] is not None for r in got) >= 2


def ocr_mismatches(got: list[dict[str, object]], truth: list[dict[str, object]]) -> list[str]:
    """Where OCR'd rows differ from their truth more than OCR may."""
    found = []
    for row, want in zip(got, truth, strict=True):
        similarity = [fuzz.ratio(str(row[f] or ""), str(want[f] or "")) / 100 for f in OCR_TEXT]
        if sum(similarity) / len(similarity) < 0.9:
            found.append(f"seq {want['seq']}: text similarity {similarity}")
        for field, value in want.items():
            if field in OCR_TEXT or row[field] == value:
                continue
            if field in OCR_DATES and row[field] is None:
                continue
            found.append(f"seq {want['seq']} {field}: got {row[field]!r} want {value!r}")
    return found


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
