"""Merged cells a page break cut: their text, for their part on the next page.

Word and LibreOffice print a cell merged down over several rows once, on the page where
it begins; its part on the next page is an empty tall cell at the top of the table. That
part belongs to the cell whose text the plan's last row (on an earlier page) holds in the
same column.
"""

from __future__ import annotations

from extract.models import Column
from extract.tables.plan_drafts import PlanDraft
from extract.text.page_content import GridCell, GridRow


class CarriedCells:
    def __init__(self) -> None:
        # (page, x0, top) of a cell's part on a later page -> the text carried into it
        self._texts: dict[tuple[int, int, int], str] = {}

    def text(
        self, plan: PlanDraft, row: GridRow, cell: GridCell, column: Column, page: int
    ) -> str | None:
        """The carried text of `cell` (in `row` of `plan`'s table on `page`), or None for
        any cell that is not the part of a merged cell a page break cut."""
        key = (page, round(cell.bbox.x0), round(cell.bbox.top))
        if cell.text.strip():
            return None
        if key in self._texts:
            return self._texts[key]
        if not plan.rows or plan.rows[-1].page >= page:
            return None  # not the first row of a continuation page
        others = [c.bbox.bottom for c in row.cells if c is not None and c is not cell]
        if cell.spanned or not others or cell.bbox.bottom <= min(others) + 1.0:
            return None  # a cell of one row: empty as printed
        previous = plan.rows[-1].texts.get(column, "")
        if not previous.strip():
            return None
        self._texts[key] = previous
        return previous
