"""The cross-year comparison: one row per department key, plan family and pair of years.

The logic is SQL (views.sql: the table macro ``department_compare_years`` and the view
``department_compare``), so that `kmplan compare`, the xlsx comparison sheet, the report
and a user's own query give the same rows. How a terminal shows them is
pipeline/present/compare.py.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from extract.vocab.kinds import PlanType
from warehouse.departments import resolve_organization
from warehouse.errors import WarehouseError
from warehouse.query import QueryResult, fetch_result
from warehouse.sql import column_list

STEPS = range(1, 8)
SHIFT_COLUMNS: tuple[str, ...] = tuple(
    f"step{step}_{edge}_shift" for step in STEPS for edge in ("start", "end")
)
COMPARE_COLUMNS: tuple[str, ...] = (
    "organization_key", "organization", "department_key", "plan_type", "year_from", "year_to",
    "status",
    "department_from", "department_to", "goal_from", "goal_to", "goal_similarity",
    *SHIFT_COLUMNS,
)  # fmt: skip
STATUSES = ("kept", "changed", "new", "dropped")


def compare_departments(
    conn: duckdb.DuckDBPyConnection,
    organization: str | None = None,
    years: Sequence[int] | None = None,
) -> QueryResult:
    """The comparison rows (COMPARE_COLUMNS) of one organization (key or printed name) or
    of all, for the given years (consecutive pairs among them) or every year held; one row
    per department key and plan family (plan_type) of each pair."""
    if years is not None and len(set(years)) < 2:
        raise WarehouseError("compare needs at least two different fiscal years")
    org = None if organization is None else resolve_organization(conn, organization)
    # Rows sort by PlanType's order (the contract's), not by the names' spelling.
    params = [sorted(set(years)) if years else None, org, [t.value for t in PlanType]]
    sql = (
        f"SELECT {column_list(COMPARE_COLUMNS)} "
        "FROM department_compare_years(?::INTEGER[], org := ?::VARCHAR) "
        "ORDER BY organization_key, year_from, department_key, "
        "list_position(?::VARCHAR[], plan_type)"
    )
    return fetch_result(conn, sql, params)


def left_out(conn: duckdb.DuckDBPyConnection, organization: str | None = None) -> int:
    """Documents the cross-year views leave out because they print no organization or no
    fiscal year (contract v2): all of them, or, for one organization (key or printed name),
    its documents without a year and those without an organization (which could be its)."""
    org = None if organization is None else resolve_organization(conn, organization)
    row = conn.execute(
        "SELECT count(*) FROM documents AS d "
        "LEFT JOIN organization_aliases AS oa ON oa.spelling = d.organization "
        "WHERE d.organization IS NULL "
        "OR (d.fiscal_year IS NULL AND (?::VARCHAR IS NULL OR oa.organization_key = ?))",
        [org, org],
    ).fetchone()
    return int(row[0]) if row else 0


def missing_keys(conn: duckdb.DuckDBPyConnection) -> int:
    """Plans whose organization or department spelling has no key yet (a warehouse loaded
    by an older kmplan)."""
    row = conn.execute(
        "SELECT count(*) FROM plan_keys WHERE organization_key IS NULL OR department_key IS NULL"
    ).fetchone()
    return int(row[0]) if row else 0
