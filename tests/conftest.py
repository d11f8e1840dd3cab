from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BORN_DIGITAL = SAMPLES / "tak-pao-km-plan-2566.pdf"
TRUTH = SAMPLES / "tak-pao-km-plan-2566.truth.jsonl"
TEST_DATA = ROOT / "tests" / "data"
# ../shared beside the checkout (the seed, the contract, real-world PDFs); tests that need it
# skip with a reason that names it when it is missing.
SHARED = ROOT.parent / "shared"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def born_digital() -> Path:
    return BORN_DIGITAL


@pytest.fixture(scope="session")
def truth_rows() -> list[dict[str, object]]:
    return read_jsonl(TRUTH)


YEAR_SAMPLES = {year: SAMPLES / f"tak-pao-km-plan-{year}.pdf" for year in (2565, 2566, 2567)}


@pytest.fixture(scope="session")
def years_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse holding the FY2565, FY2566 and FY2567 samples (samples/build/build_years.py).

    Tests must not write to it: copy it first (see tests/test_years_departments.py)."""
    from pipeline.ingest import ingest

    db = tmp_path_factory.mktemp("years") / "years.duckdb"
    report = ingest(list(YEAR_SAMPLES.values()), db)
    assert report.ok, [(o.path, o.reason) for o in report.outcomes]
    return db
