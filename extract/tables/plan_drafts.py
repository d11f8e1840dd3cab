"""The plans and rows being assembled, until `freeze` makes them RawPlan and RawRow."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.models import (
    Column,
    HeaderMatch,
    Provenance,
    RawCell,
    RawPlan,
    RawPlanHeader,
    RawRow,
)
from extract.tables.headers import family_candidates
from extract.text.glyphs import join_lines


@dataclass
class RowDraft:
    texts: dict[Column, str]
    provenance: dict[Column, Provenance]
    page: int
    confidence: dict[Column, float] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    marks: dict[int, int] = field(default_factory=dict)  # grid column -> month marked there
    quarter_marks: dict[int, int] = field(default_factory=dict)  # grid column -> quarter

    def extend(
        self,
        more: dict[Column, str],
        provenance: dict[Column, Provenance],
        confidence: dict[Column, float],
        extra: dict[str, str],
        marks: dict[int, int],
        quarter_marks: dict[int, int] | None = None,
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
        self.quarter_marks.update(quarter_marks or {})

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
        quarters = tuple(self.quarter_marks[index] for index in sorted(self.quarter_marks))
        return RawRow(
            cells=cells,
            page=self.page,
            min_confidence=lowest,
            extra=extra,
            marked_months=marked,
            marked_quarters=quarters,
        )


@dataclass
class PlanDraft:
    header: RawPlanHeader
    title: str | None
    columns: list[HeaderMatch]
    rows: list[RowDraft] = field(default_factory=list)
    own_columns: bool = False

    def freeze(self) -> RawPlan:
        return RawPlan(
            header=self.header,
            title=self.title,
            columns=self.columns,
            rows=[r.freeze() for r in self.rows],
            families=family_candidates(self.columns),
            own_columns=self.own_columns,
        )
