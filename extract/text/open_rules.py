"""Horizontal rules that close a ruled table which does not draw them.

pdfplumber's "lines" strategy needs a horizontal rule above and below every row. Browsers
(border-collapse) draw none where a page break cuts a row: not at the page's foot, nor at
the top of its continuation when no header row repeats. Without it the cut row is not a
cell at all, and its text falls outside the table and is lost. Where at least three
column rules end (or begin) at the same height, none goes on past it, and no horizontal
rule lies there, the table's foot (or head) is implied and that rule is supplied to the
table finder. Rows inside a table are never cut this way: a cell spanning rows is drawn
with the same breaks in its rules (see stacked_rows for tables without row rules).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Column rules shorter than this are glyph strokes or ticks, not table rules.
_MIN_RULE = 5.0
# A row boundary needs this many column rules ending at the same height (a table's two
# sides and at least one column between them).
_MIN_ENDS = 3
# Share of the boundary's width that existing horizontal rules must cover for it to count
# as drawn already.
_DRAWN_SHARE = 0.9


Point = tuple[float, float]


def _clusters(values: list[Point], tolerance: float) -> list[list[Point]]:
    """(y, x) pairs grouped by y: neighbours closer than `tolerance` join one group."""
    groups: list[list[Point]] = []
    for y, x in sorted(values):
        if groups and y - groups[-1][-1][0] <= tolerance:
            groups[-1].append((y, x))
        else:
            groups.append([(y, x)])
    return groups


def _distinct(xs: Iterable[float], tolerance: float) -> list[float]:
    kept: list[float] = []
    for x in sorted(xs):
        if not kept or x - kept[-1] > tolerance:
            kept.append(x)
    return kept


def _covered(y: float, x0: float, x1: float, horizontals: list[dict[str, Any]], tol: float) -> bool:
    """Whether drawn horizontal rules at `y` cover most of [x0, x1]."""
    spans = sorted(
        (max(e["x0"], x0), min(e["x1"], x1))
        for e in horizontals
        if abs(e["top"] - y) <= tol and e["x1"] > x0 and e["x0"] < x1
    )
    covered, reach = 0.0, x0
    for start, end in spans:
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered >= _DRAWN_SHARE * (x1 - x0)


def _open_ends(
    ends: list[Point], starts: list[Point], tolerance: float
) -> list[tuple[float, float, float]]:
    """(y, x0, x1) where at least _MIN_ENDS column rules end and none goes on: a table's
    open foot (or, with the arguments swapped, its open head).

    Where rules end and others begin at the same height (a cell spanning two rows drawn
    in pieces, a two-row header) the table goes on: no row boundary is implied there.
    """
    found = []
    for group in _clusters(ends, tolerance):
        xs = _distinct((x for _, x in group), 2 * tolerance)
        if len(xs) < _MIN_ENDS:
            continue
        y = sum(y for y, _ in group) / len(group)
        x0, x1 = xs[0], xs[-1]
        goes_on = any(
            abs(sy - y) <= tolerance and x0 - tolerance <= sx <= x1 + tolerance for sy, sx in starts
        )
        if not goes_on:
            found.append((y, x0, x1))
    return found


def implied_rules(edges: list[dict[str, Any]], tolerance: float) -> list[dict[str, Any]]:
    """Horizontal rules (pdfplumber line objects) closing tables whose column rules end
    at a page's foot or begin at its head without one."""
    verticals = [
        e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] >= _MIN_RULE
    ]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    tops = [(e["top"], e["x0"]) for e in verticals]
    bottoms = [(e["bottom"], e["x0"]) for e in verticals]
    rules: list[dict[str, Any]] = []
    for y, x0, x1 in _open_ends(bottoms, tops, tolerance) + _open_ends(tops, bottoms, tolerance):
        if _covered(y, x0, x1, horizontals, tolerance):
            continue
        rules.append(
            {
                "object_type": "line",
                "x0": x0,
                "x1": x1,
                "top": y,
                "bottom": y,
                "width": x1 - x0,
                "height": 0.0,
            }
        )
    return rules
