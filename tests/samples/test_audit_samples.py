"""`kmplan audit` on real samples: the audit sample built with known violations
(samples/build/build_audit.py) gives exactly its hand-written findings, and the clean
FY2565-2567 samples give no error (their warnings are the seed's own, read from its text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from ..conftest import SAMPLES, read_jsonl
except ImportError:
    from conftest import SAMPLES, read_jsonl  # type: ignore[no-redef]

AUDIT_PDF = SAMPLES / "tak-pao-km-plan-2566-audit.pdf"
EXPECTED = SAMPLES / "tak-pao-km-plan-2566-audit.findings.jsonl"
FIELDS = ("rule", "severity", "outcome", "plan_no", "department", "page", "seq", "message_en")


def audit_jsonl(db: Path, *options: str) -> list[dict[str, object]]:
    done = CliRunner().invoke(app, ["audit", "--db", str(db), "--format", "jsonl", *options])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def audit_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline.ingest import ingest

    db = tmp_path_factory.mktemp("audit") / "audit.duckdb"
    report = ingest([AUDIT_PDF], db)
    assert report.ok, [(o.path, o.reason) for o in report.outcomes]
    return db


def test_audit_sample_gives_its_hand_written_findings(audit_db: Path) -> None:
    found = audit_jsonl(audit_db)
    assert [{key: row[key] for key in FIELDS} for row in found] == read_jsonl(EXPECTED)
    assert {row["organization"] for row in found} == {"องค์การบริหารส่วนจังหวัดตาก"}
    assert {row["source_file"] for row in found} == {AUDIT_PDF.name}


def test_audit_sample_filters(audit_db: Path) -> None:
    found = audit_jsonl(audit_db, "--rule", "steps-in-order", "--year", "2566")
    assert [(row["seq"], row["outcome"]) for row in found] == [
        (4, "fail"), (6, "unchecked"), (7, "unchecked")
    ]  # fmt: skip
    assert audit_jsonl(audit_db, "--year", "2567") == []


def test_clean_year_samples_have_no_errors(years_db: Path) -> None:
    """What the seed itself prints, FY2566 (and the same moved a year in FY2565, FY2567):
    the internal audit unit plans step 1 in September, before the fiscal year starts;
    plan 1 starts step 3 (ตุลาคม) before step 2 (กุมภาพันธ์) and step 6 (กุมภาพันธ์)
    before step 5 (พฤษภาคม); the announcements of FY2566 (11 Oct 2023) and FY2567
    (24 Nov 2023) are dated after the first month of their year (FY2565's, 27 Oct 2021,
    is not); no year has a Change Management plan."""
    found = audit_jsonl(years_db)
    assert [row for row in found if row["severity"] == "error"] == []
    outside = [(r["fiscal_year"], r["department"], r["seq"]) for r in found
               if r["rule"] == "period-in-year"]  # fmt: skip
    assert outside == [(2565, "หน่วยตรวจสอบภายใน", 1), (2566, "หน่วยตรวจสอบภายใน", 1)]
    order = [(r["fiscal_year"], r["plan_no"], r["seq"]) for r in found
             if r["rule"] == "steps-in-order"]  # fmt: skip
    assert order == [(year, 1, seq) for year in (2565, 2566, 2567) for seq in (2, 6)]
    late = [r["fiscal_year"] for r in found if r["rule"] == "announcement-timely"]
    assert late == [2566, 2567]
    assert [r["fiscal_year"] for r in found if r["rule"] == "cm-plan"] == [2565, 2566, 2567]
    assert {r["outcome"] for r in found} == {"fail"}


def test_summary_counts_the_years(years_db: Path) -> None:
    done = CliRunner().invoke(app, ["audit", "--db", str(years_db), "--summary", "-f", "csv"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=True)) for line in lines[1:]]
    assert [(r["fiscal_year"], r["plans"], r["rows"], r["errors"]) for r in rows] == [
        ("2565", "8", "56", "0"), ("2566", "9", "63", "0"), ("2567", "8", "56", "0")
    ]  # fmt: skip
    # 9 plans x 7 rows in FY2566, one of them outside the year: 62/63.
    assert rows[1]["pass:period-in-year"] == str(round(62 / 63, 3))
    assert rows[1]["pass:steps-complete"] == "1.0"
    assert rows[1]["pass:results-status"] == ""  # no results report: nothing checked


def test_real_results_report(tmp_path: Path) -> None:
    """The agricultural faculty's plan and its 12-month results report (samples/README:
    "Real documents' traits"): the report marks rows 1-6 and leaves row 7 without a ✓, and
    prints no date, so no activity can be judged overdue; the plan prints no date or signer
    and has no Change Management plan. Rows 1-3 are on page 1, rows 4-7 on page 2."""
    from pipeline.ingest import ingest

    db = tmp_path / "agri.duckdb"
    names = ("agri-faculty-km-plan-2564.pdf", "agri-faculty-km-report-2564.pdf")
    assert ingest([SAMPLES / name for name in names], db).ok
    found = [(r["source_file"], r["rule"], r["severity"], r["outcome"], r["page"], r["seq"])
             for r in audit_jsonl(db)]  # fmt: skip
    plan, report = names
    overdue = [(report, "results-overdue", "info", "unchecked", 1 if seq <= 3 else 2, seq)
               for seq in range(1, 8)]  # fmt: skip
    assert sorted(found, key=str) == sorted(
        [
            (plan, "cm-plan", "info", "fail", None, None),
            (plan, "announcement-signed", "warning", "fail", None, None),
            (plan, "announcement-timely", "info", "unchecked", None, None),
            (report, "results-status", "error", "fail", 2, 7),
            *overdue,
        ],
        key=str,
    )
