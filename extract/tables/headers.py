"""Recognise a table's column-header row, map its cells to canonical columns, and say
which plan families (extract/vocab/families) the mapped columns fit."""

from __future__ import annotations

from functools import cache

from extract import vocab
from extract.models import Column, HeaderMatch
from extract.text.page_content import GridRow
from extract.vocab.families import (
    all_columns,
    families,
    known_extra_columns,
    results_column_keys,
)
from extract.vocab.kinds import PlanType

_EMPTY = HeaderMatch(printed="", column=None, score=0.0)
# A second header line is printed whole, so its cells must map closely: the short tail of
# a row that a page break cut (จำเป็นขั้นที่ 7, 58 against ขั้นตอนที่) must not pass for one.
_SUB_HEADER_CUTOFF = 75.0


@cache
def _goal_labels() -> dict[str, list[str]]:
    return vocab.remember({"km_goal": vocab.load("plan_labels")["km_goal"]})


def match_header_cell(text: str, cutoff: float) -> HeaderMatch:
    found = vocab.best_match(text, all_columns(), cutoff) if text.strip() else None
    if found is not None and found.score < 100:
        # เป้าหมาย KM heads the knowledge a unit will manage (a summary table's column), not
        # the target of a row: a cell closer to the goal's label than to a column is none.
        goal = vocab.best_match(text, _goal_labels(), found.score)
        found = None if goal is not None and goal.score > found.score else found
    if found is None:
        return HeaderMatch(printed=text, column=None, score=0.0)
    return HeaderMatch(printed=text, column=Column(found.key), score=found.score)


def keep_best(matches: list[HeaderMatch]) -> list[HeaderMatch]:
    """Each canonical column goes to the cell that matches it best, so a typo'd cell that
    also resembles another column cannot take that column away."""
    best: dict[Column, int] = {}
    for index, match in enumerate(matches):
        # Month (or quarter) columns of a Gantt-style ระยะเวลา share the period column.
        if match.column is None or match.in_grid:
            continue
        held = best.get(match.column)
        if held is None or matches[held].score < match.score:
            best[match.column] = index
    keep = set(best.values())
    return [
        m if i in keep or m.in_grid else HeaderMatch(printed=m.printed, column=None, score=m.score)
        for i, m in enumerate(matches)
    ]


def header_mapping(row: GridRow, cutoff: float, min_columns: int) -> list[HeaderMatch] | None:
    """One HeaderMatch per grid column if `row` is a header row, else None."""
    matches = [
        _EMPTY if cell is None else match_header_cell(cell.text, cutoff) for cell in row.cells
    ]
    kept = keep_best(matches)
    # A results report's columns alone do not make a plan table: a summary of counts
    # (ดำเนินการแล้ว | อยู่ระหว่างดำเนินการ | ยังไม่ดำเนินการ) is none.
    results = results_column_keys()
    if sum(m.column is not None and m.column.value not in results for m in kept) < min_columns:
        return None
    return kept


def merge_header_rows(first: list[HeaderMatch], second: list[HeaderMatch]) -> list[HeaderMatch]:
    """Two header rows as one mapping: a cell the second row maps wins; a blank one keeps
    the first row's. Rows of different widths are different tables: the second wins."""
    if len(first) != len(second):
        return second
    merged = [
        new if new.column is not None or new.printed.strip() else old
        for old, new in zip(first, second, strict=True)
    ]
    return keep_best(merged)


def sub_header(row: GridRow, mapping: list[HeaderMatch], cutoff: float) -> list[HeaderMatch] | None:
    """`mapping` refined by `row` if `row` is the second line of a two-row header (องค์ความรู้
    over Tacit Knowledge | Explicit Knowledge): every filled cell names a column or a
    known extra header, and at least one names a column. None otherwise."""
    filled = [(i, c) for i, c in enumerate(row.cells) if c is not None and c.text.strip()]
    if not filled or len(row.cells) != len(mapping):
        return None
    refined = list(mapping)
    named = False
    for index, cell in filled:
        match = match_header_cell(cell.text, cutoff)
        if match.column is not None and match.score >= max(cutoff, _SUB_HEADER_CUTOFF):
            refined[index] = match
            named = True
        elif vocab.best_match(cell.text, known_extra_columns(), cutoff) is not None:
            refined[index] = HeaderMatch(printed=cell.text, column=None, score=0.0)
        else:
            return None
    return keep_best(refined) if named else None


def family_candidates(mapping: list[HeaderMatch]) -> list[PlanType]:
    """Plan families whose columns fit the mapped header best, in tie-break order.

    A family scores one for each mapped column it has and one more for each of its
    signature columns (those no other family prints, e.g. งบประมาณ of a project list).
    """
    mapped = {m.column.value for m in mapping if m.column is not None}
    scored = [
        (len(mapped & fam.columns.keys()) + len(mapped & fam.signature_columns), fam.plan_type)
        for fam in families()
    ]
    top = max(score for score, _ in scored)
    return [name for score, name in scored if score == top]
