"""The cross-year comparison for a person: a terminal table, its step-shift summary, and
every column as CSV or JSON lines (`kmplan compare --format`)."""

from __future__ import annotations

import io
import json

from extract.vocab.kinds import PlanType
from warehouse.compare import STEPS
from warehouse.export import write_csv
from warehouse.query import QueryResult

CSV_BOM = "\ufeff"  # what kmplan export -f csv writes first (warehouse.export)
# Keyed by the enum; looked up with the stored strings (a StrEnum member equals its value).
PLAN_TYPE_SHORT: dict[str, str] = {
    PlanType.KM_PROCESS: "KM",
    PlanType.CHANGE_MANAGEMENT: "CM",
    PlanType.PROJECT_LIST: "projects",
}


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
    """All columns as CSV (as `kmplan export -f csv` writes it: a byte-order mark so that
    Excel reads Thai as UTF-8, formula-leading text neutralized) or JSON lines."""
    buffer = io.StringIO()
    if fmt == "csv":
        buffer.write(CSV_BOM)
        write_csv(buffer, result.columns, result.rows)
    else:
        for row in result.rows:
            buffer.write(json.dumps(dict(zip(result.columns, row, strict=True)),
                                    ensure_ascii=False, default=str) + "\n")  # fmt: skip
    return buffer.getvalue()


def left_out_note(count: int) -> str | None:
    """What compare and report say about the documents they left out, if any."""
    if count == 0:
        return None
    noun = "document" if count == 1 else "documents"
    return f"left out {count} {noun} with no organization or fiscal year (see kmplan query)"
