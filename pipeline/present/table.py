"""Query results as a plain text table for a terminal, lined up for Thai."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

from pipeline.present.terminal import terminal_text
from warehouse.query import QueryResult

_ZERO_WIDTH = {"Mn", "Me", "Cf"}  # combining marks (Thai vowels above/below, tone marks)


def format_table(result: QueryResult) -> str:
    """A plain text table: a header, a rule, one line per row, then the row count.

    Numbers are right-aligned, NULL is shown as NULL, widths ignore combining marks so
    Thai text lines up in a terminal, and control characters in names and values are shown
    as escapes (pipeline.present.terminal).
    """
    header = [terminal_text(column) for column in result.columns]
    body = [[_cell(value) for value in row] for row in result.rows]
    widths = [max([display_width(line[i]) for line in [header, *body]]) for i in range(len(header))]
    right = [_is_numeric_column(result, i) for i in range(len(header))]
    lines = [
        _line(header, widths, right),
        _line(["-" * width for width in widths], widths, right),
        *(_line(line, widths, right) for line in body),
        _footer(result),
    ]
    return "\n".join(lines) if header else _footer(result)


def display_width(text: str) -> int:
    """Terminal columns: combining marks take none, East Asian wide characters take two."""
    width = 0
    for char in text:
        if unicodedata.category(char) in _ZERO_WIDTH:
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    return terminal_text(str(value))


def _is_numeric_column(result: QueryResult, index: int) -> bool:
    values = [row[index] for row in result.rows if row[index] is not None]
    return bool(values) and all(_is_number(value) for value in values)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _line(cells: list[str], widths: list[int], right: list[bool]) -> str:
    padded = []
    for cell, width, align_right in zip(cells, widths, right, strict=True):
        gap = " " * (width - display_width(cell))
        padded.append(gap + cell if align_right else cell + gap)
    return "  ".join(padded).rstrip()


def _footer(result: QueryResult) -> str:
    count = len(result.rows)
    more = ", more not shown" if result.truncated else ""
    return f"({count} row{'' if count == 1 else 's'}{more})"
