"""One migration step: the schema version it produces and how."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files

import duckdb


@dataclass(frozen=True)
class Migration:
    version: int  # the schema version the warehouse has after this step
    summary: str
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def sql_file(name: str) -> str:
    """A SQL file of this package (frozen schemas of earlier versions)."""
    return files("warehouse.migrations").joinpath(name).read_text(encoding="utf-8")
