"""Every warning code and every failure reason kmplan emits, each defined once.

A warning is stored beside the rows of a document that was loaded (a value left NULL, a
page read turned); a failure reason is the one line that says why a file was not loaded.
Both are StrEnums: a member is its stable string, so the warehouse stores and exports
exactly the strings it always did, and a code that is not registered here fails pydantic
validation (and mypy) where it is emitted.

docs/warning-codes.md is rendered from this module by scripts/gen_warning_codes.py.
"""

from __future__ import annotations

import re
from enum import StrEnum


class WarningCode(StrEnum):
    """A warning code, the field it concerns (stored in warnings.field; None where the
    warning concerns a page, a table or a row as a whole) and what it means."""

    field: str | None
    meaning: str

    def __new__(cls, code: str, field: str | None, meaning: str) -> WarningCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.field = field
        member.meaning = meaning
        return member

    # Extract: pages and tables.
    PAGE_ROTATED = (
        "page-rotated",
        None,
        "the page's text (or scan) ran sideways or upside down and was read turned",
    )
    PLAN_HEADER_MISSING = (
        "plan-header-missing",
        None,
        "a plan table has no ชื่อหน่วยงาน / เป้าหมาย KM lines above it",
    )
    PLAN_TABLE_MISSING = (
        "plan-table-missing",
        None,
        "plan header lines with no table kmplan can read under them (a table printed "
        "without any ruling lines is not read): that plan's rows are missing",
    )
    ROWS_MERGED = (
        "rows-merged",
        None,
        "a ลำดับ cell holds several numbers (rows without rules between them) that could "
        "not be placed, e.g. ลำดับ centred vertically: those rows are loaded as one",
    )
    ROW_UNNUMBERED = (
        "row-unnumbered",
        None,
        "a table row without a ลำดับ comes before the first numbered row, so it continues "
        "no row: it is not loaded",
    )
    # Extract: scanned pages.
    OCR_BLANK_PAGE = ("ocr-blank-page", None, "a scanned page is blank")
    OCR_PAGE_UPSIDE_DOWN = (
        "ocr-page-upside-down",
        None,
        "a scanned page is upside down; it was turned 180 degrees before OCR",
    )
    OCR_NO_TEXT = ("ocr-no-text", None, "OCR found no text on a scanned page")
    OCR_NO_TABLE = (
        "ocr-no-table",
        None,
        "no ruled table on a scanned page; its text is read as lines only",
    )
    # Normalize: the document.
    ORGANIZATION_MISSING = (
        "organization-missing",
        "organization",
        "no memo, announcement, cover page, title block or running header or footer names "
        "an organization kmplan can read, and ingest was given none (--organization): the "
        "rows are loaded with organization NULL (contract v2)",
    )
    FISCAL_YEAR_MISSING = (
        "fiscal-year-missing",
        "fiscal_year",
        "no memo, announcement, cover page, title or running header or footer states a plan "
        "year kmplan can read, and ingest was given none (--fiscal-year): the rows are "
        "loaded with fiscal_year NULL (contract v2); a year is never taken from the periods",
    )
    ANNOUNCED_ON_UNPARSED = (
        "announced-on-unparsed",
        "announced_on",
        "the announcement date is printed but could not be read",
    )
    # Normalize: plans.
    DEPARTMENT_MISSING = (
        "department-missing",
        "department",
        "the plan header names no unit (ชื่อหน่วยงาน): the plan is filed under the "
        "organization (the contract requires a department)",
    )
    COLUMNS_UNMAPPED = (
        "columns-unmapped",
        None,
        "the table has columns no plan family names (or, for a table of the "
        "organization's own columns, no contract field): their cells are kept in "
        "extra_columns under their printed headers, and the table is loaded as the closest "
        "family",
    )
    PLAN_FAMILY_UNCERTAIN = (
        "plan-family-uncertain",
        None,
        "neither title nor row names told the candidate plan families (KM Process and "
        "Change Management) apart; loaded as the first of them",
    )
    # Normalize: rows.
    SEQ_UNPARSED = (
        "seq-unparsed",
        "seq",
        "ลำดับ is not a row number (not a number, or not one from 1 to 9999); the row's "
        "position is used",
    )
    STEP_UNRESOLVED = (
        "step-unresolved",
        "step",
        "the activity of a KM Process row matched no KM step; step is NULL",
    )
    ELEMENT_UNRESOLVED = (
        "element-unresolved",
        "element",
        "the activity of a Change Management row matched no element; element is NULL",
    )
    PERIOD_UNPARSED = (
        "period-unparsed",
        "period",
        "the period has no dates (or a Gantt-style row marks no month, or its months "
        "cannot be placed in years); period_start and period_end are NULL, the printed "
        "text is kept",
    )
    QUARTER_BASIS_UNKNOWN = (
        "quarter-basis-unknown",
        "period",
        "the period is printed as quarters (Q1, ไตรมาส 2, marks in quarter columns) but the "
        "plan does not say whether its year is a fiscal year (ปีงบประมาณ, months from ต.ค.: "
        "Q1 = ต.ค.-ธ.ค.) or a calendar year (ปีปฏิทิน, months from ม.ค.: Q1 = ม.ค.-มี.ค.); "
        "period_start and period_end are NULL, the printed text is kept",
    )
    PERIOD_OUTSIDE_FISCAL_YEAR = (
        "period-outside-fiscal-year",
        "period",
        "the period's dates fall outside the fiscal year; they are kept, but flagged",
    )
    BUDGET_UNPARSED = (
        "budget-unparsed",
        "budget_baht",
        "the งบประมาณ cell is not one amount in baht; budget_baht is NULL",
    )
    # Normalize: results reports (contract v2).
    STATUS_UNPARSED = (
        "status-unparsed",
        "status",
        "a results report's สถานะ cell holds no status word or mark kmplan knows "
        "(extract/vocab/statuses.json): status is NULL, the printed text is kept in note",
    )
    STATUS_AMBIGUOUS = (
        "status-ambiguous",
        "status",
        "a results report's row marks more than one of its status columns (ดำเนินการแล้ว / "
        "อยู่ระหว่างดำเนินการ / ยังไม่ดำเนินการ): status is NULL",
    )
    OCR_LOW_CONFIDENCE = (
        "ocr-low-confidence",
        None,
        "a row read by OCR has a word under the confidence threshold (60 by default); "
        "check the row",
    )


class FailureReason(StrEnum):
    """Why a file was not loaded: a stable code, the one line printed (a str.format
    template of the details) and what it means."""

    template: str
    meaning: str

    def __new__(cls, code: str, template: str, meaning: str) -> FailureReason:
        member = str.__new__(cls, code)
        member._value_ = code
        member.template = template
        member.meaning = meaning
        return member

    def say(self, **details: object) -> str:
        """The line printed for this failure, with its details filled in."""
        return self.template.format(**details)

    NO_SUCH_FILE = ("no-such-file", "no such file", "the path does not exist")
    UNREADABLE_FILE = (
        "unreadable-file",
        "cannot read file ({detail})",
        "the operating system refused to read the file (permissions, a directory, ...)",
    )
    NOT_A_REGULAR_FILE = (
        "not-a-regular-file",
        "not a regular file ({kind})",
        "a FIFO, device or socket: reading it could block forever, so it is never read (a "
        "folder walk skips it and goes on; a path named on the command line fails)",
    )
    FILE_TOO_LARGE = (
        "file-too-large",
        "file is {size}, over the {limit} limit; raise --max-bytes to read it",
        "the file is larger than --max-bytes (default 200MB), checked before it is read",
    )
    NAME_NOT_UTF8 = (
        "unencodable-name",
        "file name is not UTF-8 text; rename the file to read it",
        "the name holds bytes that are not UTF-8 (e.g. a legacy TIS-620 name): it cannot be "
        "recorded or printed as it is, so the file is not read (its bytes show as \\xNN)",
    )
    EMPTY_FILE = ("empty-file", "empty file", "the file has no bytes")
    NOT_A_PDF = (
        "not-a-pdf",
        "not a PDF (no %PDF- header)",
        "e.g. a text or HTML file named .pdf",
    )
    TRUNCATED_PDF = (
        "truncated-pdf",
        "truncated PDF (no %%EOF at the end of the file)",
        "the download stopped part-way",
    )
    ENCRYPTED_PDF = (
        "encrypted-pdf",
        "encrypted PDF (a password is needed to open it)",
        "the PDF needs a password to open",
    )
    DAMAGED_PDF = ("damaged-pdf", "damaged PDF ({detail})", "pdfminer could not parse the file")
    PAGE_TREE_UNREADABLE = (
        "page-tree-unreadable",
        "damaged PDF: page tree unreadable ({detail})",
        "the list of pages cannot be read (e.g. a missing or malformed MediaBox)",
    )
    PAGE_UNPARSABLE = (
        "page-unparsable",
        "page {page} cannot be parsed ({detail})",
        "one page failed; the whole document is refused",
    )
    PAGE_UNRENDERABLE = (
        "page-unrenderable",
        "damaged PDF: page {page} cannot be rendered for OCR ({detail})",
        "a page that needs OCR is too broken for PDFium to draw (pdfminer repaired the "
        "file, PDFium does not)",
    )
    TOO_MANY_PAGES = (
        "too-many-pages",
        "too many pages ({count} > limit {limit})",
        "the file is over the page limit (--max-pages)",
    )
    OCR_UNAVAILABLE = (
        "ocr-unavailable",
        "page {page} needs OCR ({why}) but {detail}",
        "a page has no usable text layer and Tesseract (or its Thai model) is missing",
    )
    NO_PLAN_TABLE = (
        "no-plan-table",
        "no KM action-plan table found",
        "a valid PDF, but it holds no plan table",
    )
    NOT_KM_PLAN = (
        "not-km-plan",
        "not a KM action plan: no KM title and no KM step in its tables{seen}",
        "its tables read as a plan, but nothing says it is a KM plan: no KM title or word "
        "of KM (แผนการจัดการความรู้, KM Plan, การจัดการความรู้) outside its tables or in a "
        "table's title or header, no header only the KM templates print, no เป้าหมาย KM, no "
        "rows naming KM steps or Change Management elements (e.g. a quality-improvement or "
        "procurement plan); the title it prints, if any, is quoted",
    )
    REJECTED_BY_WAREHOUSE = (
        "rejected-by-warehouse",
        "rejected by the warehouse: {detail}",
        "a value breaks a warehouse CHECK; normalization should have caught it first, so "
        "please report it",
    )
    TIMEOUT = (
        "timeout",
        "timed out after {seconds:g} s",
        "reading the file took longer than the time limit (--timeout)",
    )
    OUT_OF_MEMORY = (
        "out-of-memory",
        "out of memory{limit}",
        "the worker reading the file ran out of memory (its limit, when one is set, is printed)",
    )
    WORKER_DIED = (
        "worker-died",
        "worker process died (exit code {exit_code}) while reading this file",
        "the worker process was killed (e.g. by the system) while it read the file",
    )
    INTERNAL_ERROR = (
        "internal-error",
        "internal error {error}{detail} (a kmplan bug; please report it)",
        "an unexpected exception: a kmplan bug",
    )


def codes_markdown() -> str:
    """docs/warning-codes.md: both registries as Markdown tables, in declaration order."""
    lines = [
        "# Warning codes and failure reasons",
        "",
        "Generated from `extract/vocab/codes.py` by `scripts/gen_warning_codes.py`; do not",
        "edit by hand (a test fails when this file and the registry differ).",
        "",
        "## Warning codes",
        "",
        "Stored in the `warnings` table beside the rows of a loaded document. `field` is the",
        "value the warning concerns (stored in `warnings.field`); none where it concerns a",
        "page, a table or a row as a whole.",
        "",
        "| code | field | meaning |",
        "|---|---|---|",
    ]
    for code in WarningCode:
        field = f"`{code.field}`" if code.field else ""
        lines.append(f"| `{code.value}` | {field} | {_cell(code.meaning)} |")
    lines += [
        "",
        "## Failure reasons",
        "",
        "Why a file was not loaded: the one line printed after the file's name (and stored",
        "in `ingest_run_files.error`). Words in braces are the details of the case.",
        "",
        "| reason printed | code | meaning |",
        "|---|---|---|",
    ]
    for reason in FailureReason:
        shown = _FORMAT_SPEC.sub(r"{\1}", reason.template)  # {seconds:g} reads as {seconds}
        lines.append(f"| `{shown}` | `{reason.value}` | {_cell(reason.meaning)} |")
    return "\n".join(lines) + "\n"


_FORMAT_SPEC = re.compile(r"\{(\w+):[^}]*\}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
