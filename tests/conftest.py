from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BORN_DIGITAL = SAMPLES / "tak-pao-km-plan-2566.pdf"
TRUTH = SAMPLES / "tak-pao-km-plan-2566.truth.jsonl"
SHARED = ROOT.parent / "shared"


def read_jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="session")
def born_digital() -> Path:
    return BORN_DIGITAL


@pytest.fixture(scope="session")
def truth_rows() -> list[dict[str, object]]:
    return read_jsonl(TRUTH)
