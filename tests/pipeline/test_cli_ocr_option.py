"""kmplan ingest --ocr: auto reads the scanned memo of the mixed sample, never does not."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from ..conftest import SAMPLES

MIXED = SAMPLES / "tak-pao-km-plan-2566-mixed.pdf"
runner = CliRunner()


def _references(db: Path, tmp_path: Path) -> set[object]:
    out = tmp_path / f"{db.stem}.jsonl"
    result = runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["reference_no"] for line in out.read_text("utf-8").splitlines()}


def test_ocr_never_leaves_the_scanned_memo_unread(tmp_path: Path) -> None:
    db = tmp_path / "never.duckdb"
    result = runner.invoke(app, ["ingest", str(MIXED), "--ocr", "never", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _references(db, tmp_path) == {None}


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_ocr_auto_reads_the_scanned_memo(tmp_path: Path) -> None:
    db = tmp_path / "auto.duckdb"
    result = runner.invoke(app, ["ingest", str(MIXED), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _references(db, tmp_path) == {"ตก 51008/9726"}


def test_ocr_option_rejects_unknown_modes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(MIXED), "--ocr", "sometimes"])
    assert result.exit_code == 2
