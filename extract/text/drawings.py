"""Vector drawings on a page: the rules tables are built from, and the shapes drawn inside
cells, which are not rules.

A Gantt-style ระยะเวลา marks the months a row runs in with drawn shapes: shaded cells,
bars, lines and arrows. pdfplumber's table finder takes every horizontal stroke for a row
rule, so a line drawn across a month cell would cut the row in two. Such shapes are kept
out of table finding and handed on as marks (month_columns.py reads them per cell).

What tells a mark from a rule, using only the geometry:
- a filled shape thicker than a rule (a shaded cell, a bar, a dot, an arrowhead) is a
  mark; it stays in table finding when its top and bottom lie on other drawn edges (a
  shaded cell: some producers draw the grid as the cells' fills, so dropping them loses
  cells) and is kept out of it when one of them floats (a bar or a dot inside a cell);
- a horizontal stroke (a line, a thin rect, a flat path, joined with the strokes it
  continues) is a rule when both its ends meet a column rule or lie outside every cell;
  a stroke with an end inside a cell (between two column rules, off both) was drawn in
  the cell;
- an unfilled box (a hollow bar) is judged by its top edge, not counting its own sides.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pdfplumber.page

from extract.models import BBox

# A rule is at most this thick (pt). Thick borders (2.25 pt for a 3 px CSS border) pass.
_THIN = 3.0
# A column rule spans at least a row, which holds at least a line of text.
_MIN_RULE = 8.0
# A stroke's end meets a column rule this close to it (pt). Producers draw rules that meet
# exactly or overlap by half a line width.
_TOUCH = 1.5
# Strokes of one rule drawn in pieces (dashed, or one per cell) are joined across gaps up
# to pdfplumber's own join tolerance.
_JOIN = 3.0
# A shape colour this close to white on every channel is paper, not ink.
_WHITE = 0.95


@dataclass(frozen=True, slots=True)
class Shape:
    """A drawn shape that is not a table rule, as a candidate mark."""

    bbox: BBox
    filled: bool  # a filled area (shading, bar, dot) rather than a stroke
    # The fill colour's components as the PDF states them (gray, RGB or CMYK): shading
    # that covers a whole row is told from marks by its colour (see month_columns).
    colour: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Drawings:
    marks: tuple[Shape, ...]
    # id() of the page objects (lines, rects, curves) the table finder must not see.
    not_rules: frozenset[int]


@dataclass(frozen=True, slots=True)
class _Vertical:
    x: float
    top: float
    bottom: float
    owner: int  # id() of the object it is a side of


def _components(colour: Any) -> tuple[float, ...] | None:
    if isinstance(colour, int | float):
        return (float(colour),)
    if isinstance(colour, list | tuple) and all(isinstance(c, int | float) for c in colour):
        return tuple(float(c) for c in colour)
    return None  # a pattern or an unknown colour space


def _is_white(colour: tuple[float, ...] | None) -> bool:
    if colour is None:
        return False
    if len(colour) == 4:  # CMYK: no ink
        return all(c <= 1 - _WHITE for c in colour)
    return all(c >= _WHITE for c in colour)


def _box(obj: dict[str, Any]) -> BBox:
    return BBox(
        x0=float(obj["x0"]), top=float(obj["top"]), x1=float(obj["x1"]), bottom=float(obj["bottom"])
    )


def _ink_fill(obj: dict[str, Any]) -> tuple[float, ...] | None:
    """The fill colour of a filled shape that puts ink on the page (() for a pattern or an
    unknown colour space); None for an unfilled or white one."""
    if not obj.get("fill"):
        return None
    printed = obj.get("non_stroking_color")
    # A filled path with no colour set paints in the default colour, black.
    colour = (0.0,) if printed is None else _components(printed)
    if colour is None:
        return ()
    return None if _is_white(colour) else colour


class _Columns:
    """The page's column rules, to tell where a stroke's end lies."""

    def __init__(self, verticals: Iterable[_Vertical]) -> None:
        self._rules = sorted(verticals, key=lambda v: v.x)
        self._xs = [v.x for v in self._rules]

    def end_inside_cell(self, x: float, y: float, owner: int) -> bool:
        """Whether (x, y) lies between two column rules that span y, off both (rules that
        are sides of `owner` itself do not count)."""
        at = bisect.bisect_left(self._xs, x - _TOUCH)
        for rule in self._rules[at:]:  # nearest first, from the left edge of the window
            if self._spans(rule, y, owner):
                if rule.x <= x + _TOUCH:
                    return False  # the end meets this column rule
                break
        else:
            return False  # no rule on the right: outside every cell
        return any(self._spans(rule, y, owner) for rule in reversed(self._rules[:at]))

    @staticmethod
    def _spans(rule: _Vertical, y: float, owner: int) -> bool:
        return rule.owner != owner and rule.top - _TOUCH <= y <= rule.bottom + _TOUCH


def _runs(strokes: Sequence[tuple[BBox, int]]) -> list[list[tuple[BBox, int]]]:
    """Horizontal strokes joined into runs: same height, end to end across small gaps."""
    runs: list[list[tuple[BBox, int]]] = []
    ordered = sorted(strokes, key=lambda s: (round((s[0].top + s[0].bottom) / 2), s[0].x0))
    for stroke in ordered:
        box = stroke[0]
        if runs:
            last = runs[-1]
            middle = (box.top + box.bottom) / 2
            last_middle = (last[-1][0].top + last[-1][0].bottom) / 2
            reach = max(b.x1 for b, _ in last)
            if abs(middle - last_middle) <= 1.0 and box.x0 <= reach + _JOIN:
                last.append(stroke)
                continue
        runs.append([stroke])
    return runs


def _floats(box: BBox, owner: int, edges: Sequence[tuple[float, float, float, int]]) -> bool:
    """Whether a filled area's top or bottom lies on no other drawn edge (`edges`: y, x0,
    x1, owner). Such an edge would cut a row in two: a bar or a dot drawn inside a cell.
    A shaded cell's top and bottom lie on rules or on its neighbours' fills (producers
    such as doPDF draw cells as fills with thin rules only in places, and their edges are
    the table's grid)."""

    def on_edge(y: float) -> bool:
        return any(
            other != owner
            and abs(ey - y) <= _TOUCH
            and min(ex1, box.x1) - max(ex0, box.x0) > _TOUCH
            for ey, ex0, ex1, other in edges
        )

    return not (on_edge(box.top) and on_edge(box.bottom))


def page_drawings(page: pdfplumber.page.Page) -> Drawings:
    """The page's drawn shapes that are not table rules."""
    objects = page.objects
    marks: list[Shape] = []
    not_rules: set[int] = set()
    strokes: list[tuple[BBox, int]] = []  # horizontal strokes: rules or marks
    fills: list[tuple[BBox, int]] = []  # filled areas: shaded cells or marks
    boxes: list[tuple[BBox, int]] = []  # unfilled areas: outlines or hollow marks
    verticals: list[_Vertical] = []
    for kind in ("line", "rect", "curve"):
        for obj in objects.get(kind, []):
            box = _box(obj)
            width, height = box.x1 - box.x0, box.bottom - box.top
            fill = _ink_fill(obj)
            if min(width, height) <= _THIN:
                if width >= height:
                    strokes.append((box, id(obj)))
                elif height >= _MIN_RULE:
                    x = (box.x0 + box.x1) / 2
                    verticals.append(_Vertical(x, box.top, box.bottom, id(obj)))
            elif fill is not None:
                marks.append(Shape(bbox=box, filled=True, colour=fill or None))
                fills.append((box, id(obj)))
            elif kind == "line":
                # A slanted line (half an X, an arrowhead's barb): no rule is slanted.
                marks.append(Shape(bbox=box, filled=False))
                not_rules.add(id(obj))
            else:
                boxes.append((box, id(obj)))
                if height >= _MIN_RULE:
                    verticals.append(_Vertical(box.x0, box.top, box.bottom, id(obj)))
                    verticals.append(_Vertical(box.x1, box.top, box.bottom, id(obj)))
    columns = _Columns(verticals)
    edges = [((b.top + b.bottom) / 2, b.x0, b.x1, owner) for b, owner in strokes]
    for b, owner in [*fills, *boxes]:
        edges += [(b.top, b.x0, b.x1, owner), (b.bottom, b.x0, b.x1, owner)]
    not_rules.update(owner for box, owner in fills if _floats(box, owner, edges))
    if not strokes and not boxes:
        return Drawings(marks=tuple(marks), not_rules=frozenset(not_rules))
    for run in _runs(strokes):
        x0 = min(b.x0 for b, _ in run)
        x1 = max(b.x1 for b, _ in run)
        top = min(b.top for b, _ in run)
        bottom = max(b.bottom for b, _ in run)
        y = (top + bottom) / 2
        owner = run[0][1] if len(run) == 1 else -1
        if columns.end_inside_cell(x0, y, owner) or columns.end_inside_cell(x1, y, owner):
            marks.append(Shape(bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom), filled=False))
            not_rules.update(owner_id for _, owner_id in run)
    for box, owner in boxes:
        if columns.end_inside_cell(box.x0, box.top, owner) or columns.end_inside_cell(
            box.x1, box.top, owner
        ):
            marks.append(Shape(bbox=box, filled=False))
            not_rules.add(owner)
    return Drawings(marks=tuple(marks), not_rules=frozenset(not_rules))
