"""The plan-family samples (samples/build/build_families.py): files, truth and layout facts.

Only what the builder promised is checked here (schema-valid truth, pages, orientation,
the sideways text layer, the image-only scan); extraction against the truth is the golden
tests' business.
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest

from ..conftest import SAMPLES, SHARED, TRUTH, read_jsonl

SCHEMA = SHARED / "contract" / "activity-row.schema.json"
CHANGE = SAMPLES / "tak-pao-km-plan-2566-change.pdf"
SCI = SAMPLES / "sci-faculty-km-plan-2566.pdf"
NURSING = SAMPLES / "nursing-college-km-plan-2565.pdf"
ROTATED = SAMPLES / "sci-faculty-km-plan-2566-rotated.pdf"
SIDEWAYS_SCAN = SAMPLES / "sci-faculty-km-plan-2566-sideways-scan.pdf"
UPSIDE_DOWN_SCAN = SAMPLES / "sci-faculty-km-plan-2566-upside-down-scan.pdf"

# pdf -> (pages, landscape pages, row count by plan_type)
LAYOUT: dict[Path, tuple[int, set[int], dict[str, int]]] = {
    CHANGE: (9, set(range(3, 10)), {"km_process": 14, "change_management": 12}),
    SCI: (2, {1, 2}, {"project_list": 3}),
    NURSING: (1, set(), {"project_list": 3}),
    ROTATED: (2, set(), {"project_list": 3}),
    SIDEWAYS_SCAN: (2, set(), {"project_list": 3}),
    UPSIDE_DOWN_SCAN: (2, {1, 2}, {"project_list": 3}),
}
FAMILY_FIELDS = {"element", "target_group", "budget_baht", "tacit_knowledge", "explicit_knowledge"}


def truth_of(pdf: Path) -> list[dict[str, object]]:
    return read_jsonl(pdf.with_suffix(".truth.jsonl"))


@pytest.mark.parametrize("pdf", list(LAYOUT), ids=lambda p: p.stem)
def test_truth_matches_the_schema(pdf: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.exists():
        pytest.skip("no shared contract")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    rows = truth_of(pdf)
    pages, _, counts = LAYOUT[pdf]
    filler = {"document_id": "0" * 64, "source_file": pdf.name}
    for row in rows:
        assert FAMILY_FIELDS <= row.keys()
        jsonschema.validate({**filler, **row}, schema)
        assert 1 <= int(str(row["page"])) <= pages
    by_type: dict[str, int] = {}
    for row in rows:
        by_type[str(row["plan_type"])] = by_type.get(str(row["plan_type"]), 0) + 1
    assert by_type == counts


@pytest.mark.parametrize("pdf", list(LAYOUT), ids=lambda p: p.stem)
def test_page_count_and_orientation(pdf: Path) -> None:
    pages, landscape, _ = LAYOUT[pdf]
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == pages
        assert {n for n, p in enumerate(doc.pages, 1) if p.width > p.height} == landscape
        assert all(not p.rotation for p in doc.pages)


def test_change_document_keeps_the_km_rows_of_its_departments() -> None:
    base = {(r["department"], r["seq"]): r for r in read_jsonl(TRUTH)}
    rows = truth_of(CHANGE)
    km = [r for r in rows if r["plan_type"] == "km_process"]
    for row in km:
        want = base[(row["department"], row["seq"])]
        assert {**row, "page": None} == {**want, "page": None}
    cm = [r for r in rows if r["plan_type"] == "change_management"]
    for department in {r["department"] for r in cm}:
        elements = sorted(int(str(r["element"])) for r in cm if r["department"] == department)
        assert elements == [1, 2, 3, 4, 5, 6]
    assert all(r["step"] is None for r in cm)


def test_project_lists() -> None:
    sci, nursing = truth_of(SCI), truth_of(NURSING)
    assert [r["page"] for r in sci] == [1, 1, 2]  # row 2 begins on page 1, ends on page 2
    assert [r["budget_baht"] for r in sci] == [12500, 45000, None]
    assert {r["year_basis"] for r in sci} == {"fiscal"}
    assert {r["year_basis"] for r in nursing} == {"academic"}
    assert {r["fiscal_year"] for r in nursing} == {2565}


@pytest.mark.parametrize("pdf", [ROTATED, SIDEWAYS_SCAN, UPSIDE_DOWN_SCAN], ids=lambda p: p.stem)
def test_turned_versions_share_the_truth(pdf: Path) -> None:
    assert truth_of(pdf) == truth_of(SCI)


def test_rotated_text_layer_runs_bottom_to_top() -> None:
    with pdfplumber.open(ROTATED) as doc:
        for page in doc.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            assert chars
            assert sum(not c["upright"] and c["matrix"][1] > 0 for c in chars) > 0.95 * len(chars)


@pytest.mark.parametrize("pdf", [SIDEWAYS_SCAN, UPSIDE_DOWN_SCAN], ids=lambda p: p.stem)
def test_turned_scans_have_no_text(pdf: Path) -> None:
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            assert not page.chars
            assert len(page.images) == 1
