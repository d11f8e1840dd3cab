"""The column header of the table being read, refined row by row until its first data
row: a header row, a second header row naming merged cells again, sub-header rows, the
year labels and the months of a Gantt-style ระยะเวลา."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from extract.models import HeaderMatch
from extract.tables.headers import header_mapping, merge_header_rows, sub_header
from extract.tables.month_columns import MonthRun, YearLabel, month_run, with_months, year_labels
from extract.text.page_content import GridRow


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

    def table_starts(self, width: int) -> bool:
        """Forget the header when a table of another width starts (it cannot continue the
        current one); True when it was forgotten."""
        if self.columns is None or len(self.columns) == width:
            return False
        self.columns = None
        self.reading = False
        self.months = None
        return True

    def read(self, row: GridRow) -> HeaderRead | None:
        """Take `row` into the header when it belongs there; None for a body row."""
        if self.reading and self.columns is not None:
            labels = year_labels(row)
            if labels is not None:
                # พ.ศ. 2566 | พ.ศ. 2567 (or ไตรมาส 1..4) between ระยะเวลา and its months.
                self.year_labels.extend(labels)
                return HeaderRead("years")
        mapping = header_mapping(row, self.cutoff, self.min_columns)
        run = month_run(row) if mapping is not None or self.reading else None
        if mapping is not None:
            return self._header_row(mapping, run)
        if self.reading and self.columns is not None:
            return self._refining_row(row, run, self.columns)
        return None

    def _header_row(self, mapping: list[HeaderMatch], run: MonthRun | None) -> HeaderRead:
        replaced = self.columns if self.reading else None
        if replaced is not None:
            # The second line of a two-row header, which names its merged cells again:
            # it refines the first line (การวัดผล over ตัวชี้วัด | เป้าหมาย).
            mapping = merge_header_rows(replaced, mapping)
        else:
            self.months = None
            self.year_labels = []
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
