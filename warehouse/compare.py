"""The cross-year comparison: one row per department key, plan family and pair of years.

The logic is SQL (views.sql: the table macro ``department_compare_years`` and the view
``department_compare``), so that `kmplan compare`, the xlsx comparison sheet, the report
and a user's own query give the same rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from extract.vocab.kinds import PlanType
from warehouse.connection import open_warehouse
from warehouse.departments import assign_keys, resolve_organization
from warehouse.errors import WarehouseError
from warehouse.query import QueryResult

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
# Keyed by the enum; looked up with the stored strings (a StrEnum member equals its value).
PLAN_TYPE_SHORT: dict[str, str] = {
    PlanType.KM_PROCESS: "KM",
    PlanType.CHANGE_MANAGEMENT: "CM",
    PlanType.PROJECT_LIST: "projects",
}


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
        f"SELECT {', '.join(COMPARE_COLUMNS)} "
        "FROM department_compare_years(?::INTEGER[], org := ?::VARCHAR) "
        "ORDER BY organization_key, year_from, department_key, "
        "list_position(?::VARCHAR[], plan_type)"
    )
    cursor = conn.execute(sql, params)
    columns = tuple(str(column[0]) for column in cursor.description or ())
    return QueryResult(columns=columns, rows=tuple(cursor.fetchall()))


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


def left_out_note(count: int) -> str | None:
    """What compare and report say about the documents they left out, if any."""
    if count == 0:
        return None
    noun = "document" if count == 1 else "documents"
    return f"left out {count} {noun} with no organization or fiscal year (see kmplan query)"


def missing_keys(conn: duckdb.DuckDBPyConnection) -> int:
    """Plans whose organization or department spelling has no key yet (a warehouse loaded
    by an older kmplan)."""
    row = conn.execute(
        "SELECT count(*) FROM plan_keys WHERE organization_key IS NULL OR department_key IS NULL"
    ).fetchone()
    return int(row[0]) if row else 0


def ensure_keys(db: str | Path) -> int:
    """Assign the keys a warehouse lacks (opens it for writing only when some are missing);
    returns the number of spellings keyed."""
    conn = open_warehouse(db, read_only=True)
    try:
        if missing_keys(conn) == 0:
            return 0
    finally:
        conn.close()
    conn = open_warehouse(db)
    try:
        conn.execute("BEGIN TRANSACTION")
        done = assign_keys(conn)
        conn.execute("COMMIT")
    finally:
        conn.close()
    return done.organizations + done.departments


def shift_summary(row: dict[str, object]) -> str:
    """The step shifts of one comparison row in days, e.g. "1:+365/+365 2:+365/+366 ..."."""
    parts = []
    for step in STEPS:
        start, end = row.get(f"step{step}_start_shift"), row.get(f"step{step}_end_shift")
        if start is None and end is None:
            continue
        parts.append(f"{step}:{_signed(start)}/{_signed(end)}")
    return " ".join(parts)


def _signed(days: object) -> str:
    return "?" if days is None else f"{int(days):+d}"  # type: ignore[call-overload]


def compare_table(result: QueryResult, width: int = 60) -> QueryResult:
    """The comparison for a terminal: pair, department, plan family (KM, CM or projects),
    status, similarity, the goals or project names (cut to `width` characters) and the
    step shifts in one column."""
    rows = []
    for row in result.rows:
        r = dict(zip(result.columns, row, strict=True))
        plan_type = str(r["plan_type"])
        rows.append((
            f"{r['year_from']}-{r['year_to']}", r["department_key"],
            PLAN_TYPE_SHORT.get(plan_type, plan_type), r["status"], r["goal_similarity"],
            _cut(r["goal_from"], width), _cut(r["goal_to"], width), shift_summary(r),
        ))  # fmt: skip
    columns = ("years", "department_key", "plan", "status", "similarity",
               "goal_from (or projects)", "goal_to (or projects)",
               "step shifts start/end (days)")  # fmt: skip
    return QueryResult(columns=columns, rows=tuple(rows))


def _cut(text: object, width: int) -> str | None:
    if text is None:
        return None
    value = str(text)
    return value if len(value) <= width else value[: width - 1] + "…"


def render_records(result: QueryResult, fmt: str) -> str:
    """All columns as CSV (formula-leading text neutralized) or JSON lines."""
    import csv
    import io
    import json

    from warehouse.export import neutralize

    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer)
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else neutralize(v) if isinstance(v, str) else v
                             for v in row])  # fmt: skip
    else:
        for row in result.rows:
            buffer.write(json.dumps(dict(zip(result.columns, row, strict=True)),
                                    ensure_ascii=False, default=str) + "\n")  # fmt: skip
    return buffer.getvalue()
