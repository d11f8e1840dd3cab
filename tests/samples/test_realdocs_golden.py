"""The real-document samples (samples/build/build_realdocs.py) against their hand-written
truth: a plan whose organization and year are only on its cover (a framed box), a results
report with Wingdings status marks and its organization only in the running header, and
copies of one announcement (a renamed file, a scan) of which the best stands for the year.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from extract.ocr import tesseract as tess
from pipeline.cli import app
from pipeline.guards import Limits
from pipeline.ingest import IngestOptions, ingest
from warehouse import export_rows, open_warehouse

from ..conftest import BORN_DIGITAL, SAMPLES, read_jsonl

COVER = "agri-faculty-km-plan-2564.pdf"
REPORT = "agri-faculty-km-report-2564.pdf"
RENAMED = "tak-pao-km-plan-2566-renamed.pdf"
SCANNED = "tak-pao-km-plan-2566-scanned.pdf"
EXACT = {
    COVER: "agri-faculty-km-plan-2564.truth.jsonl",
    REPORT: "agri-faculty-km-report-2564.truth.jsonl",
    RENAMED: "tak-pao-km-plan-2566-renamed.truth.jsonl",
}


def _export(db: Path, out: Path) -> list[dict[str, object]]:
    conn = open_warehouse(db, read_only=True)
    try:
        export_rows(conn, "jsonl", out)
    finally:
        conn.close()
    return read_jsonl(out)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The new samples and the born-digital FY2566 announcement; the scanned copy of it
    last (the latest ingested, which used to stand for the year) where OCR is installed."""
    folder = tmp_path_factory.mktemp("realdocs")
    db = folder / "w.duckdb"
    first = [SAMPLES / COVER, SAMPLES / REPORT, BORN_DIGITAL, SAMPLES / RENAMED]
    assert ingest(first, db).ok
    if tess.tesseract_available("tha"):
        options = IngestOptions(limits=Limits(timeout_s=None))
        assert ingest([SAMPLES / SCANNED], db, options=options).ok
    return db


@pytest.fixture(scope="module")
def rows(warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    return _export(warehouse, tmp_path_factory.mktemp("rows") / "rows.jsonl")


@pytest.mark.parametrize("name", sorted(EXACT))
def test_every_field_equals_truth(rows: list[dict[str, object]], name: str) -> None:
    truth = read_jsonl(SAMPLES / EXACT[name])
    sha = hashlib.sha256((SAMPLES / name).read_bytes()).hexdigest()
    got = [row for row in rows if row["source_file"] == name]
    assert [r["seq"] for r in got] == [r["seq"] for r in truth]
    mismatches = []
    for row, want in zip(got, truth, strict=True):
        want = {**want, "document_id": sha, "source_file": name}
        for field, value in want.items():
            if row.get(field) != value:
                mismatches.append(
                    f"seq {want['seq']} {field}: got {row.get(field)!r} want {value!r}"
                )
    assert not mismatches, "\n".join(mismatches)


def _query(db: Path, sql: str) -> list[tuple[object, ...]]:
    conn = open_warehouse(db, read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_results_report_summary_page_adds_no_rows(warehouse: Path) -> None:
    # the summary of counts on page 3 prints ดำเนินการแล้ว | อยู่ระหว่างดำเนินการ | ... columns
    pages = _query(
        warehouse,
        "SELECT DISTINCT a.page FROM activities AS a JOIN documents AS d USING (document_id) "
        f"WHERE d.source_file = '{REPORT}' ORDER BY 1",
    )
    assert pages == [(1,), (2,)]


def test_sources_are_recorded_where_inspect_shows_them() -> None:
    done = CliRunner().invoke(app, ["inspect", str(SAMPLES / REPORT)])
    assert done.exit_code == 0, done.output
    assert "(from header;" in done.output  # the organization: only the running header
    assert "kind          results_report" in done.output
    done = CliRunner().invoke(app, ["inspect", str(SAMPLES / COVER)])
    assert "organization  คณะเทคโนโลยีการเกษตร มหาวิทยาลัยราชภัฏเวียงหมอก   (from cover;" in (
        done.output
    )
    assert "fiscal year   2564   (from cover;" in done.output


def test_the_best_copy_stands_for_the_year(warehouse: Path) -> None:
    chosen = dict(_query(warehouse, "SELECT fiscal_year, source_file FROM year_documents"))
    # a text-layer copy, not the scan ingested after it; the plan, not the report on it
    assert chosen[2566] in (BORN_DIGITAL.name, RENAMED)
    assert chosen[2564] == COVER


@pytest.fixture(scope="module")
def uncovered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cover sample without its cover: the plan page prints no organization and no
    year anywhere (its unit line names a department only)."""
    path = tmp_path_factory.mktemp("uncovered") / "plan-without-cover.pdf"
    with pikepdf.open(SAMPLES / COVER) as pdf:
        del pdf.pages[0]
        pdf.save(path)
    return path


def test_document_with_no_organization_anywhere_loads_with_warnings(
    uncovered: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(uncovered), "--db", str(db)])
    assert done.exit_code == 0, done.output
    got = _query(db, "SELECT organization, fiscal_year, count(*) FROM activity_rows GROUP BY ALL")
    assert got == [(None, None, 7)]
    codes = _query(db, "SELECT code, field FROM warnings ORDER BY warning_no")
    assert ("organization-missing", "organization") in codes
    assert ("fiscal-year-missing", "fiscal_year") in codes
    # the cross-year commands leave it out and say so
    done = runner.invoke(app, ["compare", "--db", str(db)])
    assert "left out 1 document with no organization or fiscal year" in done.output


def test_ingest_options_fill_what_no_page_prints(uncovered: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    organization = "คณะเทคโนโลยีการเกษตร มหาวิทยาลัยราชภัฏเวียงหมอก"
    args = ["ingest", str(uncovered), "--db", str(db), "--organization", organization]
    done = CliRunner().invoke(app, [*args, "--fiscal-year", "2564"])
    assert done.exit_code == 0, done.output
    got = _query(db, "SELECT DISTINCT organization, fiscal_year FROM activity_rows")
    assert got == [(organization, 2564)]
    assert _query(db, "SELECT count(*) FROM warnings WHERE code LIKE '%-missing'") == [(0,)]
    inspected = CliRunner().invoke(
        app, ["inspect", str(uncovered), "--organization", organization, "--fiscal-year", "2564"]
    )
    assert f"organization  {organization}   (from option;" in inspected.output
