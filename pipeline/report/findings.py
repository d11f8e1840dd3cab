"""The report's audit findings: one table per year under its Gantt charts, each finding
linked to its plan's chart (the plan's title row carries the anchor, see gantt.py)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Protocol

import duckdb

from warehouse.audit import FINDING_COLUMNS, prepare
from warehouse.query import QueryResult


class YearPlan(Protocol):
    """What a year's findings need of report/data.py's YearPlan (which imports this module)."""

    @property
    def fiscal_year(self) -> int: ...
    @property
    def year_basis(self) -> str: ...
    @property
    def source_file(self) -> str: ...


SEVERITY_TH = {"error": "ผิดเกณฑ์", "warning": "ควรแก้ไข", "info": "ข้อสังเกต"}


def load_findings(conn: duckdb.DuckDBPyConnection, document_ids: Sequence[str]) -> QueryResult:
    """The findings (kmplan audit's) of the documents the report shows."""
    prepare(conn)
    cursor = conn.execute(
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM plan_findings "
        "WHERE list_contains(?, document_id) "
        "ORDER BY fiscal_year, plan_no NULLS FIRST, seq NULLS FIRST, row_no NULLS FIRST, rule_no",
        [list(document_ids)],
    )
    return QueryResult(columns=FINDING_COLUMNS, rows=tuple(cursor.fetchall()))


def year_anchor(year: YearPlan) -> str:
    return ("ay" if year.year_basis == "academic" else "fy") + str(year.fiscal_year)


def plan_anchor(year: YearPlan, plan_no: int) -> str:
    return f"{year_anchor(year)}-plan-{plan_no}"


def findings_section(year: YearPlan, findings: QueryResult) -> str:
    """The findings of the year's document; a finding about a plan links to its chart,
    one about the whole document to the year's section."""
    rows = [
        dict(zip(findings.columns, row, strict=True))
        for row in findings.rows
        if row[1] == year.fiscal_year
        and row[FINDING_COLUMNS.index("source_file")] == year.source_file
    ]
    heading = f'<h3 id="{year_anchor(year)}-findings">ผลการตรวจแผน (audit findings)</h3>'
    if not rows:
        return heading + "<p>ไม่พบข้อสังเกต (no findings)</p>"
    head = ("ระดับ", "กฎ", "หน่วยงานย่อย", "หน้า", "ลำดับ", "ข้อความ")
    lines = ['<table class="findings"><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in rows:
        lines.append(_finding_row(year, row))
    return heading + "\n".join([*lines, "</table>"])


def _finding_row(year: YearPlan, row: dict[str, object]) -> str:
    plan_no = row["plan_no"]
    target = year_anchor(year) if plan_no is None else plan_anchor(year, int(str(plan_no)))
    where = "ทั้งเอกสาร" if plan_no is None else f"แผนที่ {plan_no} {row['department']}"
    severity = str(row["severity"])
    cells = (
        f"{escape(SEVERITY_TH.get(severity, severity))} ({escape(severity)})",
        escape(str(row["rule"])),
        f'<a href="#{escape(target)}">{escape(where)}</a>',
        escape(_text(row["page"])),
        escape(_text(row["seq"])),
        escape(str(row["message"])),
    )
    tds = "".join(f"<td>{cell}</td>" for cell in cells)
    return (
        f'<tr class="finding-{escape(severity)}" data-rule="{escape(str(row["rule"]))}">{tds}</tr>'
    )


def _text(value: object) -> str:
    return "" if value is None else str(value)
