"""What the report shows, read from the warehouse into typed records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import duckdb

from extract.vocab.kinds import PlanType
from pipeline.report.findings import load_findings
from pipeline.report.labels import STEP_NAMES, element_names
from warehouse.compare import COMPARE_COLUMNS, compare_departments
from warehouse.departments import resolve_organization
from warehouse.query import QueryResult


@dataclass(frozen=True)
class ChartRow:
    """One row of a Gantt chart: a KM step, a Change Management element or a project."""

    label: str  # the step's or element's canonical name, or the project's name as printed
    number: int | None  # the step (1-7) or element (1-6); None for a project
    seq: int | None  # a project's ลำดับ; None for step and element rows
    start: date | None  # the earliest start of the row's activities
    end: date | None  # the latest end
    period_text: str  # the periods as printed, ' / ' between different ones
    activities: int  # 0: the plan has no activity of this step or element (no bar)


@dataclass(frozen=True)
class PlanChart:
    """One plan's rows: 7 step rows (km_process), 6 element rows (change_management) or
    one row per project (project_list)."""

    plan_no: int
    plan_type: str
    department_key: str
    department: str
    km_goal: str
    rows: tuple[ChartRow, ...]


@dataclass(frozen=True)
class YearPlan:
    fiscal_year: int  # the printed plan year (BE): fiscal or academic, as year_basis says
    year_basis: str
    source_file: str
    announced_on: date | None
    reference_no: str | None
    signed_by: str | None
    plans: tuple[PlanChart, ...]

    def plan_types(self) -> tuple[str, ...]:
        """The families this year's document holds, in the contract's order."""
        held = {plan.plan_type for plan in self.plans}
        known = tuple(t.value for t in PlanType if t in held)
        return known + tuple(sorted(held - set(known)))

    def earliest_start(self) -> date | None:
        starts = [row.start for plan in self.plans for row in plan.rows if row.start is not None]
        return min(starts) if starts else None


@dataclass(frozen=True)
class ReportData:
    organization_key: str
    organization: str
    years: tuple[YearPlan, ...]
    comparison: QueryResult
    warnings: QueryResult
    findings: QueryResult  # kmplan audit's, of the documents shown (report/findings.py)


def load_report(
    conn: duckdb.DuckDBPyConnection, organization: str, years: Sequence[int] | None = None
) -> ReportData:
    """The report's content for one organization (key or printed name), all years held or
    the given ones; one document per year, as the comparison chooses it."""
    org_key = resolve_organization(conn, organization)
    docs = conn.execute(
        "SELECT y.document_id, y.fiscal_year, d.year_basis, y.source_file, d.announced_on, "
        "d.reference_no, d.signed_by, d.organization FROM year_documents AS y "
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
        organization=str(docs[-1][7]) if docs else org_key,
        years=plans,
        comparison=comparison,
        warnings=_warnings(conn, [str(row[0]) for row in docs]),
        findings=load_findings(conn, [str(row[0]) for row in docs]),
    )


def _years(years: Sequence[int] | None) -> list[int] | None:
    return sorted(set(years)) if years else None


def _year_plan(conn: duckdb.DuckDBPyConnection, doc: tuple[object, ...]) -> YearPlan:
    document_id, year, basis, source, announced, reference, signer, _ = doc
    rows = conn.execute(
        """
        SELECT k.plan_no, k.plan_type, k.department_key, k.department, k.km_goal,
               a.seq, a.step, a.element, a.activity, a.period_start, a.period_end,
               a.period_text
        FROM plan_keys AS k
        JOIN activities AS a ON a.document_id = k.document_id AND a.plan_no = k.plan_no
        WHERE k.document_id = ?
        ORDER BY k.plan_no, a.seq, a.row_no
        """,
        [document_id],
    ).fetchall()
    heads: dict[int, tuple[str, str, str, str]] = {}
    activities: dict[int, list[_Activity]] = {}
    for plan_no, plan_type, key, name, goal, *activity in rows:
        heads.setdefault(plan_no, (str(plan_type), str(key), str(name), str(goal)))
        activities.setdefault(plan_no, []).append(_Activity(*activity))
    plans = tuple(
        PlanChart(plan_no, plan_type, key, name, goal, _chart_rows(plan_type, activities[plan_no]))
        for plan_no, (plan_type, key, name, goal) in heads.items()
    )
    return YearPlan(
        fiscal_year=int(str(year)),
        year_basis=str(basis),
        source_file=str(source),
        announced_on=announced if isinstance(announced, date) else None,
        reference_no=None if reference is None else str(reference),
        signed_by=None if signer is None else str(signer),
        plans=plans,
    )


@dataclass(frozen=True)
class _Activity:
    seq: int
    step: int | None
    element: int | None
    name: str
    start: date | None
    end: date | None
    period_text: str


def _chart_rows(plan_type: str, activities: list[_Activity]) -> tuple[ChartRow, ...]:
    if plan_type == PlanType.KM_PROCESS:
        return _named_rows(STEP_NAMES, [(a.step, a) for a in activities])
    if plan_type == PlanType.CHANGE_MANAGEMENT:
        return _named_rows(element_names(), [(a.element, a) for a in activities])
    # A project list (and any family the report does not know): one row per printed row.
    return tuple(
        ChartRow(a.name, None, a.seq, a.start, a.end, a.period_text, 1) for a in activities
    )


def _named_rows(
    names: dict[int, str], numbered: list[tuple[int | None, _Activity]]
) -> tuple[ChartRow, ...]:
    """One row per step or element, whether the plan has activities of it or not (the
    chart shows the whole process, gaps included); rows without a resolved number have
    no place on it (their warning is in the report's warnings)."""
    out = []
    for number, name in sorted(names.items()):
        group = [a for n, a in numbered if n == number]
        starts = [a.start for a in group if a.start is not None]
        ends = [a.end for a in group if a.end is not None]
        texts = list(dict.fromkeys(a.period_text for a in group if a.period_text))
        out.append(
            ChartRow(
                label=name,
                number=number,
                seq=None,
                start=min(starts) if starts else None,
                end=max(ends) if ends else None,
                period_text=" / ".join(texts),
                activities=len(group),
            )
        )
    return tuple(out)


def _warnings(conn: duckdb.DuckDBPyConnection, document_ids: list[str]) -> QueryResult:
    cursor = conn.execute(
        "SELECT d.fiscal_year, d.source_file, w.page, w.plan_no, w.seq, w.code, w.message "
        "FROM warnings AS w JOIN documents AS d ON d.document_id = w.document_id "
        "WHERE list_contains(?, w.document_id) ORDER BY d.fiscal_year, w.warning_no",
        [document_ids],
    )
    columns = tuple(str(c[0]) for c in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))
