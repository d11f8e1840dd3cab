"""Identifiers in SQL text: the one place a table or column name is put into a statement.

Values never go into SQL text; they are passed as parameters (`?`). Names cannot be, so
the few statements that name tables or columns chosen at run time quote them here.
"""

from __future__ import annotations

from collections.abc import Iterable


def quote_identifier(name: str) -> str:
    """`name` as a DuckDB identifier: in double quotes, inner double quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def column_list(names: Iterable[str]) -> str:
    """Quoted identifiers joined with commas, for a SELECT or an INSERT's column list."""
    return ", ".join(quote_identifier(name) for name in names)
