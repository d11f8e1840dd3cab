"""Assemble plans from page content: header lines, a header row, rows across page breaks.

Pages are walked top to bottom as one stream of blocks (text lines and table rows), so a
table that breaks across pages is stitched by carrying the current plan forward; a
repeated column-header row on the next page is recognised and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pythainlp.util import thai_digit_to_arabic_digit

from kmplan.extract.glyphs import join_lines
from kmplan.extract.headers import header_mapping
from kmplan.extract.labels import LabelledValue, is_plan_title, split_labels
from kmplan.extract.models import (
    Column,
    ExtractIssue,
    HeaderMatch,
    Provenance,
    RawCell,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from kmplan.extract.page_content import GridRow, PageContent
from kmplan.extract.settings import ExtractSettings


@dataclass
class _Header:
    title: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    open_key: str | None = None  # the label whose value may continue on the next line
    page: int = 0

    def add(self, labelled: list[LabelledValue], page: int) -> None:
        if not self.values:
            self.page = page
        for item in labelled:
            self.values[item.key] = item.value
            self.open_key = item.key

    def continue_value(self, text: str) -> None:
        if self.open_key is not None:
            self.values[self.open_key] = join_lines([self.values[self.open_key], text])

    @property
    def started(self) -> bool:
        return bool(self.values)

    def freeze(self) -> RawPlanHeader:
        return RawPlanHeader(
            unit=self.values.get("unit"),
            km_goal=self.values.get("km_goal"),
            deliverable=self.values.get("deliverable"),
            page=self.page,
        )


@dataclass
class _Row:
    texts: dict[Column, str]
    provenance: dict[Column, Provenance]
    page: int
    confidence: dict[Column, float] = field(default_factory=dict)

    def extend(self, more: dict[Column, str], confidence: dict[Column, float]) -> None:
        for column, text in more.items():
            self.texts[column] = join_lines([self.texts.get(column, ""), text])
        for column, value in confidence.items():
            self.confidence[column] = min(value, self.confidence.get(column, value))

    def freeze(self) -> RawRow:
        cells = {
            col: RawCell(
                text=text, provenance=self.provenance[col], confidence=self.confidence.get(col)
            )
            for col, text in self.texts.items()
        }
        lowest = min(self.confidence.values()) if self.confidence else None
        return RawRow(cells=cells, page=self.page, min_confidence=lowest)


@dataclass
class _Plan:
    header: RawPlanHeader
    title: str | None
    columns: list[HeaderMatch]
    rows: list[_Row] = field(default_factory=list)

    def freeze(self) -> RawPlan:
        return RawPlan(
            header=self.header,
            title=self.title,
            columns=self.columns,
            rows=[r.freeze() for r in self.rows],
        )


def parse_seq(text: str) -> int | None:
    digits = thai_digit_to_arabic_digit(text).strip().rstrip(".")
    return int(digits) if digits.isdigit() else None


class PlanAssembler:
    """Feed pages in order; `finish()` returns the plans found and what was noticed."""

    def __init__(self, settings: ExtractSettings) -> None:
        self._settings = settings
        self._pending = _Header()
        self._plan: _Plan | None = None
        self._columns: list[HeaderMatch] | None = None
        self._plans: list[_Plan] = []
        self.issues: list[ExtractIssue] = []

    def feed(self, page: PageContent) -> None:
        blocks: list[tuple[float, object]] = [(ln.top, ln) for ln in page.lines]
        for grid in page.grids:
            blocks.extend((row.top, row) for row in grid.rows)
        grid_sizes = {id(row): len(g.rows[0].cells) for g in page.grids for row in g.rows}
        first_rows = {id(g.rows[0]) for g in page.grids if g.rows}
        for _, block in sorted(blocks, key=lambda b: b[0]):
            if isinstance(block, GridRow):
                if id(block) in first_rows:
                    self._table_starts(grid_sizes[id(block)])
                self._row(block, page)
            else:
                self._line(block.text, page.number)  # type: ignore[attr-defined]

    def finish(self) -> list[RawPlan]:
        return [p.freeze() for p in self._plans]

    def _line(self, text: str, page: int) -> None:
        labelled = split_labels(text)
        if labelled:
            self._pending.add(labelled, page)
        elif is_plan_title(text):
            self._pending = _Header(title=text.strip())
        elif self._pending.started:
            self._pending.continue_value(text)

    def _table_starts(self, width: int) -> None:
        # A table whose width differs from the current plan's cannot continue it.
        if self._columns is not None and len(self._columns) != width:
            self._plan = None
            self._columns = None

    def _row(self, row: GridRow, content: PageContent) -> None:
        page = content.number
        mapping = header_mapping(
            row, self._settings.header_cutoff, self._settings.min_header_columns
        )
        if mapping is not None:
            self._columns = mapping
            if self._pending.started or self._plan is None:
                self._start_plan(page)
            return
        filled = [c for c in row.cells if c is not None and c.text.strip()]
        if len(filled) == 1 and split_labels(filled[0].text):
            # The plan header printed inside the table, as a merged row.
            self._pending.add(split_labels(filled[0].text), page)
            self._start_plan(page)
            return
        if self._plan is not None and self._columns is not None:
            self._data_row(row, content)

    def _start_plan(self, page: int) -> None:
        if self._columns is None:
            return
        if not self._pending.started:
            self.issues.append(
                ExtractIssue(
                    code="plan-header-missing",
                    message="a plan table has no ชื่อหน่วยงาน / เป้าหมาย KM lines above it",
                    page=page,
                )
            )
        self._plan = _Plan(
            header=self._pending.freeze() if self._pending.started else RawPlanHeader(
                unit=None, km_goal=None, deliverable=None, page=page
            ),
            title=self._pending.title,
            columns=self._columns,
        )
        self._plans.append(self._plan)
        self._pending = _Header()

    def _data_row(self, row: GridRow, content: PageContent) -> None:
        assert self._plan is not None and self._columns is not None
        page = content.number
        texts: dict[Column, str] = {}
        provenance: dict[Column, Provenance] = {}
        confidence: dict[Column, float] = {}
        for match, cell in zip(self._columns, row.cells, strict=False):
            if match.column is None or cell is None:
                continue
            texts[match.column] = cell.text
            provenance[match.column] = Provenance(
                page=page, bbox=cell.bbox, method=content.method
            )
            if cell.confidence is not None:
                confidence[match.column] = cell.confidence
        seq_text = texts.get(Column.SEQ, "").strip()
        if not any(t.strip() for t in texts.values()):
            return
        if parse_seq(seq_text) is not None or (seq_text and not self._plan.rows):
            self._plan.rows.append(_Row(texts, provenance, page, confidence))
        elif self._plan.rows:
            # A row the page break split: its second half has no ลำดับ of its own.
            self._plan.rows[-1].extend(texts, confidence)
        else:
            self.issues.append(
                ExtractIssue(
                    code="row-unnumbered",
                    message=f"a table row with no ลำดับ before any numbered row: {seq_text!r}",
                    page=page,
                )
            )
