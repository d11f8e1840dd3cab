"""Assemble plans from page content: header lines, a header row, rows across page breaks.

Pages are walked top to bottom as one stream of blocks (block_stream.py), so a table that
breaks across pages is stitched by carrying the current plan forward; a repeated
column-header row on the next page is recognised and dropped (header_rows.py). The plan
header above a table is in plan_header.py, body rows in body_rows.py, merged cells a page
break cut in page_breaks.py.
"""

from __future__ import annotations

from functools import partial

from extract.models import ExtractIssue, HeaderMatch, RawPlan
from extract.settings import ExtractSettings
from extract.tables.block_stream import TableRow, page_blocks
from extract.tables.body_rows import RowPlacer, read_cells, rows_merged
from extract.tables.header_rows import ColumnHeader, HeaderRead
from extract.tables.km_evidence import KmEvidence
from extract.tables.labels import is_plan_title, split_labels
from extract.tables.own_columns import names_km_plan
from extract.tables.page_breaks import CarriedCells
from extract.tables.plan_drafts import PlanDraft
from extract.tables.plan_header import PendingHeader, header_missing, table_missing
from extract.tables.stacked_rows import split_stacked, stacked_numbers
from extract.text.page_content import GridRow, PageContent


class PlanAssembler:
    """Feed pages in order; `finish()` returns the plans found and what was noticed."""

    def __init__(self, settings: ExtractSettings) -> None:
        self._pending = PendingHeader()
        self._header = ColumnHeader(settings.header_cutoff, settings.min_header_columns)
        self._plan: PlanDraft | None = None
        self._plans: list[PlanDraft] = []
        self._carried = CarriedCells()
        self._placer = RowPlacer()
        self._evidence = KmEvidence()
        self.issues: list[ExtractIssue] = []

    def feed(self, page: PageContent) -> None:
        for block in page_blocks(page):
            if isinstance(block, TableRow):
                width = block.opens_width
                if width is not None:
                    self._placer.table_starts()
                    if self._header.table_starts(width):
                        self._plan = None  # a table of another width cannot continue it
                self._row(block.row, page, block.position)
            else:
                self._line(block.text, page.number)

    @property
    def takes_lines(self) -> bool:
        """Whether text lines that hold no plan title or label would change the plans:
        only while a plan header is open above its table."""
        return self._pending.takes_lines

    def finish(self) -> list[RawPlan]:
        if self._pending.started:
            self.issues.append(table_missing(self._pending))
        return [p.freeze() for p in self._plans]

    def not_km_reason(self, plans: list[RawPlan]) -> str | None:
        """Why a document whose `plans` (finish()) hold rows is no KM plan at all, or None
        when its lines, header rows or `plans` say it is one (km_evidence.py)."""
        return self._evidence.refusal([p for p in plans if p.rows])

    def _line(self, text: str, page: int) -> None:
        self._evidence.line(text)
        if not self._header.km_document and names_km_plan(text):
            self._header.km_document = True
        labelled = split_labels(text)
        if labelled:
            if "unit" in self._pending.values and any(i.key == "unit" for i in labelled):
                # A second ชื่อหน่วยงาน before any table: the first plan had none we read.
                self.issues.append(table_missing(self._pending))
                self._pending = PendingHeader()
            self._pending.add(labelled, page)
        elif is_plan_title(text):
            if self._pending.started:
                self.issues.append(table_missing(self._pending))
            self._pending = PendingHeader(title=text.strip())
        elif self._pending.started:
            self._pending.continue_value(text)
        elif self._pending.title is not None:
            self._pending.add_line(text, page)

    def _row(self, row: GridRow, content: PageContent, position: int) -> None:
        if not self._header.km_document and position < 2:
            # A title row merged across the table, or a header cell, may say it.
            texts = [cell.text for cell in row.cells if cell is not None]
            self._header.km_document = any(names_km_plan(text) for text in texts)
        read = self._header.read(row, position)
        self._row_evidence(row, position, header=read is not None)
        if read is not None:
            self._header_row(read, content.number)
            return
        filled = [c for c in row.cells if c is not None and c.text.strip()]
        if len(filled) == 1 and split_labels(filled[0].text):
            # The plan header printed inside the table, as a merged row.
            self._evidence.header_cells([filled[0].text])
            self._pending.add(split_labels(filled[0].text), content.number)
            self._start_plan(content.number)
        elif self._plan is not None and self._header.columns is not None:
            self._body_row(row, self._plan, self._header.columns, content)

    def _row_evidence(self, row: GridRow, position: int, *, header: bool) -> None:
        """A header row, or a title row merged across the table, may say KM; a body cell's
        words do not (a quality plan may plan to draw up a KM plan)."""
        texts = [cell.text for cell in row.cells if cell is not None and cell.text.strip()]
        if header or (position < 2 and len(texts) == 1):
            self._evidence.header_cells(texts)

    def _header_row(self, read: HeaderRead, page: int) -> None:
        plan = self._plan
        if read.refined is not None and plan is not None and plan.columns is read.refined[0]:
            plan.columns = read.refined[1]  # the plan's own header was refined by this row
        if read.kind == "header" and self._pending.opens_plan(plan):
            self._start_plan(page)

    def _body_row(
        self, row: GridRow, plan: PlanDraft, columns: list[HeaderMatch], content: PageContent
    ) -> None:
        parts = split_stacked(row, columns)
        numbers = stacked_numbers(row, columns)
        if len(parts) == 1 and len(numbers) > 1:
            self.issues.append(rows_merged(numbers, content.number))
        carried = partial(self._carried.text, plan)
        for part in parts:
            cells = read_cells(part, columns, self._header.months, content, carried)
            if cells.empty:
                continue
            self._header.reading = False
            issue = self._placer.place(plan, cells, columns, content.number)
            if issue is not None:
                self.issues.append(issue)

    def _start_plan(self, page: int) -> None:
        columns = self._header.columns
        if columns is None:
            return
        if not self._pending.started and self._pending.title is None:
            self.issues.append(header_missing(page))
        self._plan = PlanDraft(
            header=self._pending.freeze(page),
            title=self._pending.title,
            columns=columns,
            own_columns=self._header.own,
        )
        self._plans.append(self._plan)
        self._pending = PendingHeader()
