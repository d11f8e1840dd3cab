"""Typed results of the normalize stage: what the warehouse loads."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from extract.vocab.codes import WarningCode
from extract.vocab.kinds import DocumentKind, PlanType
from normalize.repairs import CellRepair

# Where a document field was read (kmplan inspect shows it): the memo or announcement, a
# cover page, the title block above a plan table, a running header or footer, or the
# user's --organization / --fiscal-year.
Source = Literal["memo", "cover", "title", "header", "option"]

# What a results report marks an activity as (contract v2's status field).
ActivityStatus = Literal["done", "in_progress", "not_started"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Warning(_Frozen):  # noqa: A001 - the warehouse table is called warnings too
    """A value that could not be parsed or looks wrong; stored beside the rows."""

    code: WarningCode  # stored as its stable string, e.g. "period-unparsed"
    message: str
    page: int | None = None
    plan_no: int | None = None
    seq: int | None = None
    field: str | None = None

    @classmethod
    def of(
        cls,
        code: WarningCode,
        message: str,
        *,
        page: int | None = None,
        plan_no: int | None = None,
        seq: int | None = None,
    ) -> Warning:
        """A warning about the field its code concerns (the registry says which)."""
        return cls(
            code=code, message=message, page=page, plan_no=plan_no, seq=seq, field=code.field
        )


class DocumentMeta(_Frozen):
    document_id: str  # sha256 hex of the file's bytes
    source_file: str
    page_count: int
    organization: str | None
    fiscal_year: int | None  # the printed plan year (BE); an academic year where year_basis says
    year_basis: Literal["fiscal", "academic"] = "fiscal"
    # An action plan, or a report on a plan's progress (contract v2).
    document_kind: DocumentKind = DocumentKind.PLAN
    announced_on: date | None
    reference_no: str | None
    signed_by: str | None
    # Characters changed by glyph repair per extracted character (see normalize.repairs).
    repair_share: float = 0.0
    # Pages whose text layer lost characters that only a dictionary could restore.
    damaged_pages: list[int] = []


class Plan(_Frozen):
    plan_no: int  # 1-based order in the document
    department: str | None  # None: neither the plan nor the document names a unit
    km_goal: str
    deliverable: str | None
    page: int
    plan_type: PlanType = PlanType.KM_PROCESS
    # What decided plan_type: "columns", "title", "row names" or "default" (a guess).
    family_basis: str = "default"
    title: str | None = None
    # A project list's approval line (ผ่านมติที่ประชุม... เมื่อวันที่ ...), as printed.
    approval_note: str | None = None


class Activity(_Frozen):
    plan_no: int
    row_no: int  # 1-based order within the plan (seq may repeat or be missing)
    seq: int
    step: int | None
    element: int | None = None  # change_management rows: the element 1-6
    activity: str
    method: str
    period_text: str
    period_start: date | None
    period_end: date | None
    indicator: str
    target: str
    target_percent: float | None
    # Beside target_percent (an extension of the contract): the comparator printed before
    # the target number (gt, gte, lt, lte, eq) and a count with its unit (1 เล่ม, ปีละ 1 ครั้ง).
    target_comparator: str | None = None
    target_count: float | None = None
    target_unit: str | None = None
    responsible: str
    note: str | None
    page: int
    # project_list rows
    target_group: str | None = None
    budget_baht: float | None = None
    tacit_knowledge: str | None = None
    explicit_knowledge: str | None = None
    # Cells under headers no family names: printed header -> text (kept, never dropped).
    extra_columns: dict[str, str] = {}
    # Rows read by OCR: the lowest Tesseract word confidence (0-100) of the row's cells.
    ocr_confidence: float | None = None
    # Results reports (contract v2): what was done, as printed, and the marked status.
    result_text: str | None = None
    status: ActivityStatus | None = None


class NormalizedDocument(_Frozen):
    meta: DocumentMeta
    plans: list[Plan]
    activities: list[Activity]
    warnings: list[Warning]
    repairs: list[CellRepair] = []
    # Document field (organization, fiscal_year, announced_on, ...) -> where it was read.
    sources: dict[str, Source] = {}
