"""Body rows of a plan table: their cells read by column, then placed in the plan as a
new row, the second half of a row a page break split, or a footnote (dropped, with the
items under it: footnotes.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from extract.models import Column, ExtractIssue, HeaderMatch, Provenance
from extract.tables.footnotes import continues_numbering
from extract.tables.month_columns import MonthRun, read_marks
from extract.tables.plan_drafts import PlanDraft, RowDraft
from extract.tables.stacked_rows import parse_seq
from extract.text.page_content import GridCell, GridRow, PageContent
from extract.vocab.codes import WarningCode

# A row holding only this (a merged cell under the table) is a footnote, not a row.
_FOOTNOTE_LEADS = ("หมายเหตุ", "ที่มา", "*")

# The text a page break carried into an empty merged cell, or None (page_breaks.py).
CarriedText = Callable[[GridRow, GridCell, Column, int], str | None]


@dataclass
class RowCells:
    """One body row's cells by column, as read from the page."""

    texts: dict[Column, str] = field(default_factory=dict)
    provenance: dict[Column, Provenance] = field(default_factory=dict)
    confidence: dict[Column, float] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)  # columns no family names
    spanned: set[Column] = field(default_factory=set)  # values of a cell merged down
    marks: dict[int, int] = field(default_factory=dict)  # grid column -> month marked
    quarter_marks: dict[int, int] = field(default_factory=dict)  # grid column -> quarter

    @property
    def empty(self) -> bool:
        """No text of its own (a merged cell's value alone is not a row)."""
        own = [t for c, t in self.texts.items() if c not in self.spanned]
        return not any(t.strip() for t in own) and not self.extra


def read_cells(
    row: GridRow,
    columns: list[HeaderMatch],
    months: MonthRun | None,
    content: PageContent,
    carried: CarriedText,
) -> RowCells:
    page = content.number
    cells = _month_cells(row, months, content)
    for index, (match, cell) in enumerate(zip(columns, row.cells, strict=False)):
        if cell is None or match.in_grid:
            continue
        if cell.spanned and match.column is not None:
            cells.spanned.add(match.column)
        if match.column is None:
            # Kept, never dropped: a column no family names is stored as printed.
            if cell.text.strip():
                cells.extra[match.printed.strip() or f"column {index + 1}"] = cell.text
            continue
        text = carried(row, cell, match.column, page)
        if text is not None:
            cells.spanned.add(match.column)
        cells.texts[match.column] = cell.text if text is None else text
        cells.provenance[match.column] = Provenance(
            page=page, bbox=cell.bbox, method=content.method
        )
        if cell.confidence is not None:
            cells.confidence[match.column] = cell.confidence
    return cells


def _month_cells(row: GridRow, months: MonthRun | None, content: PageContent) -> RowCells:
    """The months a Gantt-style row marks, and the text its month cells keep."""
    cells = RowCells()
    if months is None:
        return cells
    read = read_marks(row, months, content.shapes)
    if months.quarters:
        cells.quarter_marks = read.marks
    else:
        cells.marks = read.marks
    cells.extra = dict(read.kept)
    if read.printed_period is not None:
        # A period printed as text across the month cells is the period.
        text, box = read.printed_period
        cells.texts[Column.PERIOD] = text
        cells.provenance[Column.PERIOD] = Provenance(
            page=content.number, bbox=box, method=content.method
        )
    return cells


class RowPlacer:
    """Places body rows in their plan. Rows under a footnote row (หมายเหตุ) of a table are
    the footnote's items, not plan rows, until one continues the plan's numbering."""

    def __init__(self) -> None:
        self.in_footnote = False

    def table_starts(self) -> None:
        self.in_footnote = False

    def place(
        self, plan: PlanDraft, cells: RowCells, columns: list[HeaderMatch], page: int
    ) -> ExtractIssue | None:
        """Add a (non-empty) body row to `plan`; the issue when it cannot be placed."""
        seq_text = cells.texts.get(Column.SEQ, "").strip()
        last = plan.rows[-1].texts.get(Column.SEQ) if plan.rows else None
        if self.in_footnote and not continues_numbering(last, seq_text):
            return None  # an item of the footnote block above
        numbered = any(m.column is Column.SEQ for m in columns)
        footnote = _is_footnote(cells.texts, cells.extra)
        if not numbered and not footnote:
            # A table without a ลำดับ column: every row is a row of its own.
            plan.rows.append(_draft(cells, page))
        elif parse_seq(seq_text) is not None or (seq_text and not plan.rows):
            plan.rows.append(_draft(cells, page))
        elif footnote:
            self.in_footnote = True
        elif plan.rows:
            # A row the page break split: its second half has no ลำดับ of its own. A cell
            # merged down into it was read with the first half already.
            kept = {c: t for c, t in cells.texts.items() if c not in cells.spanned}
            plan.rows[-1].extend(
                kept, cells.provenance, cells.confidence, cells.extra, cells.marks,
                cells.quarter_marks,
            )  # fmt: skip
        else:
            return ExtractIssue(
                code=WarningCode.ROW_UNNUMBERED,
                message=f"a table row with no ลำดับ before any numbered row: {seq_text!r}",
                page=page,
            )
        return None


def _draft(cells: RowCells, page: int) -> RowDraft:
    return RowDraft(
        cells.texts, cells.provenance, page, cells.confidence, cells.extra, cells.marks,
        cells.quarter_marks,
    )  # fmt: skip


def rows_merged(numbers: list[int], page: int) -> ExtractIssue:
    """Never silently one row: the cells hold several rows' text run together."""
    return ExtractIssue(
        code=WarningCode.ROWS_MERGED,
        message=f"one table cell holds ลำดับ {', '.join(map(str, numbers))}: "
        "rows without rules between them could not be told apart and are "
        "loaded as one row",
        page=page,
    )


def _is_footnote(texts: dict[Column, str], extra: dict[str, str]) -> bool:
    """A merged row under the table (หมายเหตุ : Tacit Knowledge หมายถึง ...), not a row's
    continuation: one filled cell that opens with a footnote word."""
    filled = [t for t in [*texts.values(), *extra.values()] if t.strip()]
    return len(filled) == 1 and filled[0].lstrip().startswith(_FOOTNOTE_LEADS)
