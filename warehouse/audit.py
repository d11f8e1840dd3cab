"""The plan audit's answers: the findings and the per-year summary `kmplan audit` prints,
read from the views of audit.sql (installed by audit_install.py).

One implementation for SQL users and the command line: the warehouse's views
plan_checks / plan_findings are audit.sql installed on every writer open, and
`kmplan audit` installs the same text as TEMP objects on its read-only connection (the
temp rule tables shadow the stored ones), then filters plan_findings with parameters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from warehouse.audit_install import install_audit
from warehouse.audit_rules import KIND_REASONS, default_rules
from warehouse.departments import resolve_organization
from warehouse.errors import WarehouseError
from warehouse.query import QueryResult

# What `kmplan audit` and the xlsx sheet write, in this order (plan_findings has more).
FINDING_COLUMNS: tuple[str, ...] = (
    "organization", "fiscal_year", "department", "plan_no", "plan_type", "rule", "severity",
    "outcome", "message", "message_en", "page", "seq", "row_no", "source_file", "document_id",
)  # fmt: skip
# Organization key, fiscal year, file, document (document_no numbers them in that order),
# then plan, printed seq, row and the rule's place in the rules file.
ORDER_BY = "document_no, plan_no NULLS FIRST, seq NULLS FIRST, row_no NULLS FIRST, rule_no"


@dataclass(frozen=True)
class AuditFilter:
    """Which findings: an organization (key or printed name), fiscal years, rule ids."""

    organization: str | None = None
    years: tuple[int, ...] = ()
    rules: tuple[str, ...] = ()


def prepare(conn: duckdb.DuckDBPyConnection) -> None:
    """Make `conn` (read-only is fine) answer with this kmplan's rules: TEMP rule tables
    and views, which shadow what the warehouse stored at its last writer open."""
    install_audit(conn, temp=True)


def _where(conn: duckdb.DuckDBPyConnection, filters: AuditFilter) -> tuple[str, list[object]]:
    org_key = (
        None if filters.organization is None else resolve_organization(conn, filters.organization)
    )
    unknown = sorted(set(filters.rules) - set(default_rules().ids()))
    if unknown:
        known = ", ".join(default_rules().ids())
        raise WarehouseError(f"unknown rule {unknown[0]}; the rules are: {known}")
    years = sorted(set(filters.years)) or None
    chosen = sorted(set(filters.rules)) or None
    where = (
        "(?::VARCHAR IS NULL OR organization_key = ?) "
        "AND (?::INTEGER[] IS NULL OR list_contains(?::INTEGER[], fiscal_year)) "
        "AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], rule))"
    )
    return where, [org_key, org_key, years, years, chosen, chosen]


def findings(conn: duckdb.DuckDBPyConnection, filters: AuditFilter) -> duckdb.DuckDBPyConnection:
    """A cursor over the findings (FINDING_COLUMNS), ordered; the caller fetches."""
    where, params = _where(conn, filters)
    sql = (
        f"SELECT {', '.join(FINDING_COLUMNS)} FROM plan_findings WHERE {where} ORDER BY {ORDER_BY}"
    )
    return conn.execute(sql, params)


def findings_json(
    conn: duckdb.DuckDBPyConnection, filters: AuditFilter
) -> duckdb.DuckDBPyConnection:
    """A cursor over the findings as JSON objects (one string a row, FINDING_COLUMNS in
    order): DuckDB writes them, so a large audit makes no Python object per field."""
    where, params = _where(conn, filters)
    fields = ", ".join(f"'{column}': {column}" for column in FINDING_COLUMNS)
    sql = (
        f"SELECT to_json({{{fields}}})::VARCHAR FROM plan_findings WHERE {where} "
        f"ORDER BY {ORDER_BY}"
    )
    return conn.execute(sql, params)


def findings_csv(
    conn: duckdb.DuckDBPyConnection, filters: AuditFilter
) -> duckdb.DuckDBPyConnection:
    """A cursor over the findings as CSV lines (FINDING_COLUMNS in order, no line end), the
    same text as Python's csv.writer with export's formula guard on text cells: DuckDB
    writes them, so a large audit makes no Python object per field (the sandboxed
    connection may not COPY to a file)."""
    from warehouse.export import FORMULA_GUARD, FORMULA_LEADS

    where, params = _where(conn, filters)
    types = dict(
        conn.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM plan_findings)"
        ).fetchall()
    )
    leads = ", ".join(_sql_text(lead) for lead in FORMULA_LEADS)

    def cell(column: str) -> str:
        text = f"{column}::VARCHAR"
        if types[column] == "VARCHAR":  # numbers are never guarded (as csv.writer's caller)
            guard = _sql_text(FORMULA_GUARD)
            text = (
                f"(CASE WHEN left({column}, 1) IN ({leads}) THEN {guard} || {column} "
                f"ELSE {column} END)"
            )
        # Quoted when it holds a comma, a quote, a CR or an LF (csv.writer's QUOTE_MINIMAL).
        return (
            f"""coalesce(CASE WHEN regexp_matches({text}, '[,"\r\n]') """
            f"""THEN '"' || replace({text}, '"', '""') || '"' ELSE {text} END, '')"""
        )

    line = " || ',' || ".join(cell(column) for column in FINDING_COLUMNS)
    sql = f"SELECT {line} FROM plan_findings WHERE {where} ORDER BY {ORDER_BY}"
    return conn.execute(sql, params)


def _sql_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def summary(conn: duckdb.DuckDBPyConnection, filters: AuditFilter) -> QueryResult:
    """One row per organization and year: documents, plans and rows held, findings by
    severity, checks that could not be made, and each rule's pass rate (passed / checked;
    NULL when the rule checked nothing there)."""
    where, params = _where(conn, filters)
    rules = [r for r in default_rules().rules if not filters.rules or r.id in filters.rules]
    rates = ",\n".join(
        f"round(coalesce(sum(n) FILTER (WHERE rule = ? AND outcome = 'pass'), 0) / "
        f"nullif(sum(n) FILTER (WHERE rule = ? AND outcome <> 'unchecked'), 0), 3) "
        f'AS "{_rate_column(r.id)}"'
        for r in rules
    )
    rate_params: list[object] = [value for r in rules for value in (r.id, r.id)]
    # Counted by organization-year, rule, outcome and severity first (few rows), then
    # spread into one column per rule.
    sql = f"""
        WITH held AS (
            SELECT d.org_year_no, any_value(d.organization_key) AS organization_key,
                   any_value(d.fiscal_year) AS fiscal_year, max(d.organization) AS organization,
                   count(DISTINCT d.document_id) AS documents,
                   count(p.plan_no) AS plans,
                   coalesce(sum(p.rows), 0)::BIGINT AS rows
            FROM audit_documents AS d
            LEFT JOIN audit_plans AS p ON p.document_id = d.document_id
            WHERE (?::VARCHAR IS NULL OR d.organization_key = ?)
              AND (?::INTEGER[] IS NULL OR list_contains(?::INTEGER[], d.fiscal_year))
            GROUP BY d.org_year_no
        ), counted AS (
            SELECT org_year_no, rule, outcome, severity, count(*) AS n
            FROM plan_checks WHERE {where}
            GROUP BY ALL
        ), checked AS (
            SELECT org_year_no,
                   sum(n) FILTER (WHERE outcome = 'fail' AND severity = 'error') AS errors,
                   sum(n) FILTER (WHERE outcome = 'fail' AND severity = 'warning') AS warnings,
                   sum(n) FILTER (WHERE outcome = 'fail' AND severity = 'info') AS infos,
                   sum(n) FILTER (WHERE outcome = 'unchecked') AS unchecked,
                   {rates}
            FROM counted
            GROUP BY org_year_no
        )
        SELECT h.organization, h.fiscal_year, h.documents, h.plans, h.rows,
               coalesce(c.errors, 0)::BIGINT AS errors,
               coalesce(c.warnings, 0)::BIGINT AS warnings,
               coalesce(c.infos, 0)::BIGINT AS infos,
               coalesce(c.unchecked, 0)::BIGINT AS unchecked,
               c.* EXCLUDE (org_year_no, errors, warnings, infos, unchecked)
        FROM held AS h
        LEFT JOIN checked AS c USING (org_year_no)
        ORDER BY h.org_year_no
    """
    cursor = conn.execute(sql, [*params[:4], *params, *rate_params])
    columns = tuple(str(column[0]) for column in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))


def _rate_column(rule_id: str) -> str:
    return f"pass:{rule_id}"


def rule_ids() -> tuple[str, ...]:
    return default_rules().ids()


def reasons_of(kind: str) -> Sequence[str]:
    failed, unchecked = KIND_REASONS[kind]
    return sorted(failed | unchecked)
