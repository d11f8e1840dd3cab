"""Results reports (contract v2): the document's kind, and each row's result and status.

A report prints the plan's table with columns for what was done: ผลการดำเนินงาน (the
result, as printed), and either one สถานะ column holding a word or a mark, or one column
per status (ดำเนินการแล้ว / อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ) with a mark in one.
The words and marks are data (extract/vocab/statuses.json); marks drawn in symbol fonts
arrive here as the characters they show (extract/text/symbol_fonts.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from extract.models import Column
from extract.sources import is_report_title
from extract.vocab import load
from extract.vocab.codes import WarningCode
from extract.vocab.kinds import DocumentKind
from normalize.models import ActivityStatus

_STATUSES = load("statuses")
_BLANK = frozenset(_STATUSES["blank"])
# Every status form, longest first: ยังไม่ดำเนินการ holds ดำเนินการ, อยู่ระหว่างดำเนินการ too.
_KEYS: tuple[ActivityStatus, ...] = ("done", "in_progress", "not_started")
_FORMS = sorted(
    (("".join(form.split()), status) for status in _KEYS for form in _STATUSES[status]),
    key=lambda item: len(item[0]),
    reverse=True,
)
_MARK_COLUMNS: tuple[tuple[Column, ActivityStatus], ...] = (
    (Column.STATUS_DONE, "done"),
    (Column.STATUS_IN_PROGRESS, "in_progress"),
    (Column.STATUS_NOT_STARTED, "not_started"),
)

# (code, message) of one row's problem, as normalize/activity.py records them.
Problem = tuple[WarningCode, str]


def document_kind(report_title: str | None, plan_titles: Iterable[str | None]) -> DocumentKind:
    """A results report when its title (front pages, or a plan table's title) says so."""
    if is_report_title(report_title) or any(is_report_title(t) for t in plan_titles):
        return DocumentKind.RESULTS_REPORT
    return DocumentKind.PLAN


@dataclass(frozen=True)
class RowResults:
    result_text: str | None
    status: ActivityStatus | None
    note: str | None  # the row's note: a plan's สถานะ column is its note
    problems: list[Problem] = field(default_factory=list)


def row_results(kind: DocumentKind, cells: Mapping[Column, str], note: str | None) -> RowResults:
    """Result and status of one row from its cleaned `cells` (every column, "" if none)."""
    result = cells.get(Column.RESULT) or None
    marked = [status for column, status in _MARK_COLUMNS if is_marked(cells.get(column, ""))]
    if len(marked) > 1:
        shown = ", ".join(marked)
        problem = (WarningCode.STATUS_AMBIGUOUS, f"marked {shown}")
        return RowResults(result, None, note, [problem])
    if marked:
        return RowResults(result, marked[0], note)
    printed = cells.get(Column.STATUS, "")
    if not printed:
        return RowResults(result, None, note)
    if kind is not DocumentKind.RESULTS_REPORT:
        # An action plan's สถานะ column is a remark on the plan, kept as its note.
        return RowResults(result, None, note or printed)
    status = status_of(printed)
    if status is None and not is_blank(printed):
        problem = (WarningCode.STATUS_UNPARSED, f"no status recognised in {printed!r}")
        return RowResults(result, None, note or printed, [problem])
    return RowResults(result, status, note)


def status_of(text: str) -> ActivityStatus | None:
    """The status a สถานะ cell states: the longest status word or mark it holds."""
    squashed = "".join(text.split())
    return next((status for form, status in _FORMS if form in squashed), None)


def is_blank(text: str) -> bool:
    """Nothing marked: empty, or only empty boxes, circles and dashes."""
    return all(ch.isspace() or ch in _BLANK for ch in text)


def is_marked(text: str) -> bool:
    """A per-status column is marked by anything but a blank: ✓, ☑, ✗, ●, a word, a date."""
    return not is_blank(text)
