"""kmplan inspect: one document's findings, repairs and warnings, without a warehouse."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kmplan.pipeline.cli import app

from .conftest import BORN_DIGITAL

runner = CliRunner()


def test_inspect_shows_metadata_plans_rows_and_warnings() -> None:
    result = runner.invoke(app, ["inspect", str(BORN_DIGITAL)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "25 pages, 9 plans, 63 rows" in out
    assert "fiscal year   2566   (printed: '๒๕๖๖')" in out
    assert "reference no  ตก 51008/9726   (printed: 'ตก ๕๑๐๐๘/๙๗๒๖')" in out
    assert "'วิธีความสำเร็จ'->method" in out  # a printed header variant and where it went
    assert "seq 2 step 3 p.7 2022-10-01..2022-10-31" in out  # plan 1 prints steps out of order
    assert "repair: 0.00% of characters changed by glyph repair in 0 fields; damaged pages" in out
    assert "period-outside-fiscal-year (page 24, plan 9, seq 1, period)" in out


def test_inspect_bad_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_text("not a pdf")
    result = runner.invoke(app, ["inspect", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {bad}: not a PDF (no %PDF- header)"
