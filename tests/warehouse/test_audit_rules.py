"""The plan audit's rules on hand-built documents: each rule fails on a document built to
break it (and only it) and passes on one that keeps it; unread values are "unchecked"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

from normalize.models import NormalizedDocument
from warehouse import load_document, open_warehouse
from warehouse.audit_rules import default_rules

try:  # tests/ as a package (with __init__.py) or as a plain folder
    from .audit_docs import FAILING, PASSING, cm_rows, document, good_plan, km_rows, results_report
except ImportError:
    from audit_docs import (  # type: ignore[no-redef]
        FAILING,
        PASSING,
        cm_rows,
        document,
        good_plan,
        km_rows,
        results_report,
    )

VERSION = "0.1.0-test"


@pytest.fixture
def conn() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = open_warehouse(":memory:")
    yield connection
    connection.close()


def checks(conn: duckdb.DuckDBPyConnection, doc: NormalizedDocument) -> list[tuple[object, ...]]:
    load_document(conn, doc, kmplan_version=VERSION)
    return conn.execute(
        "SELECT rule, outcome, severity, plan_no, seq, page, message, message_en "
        "FROM plan_checks ORDER BY rule_no, plan_no, seq"
    ).fetchall()


def failed(rows: list[tuple[object, ...]]) -> set[object]:
    return {row[0] for row in rows if row[1] != "pass"}


def test_every_rule_has_a_failing_and_a_passing_document() -> None:
    assert set(FAILING) == set(default_rules().ids()) == set(PASSING)


@pytest.mark.parametrize("rule", sorted(FAILING))
def test_rule_fails_on_its_document_only(conn: duckdb.DuckDBPyConnection, rule: str) -> None:
    rows = checks(conn, FAILING[rule]())
    assert failed(rows) == {rule}
    assert {row[1] for row in rows if row[0] == rule} >= {"fail"}


@pytest.mark.parametrize("rule", sorted(PASSING))
def test_rule_passes_on_a_good_document(conn: duckdb.DuckDBPyConnection, rule: str) -> None:
    rows = checks(conn, PASSING[rule]())
    outcomes = [row[1] for row in rows if row[0] == rule]
    assert outcomes and set(outcomes) == {"pass"}
    assert failed(rows) == set()


def test_missing_step_is_named(conn: duckdb.DuckDBPyConnection) -> None:
    rows = checks(conn, FAILING["steps-complete"]())
    assert [row[1:] for row in rows if row[0] == "steps-complete" and row[1] != "pass"] == [
        (
            "fail", "error", 1, None, 3,
            "แผนไม่ครบ 7 ขั้นตอนของกระบวนการจัดการความรู้ ขาดขั้นตอน 5 การเข้าถึงความรู้",
            "the plan does not cover all seven KM Process steps: missing 5 Knowledge Access",
        )
    ]  # fmt: skip


def test_period_outside_the_fiscal_year_names_the_row(conn: duckdb.DuckDBPyConnection) -> None:
    rows = checks(conn, FAILING["period-in-year"]())
    assert [row[1:] for row in rows if row[0] == "period-in-year" and row[1] != "pass"] == [
        (
            "fail", "warning", 1, 7, 4,
            "ระยะเวลา 'ตุลาคม 2566' (2023-10-01 ถึง 2023-10-31) อยู่นอกปี 2566 "
            "(2022-10-01 ถึง 2023-09-30)",
            "the period 'ตุลาคม 2566' (2023-10-01 to 2023-10-31) lies outside year 2566 "
            "(2022-10-01 to 2023-09-30)",
        )
    ]  # fmt: skip


def test_steps_out_of_order_point_at_the_early_step(conn: duckdb.DuckDBPyConnection) -> None:
    rows = checks(conn, FAILING["steps-in-order"]())
    assert [row[:7] for row in rows if row[0] == "steps-in-order" and row[1] != "pass"] == [
        ("steps-in-order", "fail", "warning", 1, 3, 3,
         "ขั้นตอนที่ 3 เริ่ม 2022-10-01 ก่อนขั้นตอนที่ 2 ซึ่งเริ่ม 2022-11-01"),
    ]  # fmt: skip


def test_unread_values_are_unchecked_never_violations(conn: duckdb.DuckDBPyConnection) -> None:
    """Step 4's period and step 6's step were not read: the period rule, the two step
    pairs around step 4 and the coverage of step 6 could not be checked."""
    unread_period = {"period_start": None, "period_end": None, "period_text": "ตลอดปี"}
    doc = document("unread", km_rows(s4=unread_period, s6={"step": None}) + cm_rows())
    rows = checks(conn, doc)
    assert [(row[0], row[1], row[2], row[4]) for row in rows if row[1] != "pass"] == [
        ("steps-complete", "unchecked", "info", None),
        ("period-in-year", "unchecked", "info", 4),
        ("steps-in-order", "unchecked", "info", 4),
        ("steps-in-order", "unchecked", "info", 5),
    ]
    messages = {row[7] for row in rows if row[1] == "unchecked"}
    assert "could not be checked: the period 'ตลอดปี' was not read" in messages
    assert (
        "could not be checked: steps 6 Knowledge Sharing not found and the step of 1 rows "
        "was not read" in messages
    )


def test_blank_period_is_a_violation(conn: duckdb.DuckDBPyConnection) -> None:
    doc = document("blank-period", km_rows(s2={"period_text": "", "period_start": None,
                                                "period_end": None}))  # fmt: skip
    rows = checks(conn, doc)
    assert ("period-in-year", "fail", "warning", 1, 2) in [row[:5] for row in rows]


def test_results_report_findings(conn: duckdb.DuckDBPyConnection) -> None:
    """Report of 15 Feb 2023: step 2 (ended 30 Nov 2022) is still not started, step 3 has
    no status; steps 5-7 had not ended, so their status is not judged."""
    doc = results_report("report", ["done", "not_started", None, "done", None,
                                    "not_started", "not_started"])  # fmt: skip
    rows = checks(conn, doc)
    assert [row[:5] + (row[7],) for row in rows if row[1] != "pass"] == [
        ("results-status", "fail", "error", 1, 3, "the reported activity has no status"),
        ("results-status", "fail", "error", 1, 5, "the reported activity has no status"),
        ("results-overdue", "fail", "warning", 1, 2,
         "the activity ended 2022-11-30, before the report date 2023-02-15, but is still "
         "not started"),
        ("results-overdue", "unchecked", "info", 1, 3,
         "could not be checked: the period end, the report date or the status was not read"),
    ]  # fmt: skip


def test_academic_year_runs_june_to_may(conn: duckdb.DuckDBPyConnection) -> None:
    """Academic year 2565 = 1 June 2022 - 31 May 2023 (audit_rules.json "years")."""
    inside = {"period_start": date(2022, 6, 1), "period_end": date(2023, 5, 31)}
    before = {"period_start": date(2022, 5, 1), "period_end": date(2022, 5, 31)}
    doc = document("academic", km_rows(s1=inside, s2=before), fiscal_year=2565,
                   year_basis="academic", announced_on=date(2022, 6, 10))  # fmt: skip
    rows = checks(conn, doc)
    period = [(row[1], row[4]) for row in rows if row[0] == "period-in-year"]
    assert ("pass", 1) in period and ("fail", 2) in period
    assert ("announcement-timely", "pass") in [row[:2] for row in rows]


def test_the_view_matches_the_warehouse_after_reopen(tmp_path: object) -> None:
    """plan_findings is stored in the warehouse: a plain reader sees it."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "w.duckdb"
    writer = open_warehouse(path)
    load_document(writer, FAILING["responsible"](), kmplan_version=VERSION)
    writer.close()
    reader = duckdb.connect(str(path), read_only=True)
    try:
        found = reader.execute("SELECT rule, seq FROM plan_findings").fetchall()
    finally:
        reader.close()
    assert found == [("responsible", 4)]


def test_good_plan_has_no_findings(conn: duckdb.DuckDBPyConnection) -> None:
    rows = checks(conn, good_plan())
    assert failed(rows) == set()
    # KM plan: coverage 1, four row rules x 7 rows, 6 step pairs, goal 1; CM plan: four row
    # rules x 6 rows, goal 1, elements 1; the document: CM plan, signed, timely.
    assert len(rows) == (1 + 4 * 7 + 6 + 1) + (4 * 6 + 1 + 1) + 3
