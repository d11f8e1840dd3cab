"""A scanned memo and announcement that only mention the plan in prose (its tables not
attached) give no rows and say why, in one line; the batch goes on (issue 13, part 7)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from extract.ocr import tesseract as tess
from pipeline.cli import app

from ..conftest import BORN_DIGITAL, SAMPLES

SCANNED = SAMPLES / "tak-pao-km-plan-2566-scanned.pdf"


@pytest.mark.skipif(
    not tess.tesseract_available("tha"), reason="tesseract-ocr and tesseract-ocr-tha are needed"
)
def test_scanned_memo_without_tables_gives_no_rows_and_a_reason(tmp_path: Path) -> None:
    memo = tmp_path / "scanned-memo-only.pdf"
    with pikepdf.open(SCANNED) as pdf:
        del pdf.pages[2:]  # the memo and the announcement: the plan is named in prose only
        pdf.save(memo)
    db = tmp_path / "w.duckdb"
    done = CliRunner().invoke(app, ["ingest", str(memo), str(BORN_DIGITAL), "--db", str(db)])
    assert done.exit_code == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {memo}: no KM action-plan table found"]
    assert f"ok:    {BORN_DIGITAL}" in done.stdout + done.stderr
