"""A page as one stream of blocks, top to bottom: text lines and table rows.

Walking every page's blocks in order lets a table that breaks across pages be stitched
by carrying the current plan forward.
"""

from __future__ import annotations

from dataclasses import dataclass

from extract.text.glyphs import Line
from extract.text.page_content import GridRow, PageContent


@dataclass(frozen=True, slots=True)
class TableRow:
    row: GridRow
    # The width (cells) of the table this row opens; None for the table's later rows.
    opens_width: int | None
    # The row's place in its table on this page, from 0.
    position: int = 0


def page_blocks(page: PageContent) -> list[Line | TableRow]:
    """The page's lines and table rows by their top; at the same top, lines first, then
    tables in page order (a stable sort)."""
    blocks: list[tuple[float, Line | TableRow]] = [(line.top, line) for line in page.lines]
    for grid in page.grids:
        for index, row in enumerate(grid.rows):
            width = len(grid.rows[0].cells) if index == 0 else None
            blocks.append((row.top, TableRow(row, width, index)))
    return [block for _, block in sorted(blocks, key=lambda b: b[0])]
