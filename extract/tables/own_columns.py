"""Plan tables on no known template: a KM plan whose table prints the organization's own
columns (หัวข้อ | รูปแบบ | Owner | Output | KPI | ไตรมาส), English and Thai mixed.

Such a table is a plan only in a document that calls itself a KM plan (its title, a
heading line or a header cell: extract/vocab/km_plan_titles.json), and only when its
header row names the activity and at least one more of the contract's row fields, through
the header words of every family and of extract/vocab/own_columns.json. Its other columns
are kept as printed (extra_columns) and said in one `columns-unmapped` warning.

Matching is stricter than the templates' (a near-exact form, not a resemblance): with
few columns to go on, a body row of short cells must not pass for a header.
"""

from __future__ import annotations

import re
from functools import cache

from extract import vocab
from extract.models import Column, HeaderMatch
from extract.tables.headers import keep_best
from extract.text.page_content import GridRow
from extract.vocab.families import all_columns

_OWN_CUTOFF = 85.0
# A header cell is short: a Thai header with its English gloss fits in this many squashed
# characters; a longer cell is a body cell, and the row no header.
_LONGEST_HEADER = 60
# A bilingual header prints its names apart: ผู้รับผิดชอบ (Owner), KPI / ตัวชี้วัด.
_PARTS = re.compile(r"[/()\[\]|\n]+")
# Besides the activity, a plan's header names at least one of these.
_OTHER_FIELDS = frozenset(
    {
        Column.PERIOD,
        Column.PERIOD_BUDGET,
        Column.INDICATOR,
        Column.TARGET,
        Column.RESPONSIBLE,
        Column.METHOD,
    }
)
# A title names a KM plan within its first characters (squashed), after a prefix such
# as รายงานผลการดำเนินงานตาม or ร่าง; further on, the words are a sentence's.
_TITLE_REACH = 40
# A line longer than this (squashed) is prose, not a title or a heading.
_LONGEST_TITLE = 150
_EMPTY = HeaderMatch(printed="", column=None, score=0.0)


@cache
def _columns() -> dict[str, list[str]]:
    """Every family's header forms and the own-column forms, lower-cased (English headers
    are printed KPI, Kpi or kpi)."""
    merged: dict[str, list[str]] = {}
    for key, forms in (*all_columns().items(), *vocab.load("own_columns").items()):
        bucket = merged.setdefault(key, [])
        bucket.extend(f.lower() for f in forms if f.lower() not in bucket)
    return vocab.remember(merged)


@cache
def _goal_labels() -> dict[str, list[str]]:
    return vocab.remember({"km_goal": [f.lower() for f in vocab.load("plan_labels")["km_goal"]]})


@cache
def _titles() -> tuple[str, ...]:
    return tuple(vocab.squash(t).lower() for t in vocab.load("km_plan_titles")["titles"])


def names_km_plan(text: str) -> bool:
    """Whether a title, heading line or header cell says the document is a KM plan
    (แผนการจัดการความรู้, แผนปฏิบัติการจัดการความรู้, KM Action Plan, KM Plan, ...)."""
    squashed = vocab.squash(text).lower()
    if not squashed or len(squashed) > _LONGEST_TITLE:
        return False
    return any(0 <= squashed.find(title) <= _TITLE_REACH for title in _titles())


def _best(text: str) -> vocab.Match[str] | None:
    found = vocab.best_match(text, _columns(), _OWN_CUTOFF)
    if found is not None:
        return found
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    matches = [m for p in parts if (m := vocab.best_match(p, _columns(), _OWN_CUTOFF))]
    # Parts naming two columns (กิจกรรม/ตัวชี้วัด) make the cell neither.
    if not matches or len({m.key for m in matches}) > 1:
        return None
    return max(matches, key=lambda m: m.score)


def own_header_cell(text: str) -> HeaderMatch:
    """How one header cell of an organization's own table maps, if it does."""
    lowered = text.lower()
    found = _best(lowered) if lowered.strip() else None
    if found is not None and found.score < 100:
        # เป้าหมาย KM heads a goal, not a row's target (as headers.match_header_cell).
        goal = vocab.best_match(lowered, _goal_labels(), found.score)
        found = None if goal is not None and goal.score > found.score else found
    if found is None:
        return HeaderMatch(printed=text, column=None, score=0.0)
    return HeaderMatch(printed=text, column=Column(found.key), score=found.score)


def own_header_mapping(row: GridRow) -> list[HeaderMatch] | None:
    """One HeaderMatch per grid column if `row` is the header row of an organization's own
    plan table (short cells naming the activity and another row field), else None."""
    filled = [c for c in row.cells if c is not None and not c.spanned and c.text.strip()]
    if len(filled) < 2 or any(len(vocab.squash(c.text)) > _LONGEST_HEADER for c in filled):
        return None
    matches = [
        _EMPTY if cell is None or cell.spanned else own_header_cell(cell.text) for cell in row.cells
    ]
    kept = keep_best(matches)
    named = {m.column for m in kept if m.column is not None}
    if Column.ACTIVITY not in named or not named & _OTHER_FIELDS:
        return None
    return kept
