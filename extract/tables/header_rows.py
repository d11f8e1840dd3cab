"""The column header of the table being read, refined row by row until its first data
row: a header row, a second header row naming merged cells again, sub-header rows, the
year labels and the months of a Gantt-style ระยะเวลา."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extract.models import HeaderMatch
from extract.tables.headers import header_mapping, merge_header_rows, sub_header
from extract.tables.month_columns import (
    MonthRun,
    YearLabel,
    header_year_labels,
    month_run,
    with_months,
    year_labels,
)
from extract.tables.own_columns import own_header_mapping
from extract.tables.quarter_columns import quarter_run
from extract.text.page_content import GridRow

# An organization's own header is among a table's first rows (under a title row merged
# across the table, say); a row further down is a body row.
_OWN_HEADER_ROWS = 3


def _period_run(row: GridRow) -> MonthRun | None:
    return month_run(row) or quarter_run(row)


@dataclass(frozen=True, slots=True)
class HeaderRead:
    """What a row of the header was: year labels, a header row or a refining row."""

    kind: Literal["years", "header", "refined"]
    # (the columns this row refined, the refined columns): a plan that uses the former
    # takes the latter.
    refined: tuple[list[HeaderMatch], list[HeaderMatch]] | None = None


@dataclass
class ColumnHeader:
    cutoff: float  # settings.header_cutoff
    min_columns: int  # settings.min_header_columns
    columns: list[HeaderMatch] | None = None
    # True from a header row until the first data row: a second header row may follow.
    reading: bool = False
    # A Gantt-style ระยะเวลา: the month columns of the current header, and the year
    # labels printed above them (read before the months' own row).
    months: MonthRun | None = None
    year_labels: list[YearLabel] = field(default_factory=list)
    # The document calls itself a KM plan (a title, heading or header cell said so): only
    # then may a header of the organization's own columns open a plan (own_columns.py).
    km_document: bool = False
    # The current header was read through the own-column words, not a family's template.
    own: bool = False

    def table_starts(self, width: int) -> bool:
        """Forget the header when a table of another width starts (it cannot continue the
        current one); True when it was forgotten."""
        if self.columns is None or len(self.columns) == width:
            return False
        self.columns = None
        self.reading = False
        self.months = None
        return True

    def read(self, row: GridRow, position: int = 0) -> HeaderRead | None:
        """Take `row` (the `position`-th row of its table, from 0) into the header when it
        belongs there; None for a body row."""
        if self.reading and self.columns is not None:
            labels = year_labels(row)
            if labels is not None:
                return self._label_row(row, labels, self.columns)
        mapping = header_mapping(row, self.cutoff, self.min_columns)
        own = mapping is None and self.km_document and position < _OWN_HEADER_ROWS
        if own:
            mapping = own_header_mapping(row)
        run = _period_run(row) if mapping is not None or self.reading else None
        if mapping is not None:
            return self._header_row(mapping, run, row, own=own)
        if self.reading and self.columns is not None:
            return self._refining_row(row, run, self.columns)
        return None

    def _label_row(
        self, row: GridRow, labels: list[YearLabel], columns: list[HeaderMatch]
    ) -> HeaderRead:
        """A row of years or quarters under the header: พ.ศ. 2566 | พ.ศ. 2567 (or ไตรมาส
        1..4, each over three months) between ระยะเวลา and its months; or Q1 | Q2 | Q3 |
        Q4 side by side under ไตรมาส, which are the period's columns themselves."""
        quarters = None if labels or self.months is not None else quarter_run(row)
        if quarters is not None and len(row.cells) == len(columns):
            refined = self._with_months(columns, quarters)
            self.columns = refined
            return HeaderRead("refined", (columns, refined))
        self.year_labels.extend(labels)
        return HeaderRead("years")

    def _header_row(
        self, mapping: list[HeaderMatch], run: MonthRun | None, row: GridRow, *, own: bool
    ) -> HeaderRead:
        replaced = self.columns if self.reading else None
        if replaced is not None:
            # The second line of a two-row header, which names its merged cells again:
            # it refines the first line (การวัดผล over ตัวชี้วัด | เป้าหมาย).
            mapping = merge_header_rows(replaced, mapping)
            self.own = self.own or own
        else:
            self.months = None
            # ปี 2569 printed in the header row over the months of the row under it.
            self.year_labels = header_year_labels(row)
            self.own = own
        if run is not None:
            mapping = self._with_months(mapping, run)
        self.columns = mapping
        self.reading = True
        return HeaderRead("header", None if replaced is None else (replaced, mapping))

    def _refining_row(
        self, row: GridRow, run: MonthRun | None, columns: list[HeaderMatch]
    ) -> HeaderRead | None:
        if run is not None and len(row.cells) == len(columns):
            # The months' own row under ระยะเวลา, naming no other column again.
            refined: list[HeaderMatch] | None = self._with_months(columns, run)
        else:
            refined = sub_header(row, columns, self.cutoff)
        if refined is None:
            return None
        self.columns = refined
        return HeaderRead("refined", (columns, refined))

    def _with_months(self, mapping: list[HeaderMatch], run: MonthRun) -> list[HeaderMatch]:
        """`mapping` with the months of a Gantt-style ระยะเวลา as the period's columns."""
        self.months = run
        return with_months(mapping, run, self.year_labels)
