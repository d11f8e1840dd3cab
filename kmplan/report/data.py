"""What the report shows, read from the warehouse into typed records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import duckdb

from kmplan.warehouse.compare import COMPARE_COLUMNS, compare_departments
from kmplan.warehouse.departments import resolve_organization
from kmplan.warehouse.query import QueryResult


@dataclass(frozen=True)
class StepBar:
    step: int
    start: date | None
    end: date | None
    period_text: str


@dataclass(frozen=True)
class DepartmentPlan:
    department_key: str
    department: str
    km_goal: str
    bars: tuple[StepBar, ...]


@dataclass(frozen=True)
class YearPlan:
    fiscal_year: int
    source_file: str
    announced_on: date | None
    reference_no: str | None
    signed_by: str | None
    departments: tuple[DepartmentPlan, ...]


@dataclass(frozen=True)
class ReportData:
    organization_key: str
    organization: str
    years: tuple[YearPlan, ...]
    comparison: QueryResult
    warnings: QueryResult


def load_report(
    conn: duckdb.DuckDBPyConnection, organization: str, years: Sequence[int] | None = None
) -> ReportData:
    """The report's content for one organization (key or printed name), all years held or
    the given ones; one document per year, as the comparison chooses it."""
    org_key = resolve_organization(conn, organization)
    docs = conn.execute(
        "SELECT y.document_id, y.fiscal_year, y.source_file, d.announced_on, d.reference_no, "
        "d.signed_by, d.organization FROM year_documents AS y "
        "JOIN documents AS d ON d.document_id = y.document_id "
        "WHERE y.organization_key = ? "
        "AND (?::INTEGER[] IS NULL OR list_contains(?, y.fiscal_year)) "
        "ORDER BY y.fiscal_year",
        [org_key, _years(years), _years(years)],
    ).fetchall()
    plans = tuple(_year_plan(conn, row) for row in docs)
    chosen = [plan.fiscal_year for plan in plans]
    comparison = (
        compare_departments(conn, org_key, chosen)
        if len(chosen) >= 2
        else QueryResult(columns=COMPARE_COLUMNS, rows=())
    )
    return ReportData(
        organization_key=org_key,
        organization=str(docs[-1][6]) if docs else org_key,
        years=plans,
        comparison=comparison,
        warnings=_warnings(conn, [str(row[0]) for row in docs]),
    )


def _years(years: Sequence[int] | None) -> list[int] | None:
    return sorted(set(years)) if years else None


def _year_plan(conn: duckdb.DuckDBPyConnection, doc: tuple[object, ...]) -> YearPlan:
    document_id, year, source, announced, reference, signer, _ = doc
    rows = conn.execute(
        """
        SELECT k.plan_no, k.department_key, k.department, k.km_goal, a.step,
               min(a.period_start), max(a.period_end),
               string_agg(DISTINCT a.period_text, ' / ')
        FROM plan_keys AS k
        JOIN activities AS a ON a.document_id = k.document_id AND a.plan_no = k.plan_no
        WHERE k.document_id = ? AND a.step IS NOT NULL
        GROUP BY ALL ORDER BY k.plan_no, a.step
        """,
        [document_id],
    ).fetchall()
    departments: dict[int, DepartmentPlan] = {}
    for plan_no, key, name, goal, step, start, end, text in rows:
        bar = StepBar(int(step), start, end, str(text or ""))
        if plan_no in departments:
            old = departments[plan_no]
            departments[plan_no] = DepartmentPlan(
                old.department_key, old.department, old.km_goal, (*old.bars, bar)
            )
        else:
            departments[plan_no] = DepartmentPlan(str(key), str(name), str(goal), (bar,))
    return YearPlan(
        fiscal_year=int(str(year)),
        source_file=str(source),
        announced_on=announced if isinstance(announced, date) else None,
        reference_no=None if reference is None else str(reference),
        signed_by=None if signer is None else str(signer),
        departments=tuple(departments.values()),
    )


def _warnings(conn: duckdb.DuckDBPyConnection, document_ids: list[str]) -> QueryResult:
    cursor = conn.execute(
        "SELECT d.fiscal_year, d.source_file, w.page, w.plan_no, w.seq, w.code, w.message "
        "FROM warnings AS w JOIN documents AS d ON d.document_id = w.document_id "
        "WHERE list_contains(?, w.document_id) ORDER BY d.fiscal_year, w.warning_no",
        [document_ids],
    )
    columns = tuple(str(c[0]) for c in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))
