"""`kmplan audit` as a user runs it: formats, filters, the summary, the report's findings
section and the xlsx sheet, and one-line errors (exit 1) only for real errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

# The seed's own findings in FY2566 (see tests/samples/test_audit_samples.py). Targets that
# print no percentage, count or comparator, read plan by plan in the seed: plan 1 all 7
# (การยกระดับผลการประเมิน...), plan 2 6 (row 4 has จำนวน 1 เล่ม), plan 3 3 (rows 4, 6, 7), plan
# 4 all 7, plan 5 2 (rows 4, 7), plan 6 2 (rows 4, 7), plan 7 none (ร้อยละ / % in every row),
# plan 8 2 (rows 4, 7), plan 9 all 7: 36. Then 2 steps out of order, 1 period outside the
# year, 1 late announcement, no Change Management plan.
FY2566 = {"target-measurable": 36, "steps-in-order": 2, "period-in-year": 1,
          "announcement-timely": 1, "cm-plan": 1}  # fmt: skip


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, list(args))
    return done.exit_code, done.stdout, done.stderr


def test_jsonl_counts_by_rule_in_fy2566(years_db: Path) -> None:
    code, out, _ = run("audit", "--db", str(years_db), "--year", "2566", "-f", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["rule"]] = counts.get(row["rule"], 0) + 1
    assert counts == FY2566


def test_table_shows_one_finding_a_line(years_db: Path) -> None:
    code, out, _ = run("audit", "--db", str(years_db), "--year", "2566",
                       "--rule", "period-in-year")  # fmt: skip
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["organization", "fiscal_year", "department", "plan_no", "rule",
                                "severity", "page", "seq", "message"]  # fmt: skip
    assert lines[2].split()[:8] == ["องค์การบริหารส่วนจังหวัดตาก", "2566", "หน่วยตรวจสอบภายใน",
                                    "9", "period-in-year", "warning", "24", "1"]  # fmt: skip
    assert lines[-1] == "(1 row)"


def test_csv_to_a_file(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    code, _, err = run("audit", "--db", str(years_db), "--org", "อบจ.ตาก", "-f", "csv",
                       "--out", str(out), "--year", "2566")  # fmt: skip
    assert code == 0 and err.strip() == f"41 findings written to {out}"
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == sum(FY2566.values())
    assert rows[0]["document_id"] and rows[0]["source_file"] == "tak-pao-km-plan-2566.pdf"


def test_summary_xlsx(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    code, _, _ = run("audit", "--db", str(years_db), "--summary", "-f", "xlsx", "-o", str(out))
    assert code == 0
    sheet = openpyxl.load_workbook(out)["สรุปผลการตรวจแผน"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [2565, 2566, 2567]


def test_export_xlsx_has_the_findings_sheet(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plans.xlsx"
    code, _, _ = run("export", "--db", str(years_db), "-f", "xlsx", "-o", str(out),
                     "--year", "2566")  # fmt: skip
    assert code == 0
    sheet = openpyxl.load_workbook(out)["ผลการตรวจแผน"]
    rules = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rules) == sum(FY2566.values()) and set(rules) == set(FY2566)
    assert sheet.cell(1, 6).value == "กฎ [rule]"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rule", "no-such-rule"], "error: unknown rule no-such-rule; the rules are: "),
        (["-f", "xlsx"], "error: xlsx needs --out FILE"),
        (["--org", "ไม่มีหน่วยงานนี้"], "error: no organization 'ไม่มีหน่วยงานนี้'"),
        (
            ["-f", "csv", "-o", "/nonexistent-dir/f.csv"],
            "error: cannot write --out /nonexistent-dir/f.csv: no such file or directory",
        ),
    ],
)
def test_errors_are_one_line(years_db: Path, args: list[str], message: str) -> None:
    code, out, err = run("audit", "--db", str(years_db), *args)
    assert code == 1 and err.startswith(message) and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_missing_warehouse(tmp_path: Path) -> None:
    code, _, err = run("audit", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and err.strip().endswith("run kmplan ingest first")


def test_report_links_findings_to_gantt_charts(years_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "tak.html"
    code, _, _ = run("report", "--db", str(years_db), "--org", "อบจ.ตาก", "--out", str(out))
    assert code == 0
    html = out.read_text(encoding="utf-8")
    for year in (2565, 2566, 2567):
        assert f'id="fy{year}-findings"' in html
    # FY2566's period outside the year is plan 9's; its link leads to plan 9's chart row.
    row = re.search(r'<tr class="finding-warning" data-rule="period-in-year">.*?</tr>',
                    html.split('id="fy2566-findings"')[1])  # fmt: skip
    assert row is not None and 'href="#fy2566-plan-9"' in row.group(0)
    assert 'data-plan-no="9" id="fy2566-plan-9"' in html
    # A finding about the whole document links to the year's section.
    assert re.search(r'data-rule="cm-plan">.*?href="#fy2567"', html)


def test_csv_guards_text_a_spreadsheet_would_run(tmp_path: Path) -> None:
    """A department printed as '=...' reaches the CSV as text ('=...), as kmplan export
    writes it; to a file (DuckDB writes it) and to standard output (Python does)."""
    from normalize.models import Plan
    from warehouse import load_document, open_warehouse

    try:
        from ..warehouse.audit_docs import document, km_rows
    except ImportError:
        from audit_docs import document, km_rows  # type: ignore[no-redef]

    plan = Plan(plan_no=1, department="=1+1", km_goal="", deliverable=None, page=3)
    db = tmp_path / "w.duckdb"
    conn = open_warehouse(db)
    load_document(conn, document("guard", km_rows(), plans=[plan]), kmplan_version="test")
    conn.close()
    out = tmp_path / "f.csv"
    code, _, _ = run("audit", "--db", str(db), "-f", "csv", "-o", str(out),
                     "--rule", "goal-deliverable")  # fmt: skip
    assert code == 0
    code, printed, _ = run("audit", "--db", str(db), "-f", "csv", "--rule", "goal-deliverable")
    for text in (out.read_text(encoding="utf-8"), printed):
        row = next(csv.DictReader(io.StringIO(text)))
        assert row["department"] == "'=1+1"
        assert row["message_en"] == "the plan states no KM goal, measurable deliverable"


def test_warehouse_of_an_older_kmplan_is_refused_then_migrated(tmp_path: Path) -> None:
    """A warehouse last written by an older kmplan (schema version 1: no kmplan_meta, an
    activity_rows view without document_kind): the audit never writes, so it says how to
    migrate; after kmplan migrate (views and audit rules brought up to date) it audits."""
    from warehouse import load_document, open_warehouse

    try:
        from ..warehouse.audit_docs import FAILING
    except ImportError:
        from audit_docs import FAILING  # type: ignore[no-redef]

    db = tmp_path / "old.duckdb"
    conn = open_warehouse(db)
    load_document(conn, FAILING["responsible"](), kmplan_version="test")
    conn.execute(
        "CREATE OR REPLACE VIEW activity_rows AS SELECT a.*, p.department, p.plan_type, "
        "d.organization, d.fiscal_year, d.year_basis, d.announced_on FROM activities AS a "
        "JOIN plans AS p USING (document_id, plan_no) JOIN documents AS d USING (document_id)"
    )
    conn.execute("DROP TABLE audit_installed")
    conn.execute("DELETE FROM kmplan_meta")
    conn.execute("DELETE FROM schema_version")
    conn.execute("INSERT INTO schema_version VALUES (1, now()::TIMESTAMP)")
    conn.close()
    code, _, err = run("audit", "--db", str(db), "-f", "jsonl")
    assert code == 1
    assert "schema version 1" in err and f"kmplan migrate --db {db}" in err
    assert run("migrate", "--db", str(db))[0] == 0
    code, out, err = run("audit", "--db", str(db), "-f", "jsonl")
    assert code == 0, err
    assert [json.loads(line)["rule"] for line in out.splitlines()] == ["responsible"]
