"""Extraction settings, validated once (so bad values fail early, not mid-batch)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ExtractSettings:
    # Ruled tables: Word and LibreOffice draw every cell border, so lines find them.
    vertical_strategy: str = "lines"
    horizontal_strategy: str = "lines"
    snap_tolerance: float = 3.0
    # A header row must map at least this many cells to canonical columns.
    min_header_columns: int = 5
    # rapidfuzz ratio (0-100) a printed header cell needs to map to a column.
    header_cutoff: float = 55.0
    max_pages: int = 500
    extra_table_settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        strategies = {"lines", "lines_strict", "text", "explicit"}
        if self.vertical_strategy not in strategies or self.horizontal_strategy not in strategies:
            raise ValueError(f"table strategies must be among {sorted(strategies)}")
        if not 0 < self.header_cutoff <= 100:
            raise ValueError("header_cutoff must be in (0, 100]")
        if self.min_header_columns < 2 or self.max_pages < 1:
            raise ValueError("min_header_columns must be >= 2 and max_pages >= 1")

    def table_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": self.vertical_strategy,
            "horizontal_strategy": self.horizontal_strategy,
            "snap_tolerance": self.snap_tolerance,
            **self.extra_table_settings,
        }
