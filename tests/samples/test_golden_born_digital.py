"""The born-digital sample against truth written from the seed (samples/build/make_truth.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.ingest import ingest
from warehouse import export_rows, open_warehouse

from ..conftest import BORN_DIGITAL, SHARED, read_jsonl


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    folder = tmp_path_factory.mktemp("golden")
    db = folder / "w.duckdb"
    report = ingest([BORN_DIGITAL], db)
    assert report.ok, report.outcomes
    out = folder / "rows.jsonl"
    conn = open_warehouse(db, read_only=True)
    try:
        export_rows(conn, "jsonl", out)
    finally:
        conn.close()
    return read_jsonl(out)


def test_nine_plans_sixty_three_rows(exported: list[dict[str, object]]) -> None:
    assert len(exported) == 63
    plans = {(row["department"], row["km_goal"]) for row in exported}
    assert len(plans) == 9


def test_every_field_equals_truth(
    exported: list[dict[str, object]], truth_rows: list[dict[str, object]]
) -> None:
    sha = hashlib.sha256(BORN_DIGITAL.read_bytes()).hexdigest()
    assert len(exported) == len(truth_rows)
    mismatches = []
    for got, want in zip(exported, truth_rows, strict=True):
        want = {**want, "document_id": sha, "source_file": BORN_DIGITAL.name}
        for field, value in want.items():
            if got.get(field) != value:
                where = f"{want['department']} seq {want['seq']} {field}"
                mismatches.append(f"{where}: got {got.get(field)!r} want {value!r}")
    assert not mismatches, "\n".join(mismatches)


def test_rows_follow_the_contract_schema(exported: list[dict[str, object]]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = SHARED / "contract" / "activity-row.schema.json"
    if not schema_path.exists():
        pytest.skip("shared/contract is not beside this checkout")
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for row in exported:
        validator.validate(row)
