"""The plan header read above a table: its title, its labelled values (ชื่อหน่วยงาน,
เป้าหมาย KM ...) and the unlabelled lines between the title and the table."""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.models import ExtractIssue, RawPlanHeader
from extract.tables.labels import LabelledValue
from extract.tables.plan_drafts import PlanDraft
from extract.text.glyphs import join_lines
from extract.vocab.codes import WarningCode

# Lines kept between a plan title and its table (organization line, approval note ...).
_MAX_TITLE_LINES = 6


@dataclass
class PendingHeader:
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

    @property
    def takes_lines(self) -> bool:
        """Whether a plain text line (no label, no title) would change this header: it
        continues a labelled value, or joins the lines under the title."""
        return self.started or (self.title is not None and len(self.lines) < _MAX_TITLE_LINES)

    def opens_plan(self, current: PlanDraft | None) -> bool:
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


def table_missing(header: PendingHeader) -> ExtractIssue:
    """Plan header lines that no table followed: the plan's table was not found (one
    printed without ruling lines is not read), so its rows are missing. Said, never
    silent."""
    unit = header.values.get("unit") or header.values.get("km_goal") or ""
    return ExtractIssue(
        code=WarningCode.PLAN_TABLE_MISSING,
        message=f"plan header {unit!r} has no table under it that kmplan can read "
        "(a table without ruling lines is not read): its rows are missing",
        page=header.page or None,
    )


def header_missing(page: int) -> ExtractIssue:
    return ExtractIssue(
        code=WarningCode.PLAN_HEADER_MISSING,
        message="a plan table has no ชื่อหน่วยงาน / เป้าหมาย KM lines above it",
        page=page,
    )
