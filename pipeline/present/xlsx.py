"""The xlsx export (openpyxl, streamed): one sheet per fiscal year and a comparison sheet.

The rows and the comparison are the warehouse's (warehouse/export.py); this module lays
them out for people who open the file in Excel.

Headers are Thai (the field name follows in brackets, so a sheet can be matched to the
export contract), the header row is frozen and filterable, and columns have widths that
suit their content. Text is always stored as text: a cell beginning with "=" is not a
formula. Text Excel cannot hold is changed and counted (pipeline/present/xlsx_cells.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.present.xlsx_cells import CellFixes, excel_text
from warehouse.audit import FINDING_COLUMNS, AuditFilter, findings, prepare
from warehouse.compare import COMPARE_COLUMNS
from warehouse.export import (
    ROW_FIELDS,
    ExportFilter,
    comparison_rows,
    iter_rows,
    written_atomically,
)
from warehouse.query import QueryResult

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

COMPARE_SHEET = "เปรียบเทียบ"
FINDINGS_SHEET = "ผลการตรวจแผน"  # kmplan audit's findings
YEAR_SHEET = "ปีงบประมาณ {year}"
# Rows of documents that print no year (contract v2 allows it) go on a sheet of their own.
NO_YEAR_SHEET = "ไม่ระบุปี"

THAI_LABELS: dict[str, str] = {
    "document_id": "รหัสเอกสาร (sha256)",
    "source_file": "ไฟล์",
    "organization": "หน่วยงาน",
    "fiscal_year": "ปีงบประมาณ",
    "announced_on": "วันที่ประกาศ",
    "reference_no": "เลขที่หนังสือ",
    "signed_by": "ผู้ลงนาม",
    "department": "ชื่อหน่วยงานย่อย",
    "km_goal": "เป้าหมาย KM",
    "deliverable": "หน่วยที่วัดผลได้เป็นรูปธรรม",
    "seq": "ลำดับ",
    "step": "ขั้นตอน KM",
    "activity": "กิจกรรม",
    "method": "วิธีการสู่ความสำเร็จ",
    "period_text": "ระยะเวลา",
    "period_start": "วันเริ่ม",
    "period_end": "วันสิ้นสุด",
    "indicator": "ตัวชี้วัด",
    "target": "เป้าหมาย",
    "target_percent": "ร้อยละเป้าหมาย",
    "responsible": "ผู้รับผิดชอบ",
    "note": "หมายเหตุ",
    "page": "หน้า",
    "plan_type": "ประเภทแผน",
    "year_basis": "ฐานปี",
    "element": "องค์ประกอบ",
    "target_group": "กลุ่มเป้าหมาย",
    "budget_baht": "งบประมาณ (บาท)",
    "tacit_knowledge": "Tacit Knowledge",
    "explicit_knowledge": "Explicit Knowledge",
    "target_comparator": "เงื่อนไขเป้าหมาย",
    "target_count": "จำนวนเป้าหมาย",
    "target_unit": "หน่วยนับเป้าหมาย",
    "ocr_confidence": "ความมั่นใจของ OCR",
    "extra_columns": "คอลัมน์อื่น (JSON)",
    "organization_key": "รหัสหน่วยงาน",
    "department_key": "รหัสหน่วยงานย่อย",
    "year_from": "จากปี",
    "year_to": "ถึงปี",
    "status": "สถานะ",
    "department_from": "ชื่อหน่วยงานย่อย (ปีก่อน)",
    "department_to": "ชื่อหน่วยงานย่อย (ปีหลัง)",
    "goal_from": "เป้าหมาย KM (ปีก่อน)",
    "goal_to": "เป้าหมาย KM (ปีหลัง)",
    "goal_similarity": "ความคล้ายของเป้าหมาย",
    "plan_no": "แผนที่",
    "row_no": "แถวที่",
    "rule": "กฎ",
    "severity": "ระดับ",
    "outcome": "ผล",
    "message": "ข้อความ",
    "message_en": "ข้อความ (อังกฤษ)",
}
for _step in range(1, 8):
    THAI_LABELS[f"step{_step}_start_shift"] = f"ขั้นที่ {_step} เลื่อนวันเริ่ม (วัน)"
    THAI_LABELS[f"step{_step}_end_shift"] = f"ขั้นที่ {_step} เลื่อนวันสิ้นสุด (วัน)"

WIDE = {"km_goal", "deliverable", "activity", "method", "indicator", "target", "goal_from",
        "goal_to", "tacit_knowledge", "explicit_knowledge", "message", "message_en"}  # fmt: skip
MEDIUM = {"organization", "department", "responsible", "period_text", "signed_by", "note",
          "organization_key", "department_key", "department_from", "department_to",
          "source_file", "target_group"}  # fmt: skip
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def header_label(field: str) -> str:
    """ "เป้าหมาย KM [km_goal]": Thai for people, the field name for programs."""
    return f"{THAI_LABELS.get(field, field)} [{field}]"


def column_width(field: str) -> float:
    if field in WIDE:
        return 48
    if field in MEDIUM:
        return 28
    if field in ("document_id",):
        return 20
    return 13


def write_xlsx(
    conn: duckdb.DuckDBPyConnection,
    path: Path,
    filters: ExportFilter | None = None,
    fixes: CellFixes | None = None,
) -> int:
    """The rows the filters keep, one sheet per fiscal year, then the comparison of the
    same organization (or all) and years; returns the number of activity rows. The file
    is written under a temporary name and renamed when complete. The cells whose text
    had to change are counted in `fixes`."""
    filters = filters or ExportFilter()
    fixes = fixes if fixes is not None else CellFixes()
    book = Workbook(write_only=True)
    count, sheet, year = 0, None, None
    year_index = ROW_FIELDS.index("fiscal_year")
    for row in iter_rows(conn, filters):
        if sheet is None or row[year_index] != year:
            year = row[year_index]
            name = NO_YEAR_SHEET if year is None else YEAR_SHEET.format(year=year)
            sheet = _new_sheet(book, name, ROW_FIELDS)
        sheet.append(_cells(sheet, row, fixes))
        count += 1
    _comparison_sheet(conn, book, filters, fixes)
    findings_sheet(conn, book, AuditFilter(filters.organization, filters.years), fixes)
    with written_atomically(path) as partial:
        book.save(str(partial))
    return count


def findings_sheet(
    conn: duckdb.DuckDBPyConnection,
    book: Workbook,
    filters: AuditFilter,
    fixes: CellFixes | None = None,
) -> int:
    """The plan audit's findings (kmplan audit) as a sheet; returns how many."""
    fixes = fixes if fixes is not None else CellFixes()
    prepare(conn)
    sheet = _new_sheet(book, FINDINGS_SHEET, FINDING_COLUMNS)
    cursor, count = findings(conn, filters), 0
    while batch := cursor.fetchmany(1000):
        for row in batch:
            sheet.append(_cells(sheet, row, fixes))
        count += len(batch)
    return count


def write_result_xlsx(
    path: Path, title: str, result: QueryResult, fixes: CellFixes | None = None
) -> None:
    """One sheet of `result` (kmplan audit --format xlsx); changed cells counted in `fixes`."""
    fixes = fixes if fixes is not None else CellFixes()
    book = Workbook(write_only=True)
    sheet = _new_sheet(book, title, result.columns)
    for row in result.rows:
        sheet.append(_cells(sheet, row, fixes))
    with written_atomically(path) as partial:
        book.save(str(partial))


def _comparison_sheet(
    conn: duckdb.DuckDBPyConnection, book: Workbook, filters: ExportFilter, fixes: CellFixes
) -> None:
    sheet = _new_sheet(book, COMPARE_SHEET, COMPARE_COLUMNS)
    result = comparison_rows(conn, filters)
    for row in result.rows:
        record = dict(zip(result.columns, row, strict=True))
        sheet.append(_cells(sheet, [record[column] for column in COMPARE_COLUMNS], fixes))


def _new_sheet(book: Workbook, title: str, fields: Sequence[str]) -> WriteOnlyWorksheet:
    sheet = book.create_sheet(title=title)
    sheet.freeze_panes = "A2"
    for index, field in enumerate(fields, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(field)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(fields))}1"
    header = []
    for field in fields:
        cell = WriteOnlyCell(sheet, value=header_label(field))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    return sheet


def _cells(
    sheet: WriteOnlyWorksheet, values: Iterable[object], fixes: CellFixes | None = None
) -> list[WriteOnlyCell]:
    fixes = fixes if fixes is not None else CellFixes()
    cells = []
    for value in values:
        shown = _value(value)
        if isinstance(shown, str):
            shown = excel_text(shown, fixes)
        cell = WriteOnlyCell(sheet, value=shown)
        if isinstance(shown, str):
            cell.data_type = "s"  # text, never a formula
        elif isinstance(value, date):
            cell.number_format = "yyyy-mm-dd"
        cells.append(cell)
    return cells


def _value(value: object) -> object:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value
