"""Assemble plans from page content: header lines, a header row, rows across page breaks.

Pages are walked top to bottom as one stream of blocks (text lines and table rows), so a
table that breaks across pages is stitched by carrying the current plan forward; a
repeated column-header row on the next page is recognised and dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.models import (
    Column,
    ExtractIssue,
    HeaderMatch,
    Provenance,
    RawCell,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.settings import ExtractSettings
from extract.tables.footnotes import continues_numbering
from extract.tables.headers import (
    family_candidates,
    header_mapping,
    merge_header_rows,
    sub_header,
)
from extract.tables.labels import LabelledValue, is_plan_title, split_labels
from extract.tables.month_columns import (
    MonthRun,
    YearLabel,
    month_run,
    read_marks,
    with_months,
    year_labels,
)
from extract.tables.stacked_rows import parse_seq, split_stacked, stacked_numbers
from extract.text.glyphs import join_lines
from extract.text.page_content import GridCell, GridRow, PageContent
from extract.vocab.codes import WarningCode

# Lines kept between a plan title and its table (organization line, approval note ...).
_MAX_TITLE_LINES = 6
# A row holding only this (a merged cell under the table) is a footnote, not a row.
_FOOTNOTE_LEADS = ("หมายเหตุ", "ที่มา", "*")


@dataclass
class _Header:
    title: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    open_key: str | None = None  # the label whose value may continue on the next line
    page: int = 0
    lines: list[str] = field(default_factory=list)  # unlabelled lines after the title

    def add(self, labelled: list[LabelledValue], page: int) -> None:
        if not self.values and not self.lines:
            self.page = page
        for item in labelled:
            self.values[item.key] = item.value
            self.open_key = item.key

    def continue_value(self, text: str) -> None:
        if self.open_key is not None:
            self.values[self.open_key] = join_lines([self.values[self.open_key], text])

    def add_line(self, text: str, page: int) -> None:
        if len(self.lines) < _MAX_TITLE_LINES and text.strip():
            if not self.values and not self.lines:
                self.page = page
            self.lines.append(text.strip())

    @property
    def started(self) -> bool:
        return bool(self.values)

    def opens_plan(self, current: _Plan | None) -> bool:
        """Whether a table under this header is a new plan rather than the continuation
        of `current` (a page that repeats the same title and lines continues it)."""
        if current is None or self.values:
            return True
        if self.title is None:
            return False
        return (self.title, self.lines) != (current.title, current.header.lines)

    def freeze(self, page: int) -> RawPlanHeader:
        return RawPlanHeader(
            unit=self.values.get("unit"),
            km_goal=self.values.get("km_goal"),
            deliverable=self.values.get("deliverable"),
            page=self.page or page,
            lines=list(self.lines),
        )


@dataclass
class _Row:
    texts: dict[Column, str]
    provenance: dict[Column, Provenance]
    page: int
    confidence: dict[Column, float] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    marks: dict[int, int] = field(default_factory=dict)  # grid column -> month marked there

    def extend(
        self,
        more: dict[Column, str],
        provenance: dict[Column, Provenance],
        confidence: dict[Column, float],
        extra: dict[str, str],
        marks: dict[int, int],
    ) -> None:
        for column, text in more.items():
            self.texts[column] = join_lines([self.texts.get(column, ""), text])
            # A column empty on the row's first page begins where its text does.
            self.provenance.setdefault(column, provenance[column])
        for column, value in confidence.items():
            self.confidence[column] = min(value, self.confidence.get(column, value))
        for header, text in extra.items():
            self.extra[header] = join_lines([self.extra.get(header, ""), text])
        self.marks.update(marks)

    def freeze(self) -> RawRow:
        cells = {
            col: RawCell(
                text=text, provenance=self.provenance[col], confidence=self.confidence.get(col)
            )
            for col, text in self.texts.items()
        }
        lowest = min(self.confidence.values()) if self.confidence else None
        extra = {header: text for header, text in self.extra.items() if text.strip()}
        marked = tuple(self.marks[index] for index in sorted(self.marks))
        return RawRow(
            cells=cells, page=self.page, min_confidence=lowest, extra=extra, marked_months=marked
        )


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
            families=family_candidates(self.columns),
        )


class PlanAssembler:
    """Feed pages in order; `finish()` returns the plans found and what was noticed."""

    def __init__(self, settings: ExtractSettings) -> None:
        self._settings = settings
        self._pending = _Header()
        self._plan: _Plan | None = None
        self._columns: list[HeaderMatch] | None = None
        # True from a header row until the first data row: a second header row may follow.
        self._in_header = False
        # A Gantt-style ระยะเวลา: the month columns of the current header, and the year
        # labels printed above them (read before the months' own row).
        self._months: MonthRun | None = None
        self._year_labels: list[YearLabel] = []
        self._plans: list[_Plan] = []
        # Merged cells continued from the page before: (page, x0, top) -> their text.
        self._carried: dict[tuple[int, int, int], str] = {}
        # Rows under a footnote row (หมายเหตุ) of this grid are its items: footnotes.py.
        self._in_footnote = False
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
        if self._pending.started:
            self._no_table()
        return [p.freeze() for p in self._plans]

    def _line(self, text: str, page: int) -> None:
        labelled = split_labels(text)
        if labelled:
            if "unit" in self._pending.values and any(i.key == "unit" for i in labelled):
                # A second ชื่อหน่วยงาน before any table: the first plan had none we read.
                self._no_table()
                self._pending = _Header()
            self._pending.add(labelled, page)
        elif is_plan_title(text):
            if self._pending.started:
                self._no_table()
            self._pending = _Header(title=text.strip())
        elif self._pending.started:
            self._pending.continue_value(text)
        elif self._pending.title is not None:
            self._pending.add_line(text, page)

    def _no_table(self) -> None:
        """Plan header lines that no table followed: the plan's table was not found (one
        printed without ruling lines is not read), so its rows are missing. Said, never
        silent."""
        unit = self._pending.values.get("unit") or self._pending.values.get("km_goal") or ""
        self.issues.append(
            ExtractIssue(
                code=WarningCode.PLAN_TABLE_MISSING,
                message=f"plan header {unit!r} has no table under it that kmplan can read "
                "(a table without ruling lines is not read): its rows are missing",
                page=self._pending.page or None,
            )
        )

    def _table_starts(self, width: int) -> None:
        self._in_footnote = False
        # A table whose width differs from the current plan's cannot continue it.
        if self._columns is not None and len(self._columns) != width:
            self._plan = None
            self._columns = None
            self._in_header = False
            self._months = None

    def _row(self, row: GridRow, content: PageContent) -> None:
        page = content.number
        if self._in_header and self._columns is not None:
            labels = year_labels(row)
            if labels is not None:
                # พ.ศ. 2566 | พ.ศ. 2567 (or ไตรมาส 1..4) between ระยะเวลา and its months.
                self._year_labels.extend(labels)
                return
        mapping = header_mapping(
            row, self._settings.header_cutoff, self._settings.min_header_columns
        )
        run = month_run(row) if mapping is not None or self._in_header else None
        if mapping is not None:
            continued = self._in_header and self._columns is not None
            if continued and self._columns is not None:
                # The second line of a two-row header, which names its merged cells again:
                # it refines the first line (การวัดผล over ตัวชี้วัด | เป้าหมาย).
                mapping = merge_header_rows(self._columns, mapping)
            else:
                self._months = None
                self._year_labels = []
            if run is not None:
                mapping = self._month_columns(mapping, run)
            if continued and self._plan is not None and self._plan.columns is self._columns:
                self._plan.columns = mapping
            self._columns = mapping
            self._in_header = True
            if self._pending.opens_plan(self._plan):
                self._start_plan(page)
            return
        if self._in_header and self._columns is not None:
            if run is not None and len(row.cells) == len(self._columns):
                # The months' own row under ระยะเวลา, naming no other column again.
                refined: list[HeaderMatch] | None = self._month_columns(self._columns, run)
            else:
                refined = sub_header(row, self._columns, self._settings.header_cutoff)
            if refined is not None:
                if self._plan is not None and self._plan.columns is self._columns:
                    self._plan.columns = refined
                self._columns = refined
                return
        filled = [c for c in row.cells if c is not None and c.text.strip()]
        if len(filled) == 1 and split_labels(filled[0].text):
            # The plan header printed inside the table, as a merged row.
            self._pending.add(split_labels(filled[0].text), page)
            self._start_plan(page)
            return
        if self._plan is not None and self._columns is not None:
            parts = split_stacked(row, self._columns)
            numbers = stacked_numbers(row, self._columns)
            if len(parts) == 1 and len(numbers) > 1:
                # Never silently one row: the cells hold several rows' text run together.
                self.issues.append(
                    ExtractIssue(
                        code=WarningCode.ROWS_MERGED,
                        message=f"one table cell holds ลำดับ {', '.join(map(str, numbers))}: "
                        "rows without rules between them could not be told apart and are "
                        "loaded as one row",
                        page=page,
                    )
                )
            for part in parts:
                self._data_row(part, content)

    def _month_columns(self, mapping: list[HeaderMatch], run: MonthRun) -> list[HeaderMatch]:
        """`mapping` with the months of a Gantt-style ระยะเวลา as the period's columns."""
        self._months = run
        return with_months(mapping, run, self._year_labels)

    def _start_plan(self, page: int) -> None:
        if self._columns is None:
            return
        if not self._pending.started and self._pending.title is None:
            self.issues.append(
                ExtractIssue(
                    code=WarningCode.PLAN_HEADER_MISSING,
                    message="a plan table has no ชื่อหน่วยงาน / เป้าหมาย KM lines above it",
                    page=page,
                )
            )
        self._plan = _Plan(
            header=self._pending.freeze(page),
            title=self._pending.title,
            columns=self._columns,
        )
        self._plans.append(self._plan)
        self._pending = _Header()

    def _carried_text(self, row: GridRow, cell: GridCell, column: Column, page: int) -> str | None:
        """The text of a merged cell that a page break cut, for its part on this page.

        Word and LibreOffice print a cell merged down over several rows once, on the page
        where it begins; its part on the next page is an empty tall cell at the top of the
        table. That part belongs to the cell whose text the plan's last row (on an earlier
        page) holds in the same column. None for any other cell.
        """
        key = (page, round(cell.bbox.x0), round(cell.bbox.top))
        if cell.text.strip():
            return None
        if key in self._carried:
            return self._carried[key]
        plan = self._plan
        if plan is None or not plan.rows or plan.rows[-1].page >= page:
            return None  # not the first row of a continuation page
        others = [c.bbox.bottom for c in row.cells if c is not None and c is not cell]
        if cell.spanned or not others or cell.bbox.bottom <= min(others) + 1.0:
            return None  # a cell of one row: empty as printed
        previous = plan.rows[-1].texts.get(column, "")
        if not previous.strip():
            return None
        self._carried[key] = previous
        return previous

    def _data_row(self, row: GridRow, content: PageContent) -> None:
        assert self._plan is not None and self._columns is not None
        page = content.number
        texts: dict[Column, str] = {}
        provenance: dict[Column, Provenance] = {}
        confidence: dict[Column, float] = {}
        extra: dict[str, str] = {}
        spanned: set[Column] = set()
        marks: dict[int, int] = {}
        if self._months is not None:
            read = read_marks(row, self._months, content.shapes)
            marks, extra = read.marks, dict(read.kept)
            if read.printed_period is not None:
                # A period printed as text across the month cells is the period.
                text, box = read.printed_period
                texts[Column.PERIOD] = text
                provenance[Column.PERIOD] = Provenance(page=page, bbox=box, method=content.method)
        for index, (match, cell) in enumerate(zip(self._columns, row.cells, strict=False)):
            if cell is None or match.month is not None:
                continue
            if cell.spanned and match.column is not None:
                spanned.add(match.column)
            if match.column is None:
                # Kept, never dropped: a column no family names is stored as printed.
                if cell.text.strip():
                    extra[match.printed.strip() or f"column {index + 1}"] = cell.text
                continue
            carried = self._carried_text(row, cell, match.column, page)
            if carried is not None:
                spanned.add(match.column)
            texts[match.column] = cell.text if carried is None else carried
            provenance[match.column] = Provenance(page=page, bbox=cell.bbox, method=content.method)
            if cell.confidence is not None:
                confidence[match.column] = cell.confidence
        seq_text = texts.get(Column.SEQ, "").strip()
        if not any(t.strip() for c, t in texts.items() if c not in spanned) and not extra:
            return
        self._in_header = False
        last = self._plan.rows[-1].texts.get(Column.SEQ) if self._plan.rows else None
        if self._in_footnote and not continues_numbering(last, seq_text):
            return
        numbered = any(m.column is Column.SEQ for m in self._columns)
        if not numbered and not _is_footnote(texts, extra):
            # A table without a ลำดับ column: every row is a row of its own.
            self._plan.rows.append(_Row(texts, provenance, page, confidence, extra, marks))
        elif parse_seq(seq_text) is not None or (seq_text and not self._plan.rows):
            self._plan.rows.append(_Row(texts, provenance, page, confidence, extra, marks))
        elif _is_footnote(texts, extra):
            self._in_footnote = True
        elif self._plan.rows:
            # A row the page break split: its second half has no ลำดับ of its own. A cell
            # merged down into it was read with the first half already.
            kept = {c: t for c, t in texts.items() if c not in spanned}
            self._plan.rows[-1].extend(kept, provenance, confidence, extra, marks)
        else:
            self.issues.append(
                ExtractIssue(
                    code=WarningCode.ROW_UNNUMBERED,
                    message=f"a table row with no ลำดับ before any numbered row: {seq_text!r}",
                    page=page,
                )
            )


def _is_footnote(texts: dict[Column, str], extra: dict[str, str]) -> bool:
    """A merged row under the table (หมายเหตุ : Tacit Knowledge หมายถึง ...), not a row's
    continuation: one filled cell that opens with a footnote word."""
    filled = [t for t in [*texts.values(), *extra.values()] if t.strip()]
    return len(filled) == 1 and filled[0].lstrip().startswith(_FOOTNOTE_LEADS)
