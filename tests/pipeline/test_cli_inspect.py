"""kmplan inspect: one document's findings, repairs and warnings, without a warehouse."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

from ..conftest import BORN_DIGITAL

runner = CliRunner()


def test_inspect_shows_metadata_plans_rows_and_warnings() -> None:
    result = runner.invoke(app, ["inspect", str(BORN_DIGITAL)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "25 pages, 9 plans, 63 rows" in out
    assert "fiscal year   2566   (from memo; printed: '๒๕๖๖')" in out
    assert "reference no  ตก 51008/9726   (from memo; printed: 'ตก ๕๑๐๐๘/๙๗๒๖')" in out
    assert "organization  องค์การบริหารส่วนจังหวัดตาก   (from memo;" in out
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


def test_pua_sample_repairs_are_shown_and_stored(tmp_path: Path) -> None:
    pua = BORN_DIGITAL.with_name("tak-pao-km-plan-2566-pua.pdf")
    result = runner.invoke(app, ["inspect", str(pua)])
    assert result.exit_code == 0, result.output
    summary = next(ln for ln in result.stdout.splitlines() if ln.startswith("repair: "))
    share = float(summary.split()[1].rstrip("%"))
    assert 1.0 < share < 30.0
    assert "[private-use-glyph" in result.stdout
    db = tmp_path / "w.duckdb"
    assert runner.invoke(app, ["ingest", str(pua), "--db", str(db)]).exit_code == 0
    query = runner.invoke(
        app,
        [
            "query",
            "select round(100 * repair_share, 2) as pct from document_summary",
            "--db",
            str(db),
        ],
    )
    assert f"{share:.2f}" in query.stdout


def test_a_control_character_in_a_value_is_escaped_not_printed() -> None:
    from pipeline.inspect import inspect_file, render_report

    sample = BORN_DIGITAL.with_name("sci-faculty-km-plan-2566.pdf")
    report = inspect_file(sample, given=(None, None))
    lines = render_report(report).count("\n")
    first = report.doc.activities[0].model_copy(update={"activity": "ok:\n\x1b]0;title\x07 row"})
    report.doc.activities[0] = first
    shown = render_report(report)
    assert "\x1b" not in shown and "\x07" not in shown
    assert shown.count("\n") == lines  # the newline in the cell starts no line of its own
    assert "ok:\\n\\x1b]0;title\\x07 row" in shown
