"""Typed results of the extract stage: raw text with page provenance, nothing parsed yet.

pdfplumber's dicts never leave the extract package; these models are what it hands on.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extract.vocab.codes import WarningCode
from extract.vocab.kinds import PlanType


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Column(StrEnum):
    """Canonical columns of the plan tables of every family (extract/vocab/families/)."""

    SEQ = "seq"
    ACTIVITY = "activity"
    METHOD = "method"
    PERIOD = "period"
    INDICATOR = "indicator"
    TARGET = "target"
    RESPONSIBLE = "responsible"
    NOTE = "note"
    # project_list tables
    TARGET_GROUP = "target_group"
    BUDGET = "budget"
    PERIOD_BUDGET = "period_budget"  # one cell holding ระยะเวลา/งบประมาณ
    TACIT = "tacit"
    EXPLICIT = "explicit"
    # results reports (Family.results_columns)
    RESULT = "result"
    STATUS = "status"
    STATUS_DONE = "status_done"
    STATUS_IN_PROGRESS = "status_in_progress"
    STATUS_NOT_STARTED = "status_not_started"


class BBox(_Frozen):
    x0: float
    top: float
    x1: float
    bottom: float


class Provenance(_Frozen):
    page: int  # 1-based
    bbox: BBox | None = None
    method: Literal["text", "ocr"] = "text"


class RawCell(_Frozen):
    """Text of one table cell as read from the page, lines joined, not yet normalized."""

    text: str
    provenance: Provenance
    confidence: float | None = None  # OCR: the lowest word confidence (0-100) in the cell


class RawRow(_Frozen):
    """One numbered row of a plan table; cells keyed by canonical column."""

    cells: dict[Column, RawCell]
    page: int  # page on which the row begins
    # Cells under headers no canonical column matches: printed header -> cell text.
    extra: dict[str, str] = {}
    # OCR rows: the lowest word confidence (0-100) of the row's cells; None for text rows.
    min_confidence: float | None = None
    # A plan whose ระยะเวลา is printed as month columns (HeaderMatch.month): the months
    # (1-12) this row marks, in the order of their columns. Empty when none is marked.
    marked_months: tuple[int, ...] = ()
    # A plan whose period is printed as quarter columns (HeaderMatch.quarter): the quarters
    # (1-4) this row marks, in the order of their columns.
    marked_quarters: tuple[int, ...] = ()

    def text(self, column: Column) -> str | None:
        cell = self.cells.get(column)
        return None if cell is None else cell.text


class RawPlanHeader(_Frozen):
    """The lines above a plan table: ชื่อหน่วยงาน, เป้าหมาย KM, หน่วยที่วัดผลได้เป็นรูปธรรม."""

    unit: str | None  # text after ชื่อหน่วยงาน :
    km_goal: str | None
    deliverable: str | None
    page: int
    # Unlabelled lines between the title and the table (a project list's organization
    # line and approval note), as printed.
    lines: list[str] = []


class HeaderMatch(_Frozen):
    """How a printed header cell was mapped to a canonical column."""

    printed: str
    column: Column | None
    score: float
    # A month sub-column of a Gantt-style ระยะเวลา (column is PERIOD): the month (1-12)
    # its header names, and the text of the header row above it that states its year
    # (พ.ศ. 2566, ปีงบประมาณ 2567), as printed. The rows mark the months they run in.
    month: int | None = None
    year_printed: str | None = None
    # A quarter column (Q1 | Q2 | Q3 | Q4 with marks under them; column is PERIOD): the
    # quarter (1-4) its header names. Which months it stands for is the plan's year basis.
    quarter: int | None = None

    @property
    def in_grid(self) -> bool:
        """A month or quarter column of a period printed as columns the rows mark."""
        return self.month is not None or self.quarter is not None


class RawPlan(_Frozen):
    header: RawPlanHeader
    title: str | None
    columns: list[HeaderMatch]
    rows: list[RawRow]
    # Plan families whose columns fit the header best (extract/vocab/families), best first;
    # several when only the title or the row names can tell them apart.
    families: list[PlanType] = []
    # The header was read through the organization's own column names
    # (extract/vocab/own_columns.json), in a document that calls itself a KM plan: no
    # family's template fits it (extract/tables/own_columns.py).
    own_columns: bool = False


class RawMetadata(_Frozen):
    """Memo and announcement lines, as printed (Thai digits kept), and the other places a
    document names its organization and year (extract/sources.py)."""

    organization: str | None
    fiscal_year: str | None
    announced_on: str | None
    reference_no: str | None
    signed_by: str | None
    # The line `fiscal_year` was read from, as printed: whether it says ปีงบประมาณ, ปีปฏิทิน
    # or neither tells the plan's year basis (normalize/year_basis.py).
    fiscal_year_line: str | None = None
    # Where `organization` was read: "memo" (the announcement's heading) or "title" (a
    # plan's ชื่อหน่วยงาน line printing the organization before its unit).
    organization_source: str | None = None
    # The page whose line gave `fiscal_year`, and the pages that print a memo or an
    # announcement (a reference number, its date, its heading).
    fiscal_year_page: int | None = None
    memo_pages: list[int] = []
    # The pages holding plan tables (their title blocks are "title", others "cover").
    plan_pages: list[int] = []
    # A line naming a unit (คณะ..., เทศบาล...) on a page with no memo, and its page; a year
    # line on a page with no plan table (a cover, its framed box included).
    cover_organization: str | None = None
    cover_organization_page: int | None = None
    cover_year: str | None = None
    cover_year_page: int | None = None
    # Lines repeated on most pages: a running header or footer.
    running_lines: list[str] = []
    # The title line that makes the document a results report, as printed (None: a plan).
    report_title: str | None = None


class ExtractIssue(_Frozen):
    """Something extraction noticed but could carry on past (stable code + provenance)."""

    code: WarningCode
    message: str
    page: int | None = None


class RawDocument(_Frozen):
    source_file: str
    sha256: str
    page_count: int
    metadata: RawMetadata
    plans: list[RawPlan]
    issues: list[ExtractIssue]
    # Pages read by OCR, and the confidence under which an OCR row is flagged.
    ocr_pages: list[int] = []
    ocr_min_confidence: float | None = None
