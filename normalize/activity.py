"""One table row (RawRow) -> one Activity, with the warnings on what could not be read.

A value that cannot be read is None (or the row position, for seq) plus a warning; the
printed text is kept beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.models import Column, RawRow
from extract.vocab.codes import WarningCode
from extract.vocab.families import family
from extract.vocab.kinds import DocumentKind, PlanType
from normalize.budget import BudgetResult, parse_budget, split_period_budget
from normalize.models import Activity, Plan
from normalize.models import Warning as NormalizeWarning
from normalize.periods import PeriodResult, year_bounds
from normalize.plan_periods import PlanPeriods
from normalize.repairs import RepairLog
from normalize.results import row_results
from normalize.steps import classify_name
from normalize.targets import parse_target
from normalize.text import clean_text

# More rows than any plan holds: a longer number is not a ลำดับ (and would overflow).
_MAX_SEQ = 9999
_SEQ = re.compile(r"^\s*(\d+)\s*\.?\s*$")
_PROJECT_COLUMNS = (Column.TARGET_GROUP, Column.TACIT, Column.EXPLICIT)
# The code of a row name that matched nothing, by the field the family's row name fills.
_UNRESOLVED = {"step": WarningCode.STEP_UNRESOLVED, "element": WarningCode.ELEMENT_UNRESOLVED}
_ROW_NAME_WORDS = {"step": "KM step", "element": "Change Management element"}

# (code, message) of one row's problem; the field is the code's, provenance the caller's.
_Problem = tuple[WarningCode, str]


@dataclass(frozen=True)
class _RowName:
    step: int | None
    element: int | None
    problems: list[_Problem]


@dataclass(frozen=True)
class _Timing:
    """When a row runs and what it costs: ระยะเวลา and งบประมาณ, read together because one
    cell may print both."""

    period_text: str
    period: PeriodResult
    budget: BudgetResult
    period_problems: list[_Problem]


def normalize_row(
    plan: Plan,
    row_no: int,
    row: RawRow,
    periods: PlanPeriods,
    log: RepairLog,
    kind: DocumentKind = DocumentKind.PLAN,
) -> tuple[Activity, list[NormalizeWarning]]:
    """The activity of table row `row_no` of `plan`; `periods` dates its period; a
    results report's rows (`kind`) carry what was done and its status."""
    seq, problems = _seq(clean_text(row.text(Column.SEQ) or ""), row_no)
    cell = _clean_cells(row, plan.plan_no, seq, log)
    name = _row_name(plan.plan_type, cell[Column.ACTIVITY])
    timing = _timing(row, cell, periods, project=_is_project(plan, row))
    if timing.budget.problem is not None:
        problems.append((WarningCode.BUDGET_UNPARSED, timing.budget.problem))
    results = row_results(kind, cell, cell[Column.NOTE] or None)
    problems.extend(results.problems)
    activity = _activity(plan, row_no, seq, row, cell, name, timing).model_copy(
        update={"note": results.note, "result_text": results.result_text, "status": results.status}
    )
    warnings = [
        NormalizeWarning.of(
            code,
            message,
            page=row.page,
            plan_no=plan.plan_no,
            seq=None if code is WarningCode.SEQ_UNPARSED else seq,
        )
        for code, message in problems + name.problems + timing.period_problems
    ]
    return activity, warnings


def _clean_cells(row: RawRow, plan_no: int, seq: int, log: RepairLog) -> dict[Column, str]:
    """Every column's text, cleaned (and repaired, with the repair logged); "" if absent."""
    ocr = any(c.provenance.method == "ocr" for c in row.cells.values())
    return {
        column: log.clean(
            row.text(column), field=column.value, page=row.page, plan_no=plan_no, seq=seq, ocr=ocr
        )
        for column in Column
    }


def _activity(
    plan: Plan,
    row_no: int,
    seq: int,
    row: RawRow,
    cell: dict[Column, str],
    name: _RowName,
    timing: _Timing,
) -> Activity:
    target = parse_target(cell[Column.TARGET])
    project = _is_project(plan, row)
    return Activity(
        plan_no=plan.plan_no, row_no=row_no, seq=seq, step=name.step, element=name.element,
        activity=cell[Column.ACTIVITY], method=cell[Column.METHOD],
        period_text=timing.period_text,
        period_start=timing.period.start, period_end=timing.period.end,
        indicator=cell[Column.INDICATOR],
        target=cell[Column.TARGET], target_percent=target.percent,
        target_comparator=target.comparator, target_count=target.count, target_unit=target.unit,
        responsible=cell[Column.RESPONSIBLE], note=cell[Column.NOTE] or None, page=row.page,
        target_group=cell[Column.TARGET_GROUP] or None if project else None,
        budget_baht=timing.budget.baht,
        tacit_knowledge=cell[Column.TACIT] or None if project else None,
        explicit_knowledge=cell[Column.EXPLICIT] or None if project else None,
        extra_columns=_extra_columns(row), ocr_confidence=row.min_confidence,
    )  # fmt: skip


def _is_project(plan: Plan, row: RawRow) -> bool:
    """A project list's row, or a row printing a project list's columns."""
    return plan.plan_type == PlanType.PROJECT_LIST or any(
        column in row.cells for column in _PROJECT_COLUMNS
    )


def _extra_columns(row: RawRow) -> dict[str, str]:
    """Cells under headers no family names, cleaned; empty ones dropped."""
    return {header: clean_text(text) for header, text in row.extra.items() if clean_text(text)}


def _seq(printed: str, row_no: int) -> tuple[int, list[_Problem]]:
    found = _SEQ.match(printed)
    if found and 1 <= int(found.group(1)) <= _MAX_SEQ:
        return int(found.group(1)), []
    # ลำดับ counts from 1 (the contract's minimum); 0 or a run of digits is a misreading.
    what = "not a row number" if found else "not a number"
    message = f"ลำดับ {printed!r} is {what}; row position {row_no} used"
    return row_no, [(WarningCode.SEQ_UNPARSED, message)]


def _row_name(plan_type: PlanType, activity: str) -> _RowName:
    """(step, element) the activity cell names, by its family's row-name vocabulary."""
    fam = family(plan_type)
    if fam.row_vocabulary is None or fam.row_field is None:
        return _RowName(None, None, [])
    match = classify_name(activity, fam.row_vocabulary)
    if match is None:
        what = _ROW_NAME_WORDS.get(fam.row_field, fam.row_field)
        problem = (_UNRESOLVED[fam.row_field], f"no {what} recognised in {activity!r}")
        return _RowName(None, None, [problem])
    if fam.row_field == "element":
        return _RowName(None, match.step, [])
    return _RowName(match.step, None, [])


def _timing(
    row: RawRow, cell: dict[Column, str], periods: PlanPeriods, *, project: bool
) -> _Timing:
    period_text, budget_text = cell[Column.PERIOD], cell[Column.BUDGET]
    if Column.PERIOD_BUDGET in row.cells:
        both_period, both_budget = split_period_budget(cell[Column.PERIOD_BUDGET])
        period_text = period_text or both_period
        budget_text = budget_text or both_budget
    marked = None if period_text else periods.marked(row)
    if marked is not None:
        # ระยะเวลา printed as month (or quarter) columns: what the row marks is its period.
        period_text, period = marked
        what = "quarters" if periods.months is None else "months"
        shown = f"{what} marked {period_text!r}: " if period_text else ""
    else:
        period = periods.printed(period_text)
        shown = f"{period_text!r}: "
    problems = _period_problems(period_text, period, periods, shown)
    # The contract keeps งบประมาณ for project lists: an amount a KM Process row prints (in a
    # ระยะเวลา/งบประมาณ cell) is no field of its own.
    budget = parse_budget(budget_text if project else "")
    return _Timing(period_text, period, budget, problems)


def _period_problems(
    printed: str, period: PeriodResult, periods: PlanPeriods, shown: str
) -> list[_Problem]:
    """Warnings on a period; `shown` leads the unparsed message (the text as printed)."""
    if period.problem is not None:
        return [(period.code, f"{shown}{period.problem}")]
    year = periods.year
    if year is not None and not _within_year(period, year, periods):
        what = "calendar year" if periods.basis == "calendar" else "fiscal year"
        message = f"{printed!r} falls outside {what} {year}"
        return [(WarningCode.PERIOD_OUTSIDE_FISCAL_YEAR, message)]
    return []


def _within_year(period: PeriodResult, year: int, periods: PlanPeriods) -> bool:
    first, last = year_bounds(year, periods.basis)
    assert period.start is not None and period.end is not None
    return first <= period.start and period.end <= last
