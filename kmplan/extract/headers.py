"""Recognise a table's column-header row and map its cells to canonical columns."""

from __future__ import annotations

from kmplan import vocab
from kmplan.extract.models import Column, HeaderMatch
from kmplan.extract.page_content import GridRow


def match_header_cell(text: str, cutoff: float) -> HeaderMatch:
    found = vocab.best_match(text, vocab.load("columns"), cutoff) if text.strip() else None
    if found is None:
        return HeaderMatch(printed=text, column=None, score=0.0)
    return HeaderMatch(printed=text, column=Column(found.key), score=found.score)


def header_mapping(row: GridRow, cutoff: float, min_columns: int) -> list[HeaderMatch] | None:
    """One HeaderMatch per grid column if `row` is a header row, else None.

    Each canonical column goes to the cell that matches it best, so a typo'd cell that
    also resembles another column cannot take that column away.
    """
    matches = [
        match_header_cell(cell.text, cutoff) if cell is not None else HeaderMatch(
            printed="", column=None, score=0.0
        )
        for cell in row.cells
    ]
    best: dict[Column, int] = {}
    for index, match in enumerate(matches):
        if match.column is None:
            continue
        held = best.get(match.column)
        if held is None or matches[held].score < match.score:
            best[match.column] = index
    if len(best) < min_columns:
        return None
    keep = set(best.values())
    return [
        m if i in keep else HeaderMatch(printed=m.printed, column=None, score=m.score)
        for i, m in enumerate(matches)
    ]
