"""Build the samples of real documents' traits (issue 13), and write their truth files.

    .venv/bin/python -m samples.build.build_realdocs     # all; or name some: cover report copy

- cover  -> agri-faculty-km-plan-2564.pdf: no memo; a portrait cover page whose framed box
  (a one-cell table) names the year and the faculty over two lines, above a line naming
  the KM committee (no organization); then a landscape KM Process plan whose header
  names only a department (ชื่อหน่วยงาน : งานบริการการศึกษา).
- report -> agri-faculty-km-report-2564.pdf: the results report on that plan (รอบ ๑๒
  เดือน): the plan's columns plus ผลการดำเนินงาน, one column per status with a ✓ drawn in
  Wingdings (U+F0FC in the text layer, wingdings.py) and ปัญหาอุปสรรค; the organization
  only in the running page header; a summary page of counts, which holds no plan rows.
- copy   -> tak-pao-km-plan-2566-renamed.pdf: the born-digital FY2566 announcement saved
  again under another name with another title in its document information: other bytes,
  the same pages (its truth is the born-digital truth).

Needs LibreOffice, fonts-tlwg-laksaman, fonts-dejavu-core, python-docx and pikepdf. The
builder checks on the rendered PDFs (pdfplumber) that the marks read U+F0FC in a font
named Wingdings, the page of every table, and that the copy differs in bytes only.
Rebuilds are byte-identical.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pdfplumber
import pikepdf
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from . import realdocs_common as rc
from . import realdocs_truth
from .wingdings import as_wingdings

COVER_PDF = rc.SAMPLES / "agri-faculty-km-plan-2564.pdf"
REPORT_PDF = rc.SAMPLES / "agri-faculty-km-report-2564.pdf"
COPY_PDF = rc.SAMPLES / "tak-pao-km-plan-2566-renamed.pdf"
BORN_DIGITAL = rc.SAMPLES / "tak-pao-km-plan-2566.pdf"

COVER_BOX = (
    "แผนการจัดการความรู้",
    "(Knowledge Management Action Plan)",
    rc.YEAR_LINE,
    rc.FACULTY,
    rc.UNIVERSITY,
)
COVER_BELOW = ("จัดทำโดย", "คณะกรรมการการจัดการความรู้")
REPORT_TITLE = "รายงานผลการดำเนินงานตามแผนการจัดการความรู้ (KM Action Plan) รอบ ๑๒ เดือน"
RUNNING = f"รายงานผลการดำเนินงานตามแผนการจัดการความรู้ {rc.ORGANIZATION}"
REPORT_HEADER = (
    "ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย",
    "ผลการดำเนินงาน", "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ",
    "ปัญหาอุปสรรค", "ผู้รับผิดชอบ",
)  # fmt: skip
REPORT_WIDTHS = [9.0, 28, 40, 22, 30, 18, 37, 15, 15, 15, 18, 20]
PLAN_WIDTHS = [10.0, 34, 62, 30, 42, 28, 35, 26]
# Each row's ผลการดำเนินงาน, the status column its ✓ is in (None: none marked), and
# ปัญหาอุปสรรค, as printed.
RESULTS = (
    ("ประชุมแล้ว 1 ครั้ง เมื่อวันที่ 20 ตุลาคม 2563", "done", ""),
    ("รวบรวมองค์ความรู้ได้ 6 เรื่อง", "done", ""),
    ("จัดหมวดหมู่ความรู้ครบทั้ง 6 เรื่อง", "done", ""),
    ("อยู่ระหว่างปรับปรุงร่างคู่มือ", "in_progress", "ผู้ทรงคุณวุฒิไม่ว่างตามกำหนด"),
    ("", "not_started", "รอคู่มือฉบับสมบูรณ์"),
    ("จัดเวทีแล้ว 1 ครั้ง มีอาจารย์เข้าร่วมร้อยละ 60", "in_progress", ""),
    ("", None, ""),
)
STATUS_COLUMNS = ("done", "in_progress", "not_started")
SUMMARY_TITLE = "สรุปผลการดำเนินงาน"
SUMMARY = (
    ("จำนวนกิจกรรมทั้งหมด", "ดำเนินการแล้ว", "อยู่ระหว่างดำเนินการ", "ยังไม่ดำเนินการ",
     "ไม่ระบุสถานะ"),
    ("7", "3", "2", "1", "1"),
)  # fmt: skip


def _paragraph(document: object, text: str, size: float = 14, centre: bool = False) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    rc._thai_size(run._r.get_or_add_rPr(), size)


def _plan_lines(document: object, title: str) -> None:
    _paragraph(document, title, 15)
    for line in rc.HEADER_LINES:
        _paragraph(document, line)


def build_cover(workdir: Path) -> None:
    document = rc.new_document(landscape=False)
    for _ in range(6):
        _paragraph(document, "")
    box = rc.table(document, 1, [150.0], header_rows=0)
    rc.put(box.rows[0].cells[0], "\n".join(COVER_BOX), size=20, centre=True)
    for _ in range(8):
        _paragraph(document, "")
    for line in COVER_BELOW:
        _paragraph(document, line, 16, centre=True)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    _plan_lines(document, rc.PLAN_TITLE)
    grid = rc.table(document, 1 + len(rc.ROWS), PLAN_WIDTHS)
    for cell, text in zip(grid.rows[0].cells, rc.PLAN_HEADER, strict=True):
        rc.put(cell, text, centre=True)
    for row, plan_row in zip(grid.rows[1:], rc.ROWS, strict=True):
        texts = (str(plan_row.seq), plan_row.activity, plan_row.method, plan_row.period,
                 plan_row.indicator, plan_row.target, plan_row.responsible, "")  # fmt: skip
        for cell, text in zip(row.cells, texts, strict=True):
            rc.put(cell, text)
    with pikepdf.open(rc.render(document, "cover", workdir)) as pdf:
        rc.pin(pdf, COVER_PDF)


def build_report(workdir: Path) -> None:
    document = rc.new_document(landscape=True)
    rc.running_header(document, RUNNING)
    _paragraph(document, REPORT_TITLE, 15)
    _paragraph(document, rc.YEAR_LINE, 15)
    for line in rc.HEADER_LINES:
        _paragraph(document, line)
    grid = rc.table(document, 1 + len(rc.ROWS), REPORT_WIDTHS)
    for cell, text in zip(grid.rows[0].cells, REPORT_HEADER, strict=True):
        rc.put(cell, text, size=11, centre=True)
    for row, plan_row, (result, status, problem) in zip(
        grid.rows[1:], rc.ROWS, RESULTS, strict=True
    ):
        texts = (str(plan_row.seq), plan_row.activity, plan_row.method, plan_row.period,
                 plan_row.indicator, plan_row.target, result)  # fmt: skip
        for cell, text in zip(row.cells[:7], texts, strict=True):
            rc.put(cell, text, size=11)
        for offset, column in enumerate(STATUS_COLUMNS):
            if column == status:
                rc.put(row.cells[7 + offset], "✓", size=12, centre=True, font=rc.MARK_FONT)
        rc.put(row.cells[10], problem, size=11)
        rc.put(row.cells[11], plan_row.responsible, size=11)
    document.add_page_break()
    _paragraph(document, SUMMARY_TITLE, 15)
    summary = rc.table(document, len(SUMMARY), [50.0] * len(SUMMARY[0]))
    for row, texts in zip(summary.rows, SUMMARY, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            rc.put(cell, text, centre=True)
    with pikepdf.open(rc.render(document, "report", workdir)) as pdf:
        if as_wingdings(pdf) != 1:
            raise SystemExit("the ✓ glyph was not found in a DejaVu Sans subset")
        rc.pin(pdf, REPORT_PDF)


def build_copy() -> None:
    with pikepdf.open(BORN_DIGITAL) as pdf:
        pdf.docinfo["/Title"] = "แผนการจัดการความรู้ อบจ.ตาก ปีงบประมาณ 2566 (ฉบับเผยแพร่)"
        rc.pin(pdf, COPY_PDF)


def check() -> None:
    """The facts the truth files rely on, read from the rendered PDFs."""
    with pdfplumber.open(COVER_PDF) as pdf:
        pages = pdf.pages
        assert len(pages) == 2, len(pages)
        assert pages[0].width < pages[0].height and pages[1].width > pages[1].height
        # the framed box: four rules around the text, one cell (no table to pdfplumber)
        assert len(pages[0].edges) == 4 and not pages[0].find_tables(), len(pages[0].edges)
        assert rc.FACULTY in (pages[0].extract_text() or "").replace(" ", "")
    with pdfplumber.open(REPORT_PDF) as pdf:
        marks = [c for p in pdf.pages for c in p.chars if c["text"] == "\uf0fc"]
        assert len(marks) == sum(status is not None for _, status, _ in RESULTS), len(marks)
        assert all("Wingdings" in c["fontname"] for c in marks)
        assert not [c for p in pdf.pages for c in p.chars if c["text"] == "✓"]
        assert len(pdf.pages) == realdocs_truth.REPORT_PAGES, len(pdf.pages)
        summary = pdf.pages[-1].extract_text() or ""
        assert "สรุปผล" in summary.replace(" ", ""), "the summary has a page of its own"
    assert COPY_PDF.read_bytes() != BORN_DIGITAL.read_bytes()
    with pikepdf.open(COPY_PDF) as copy, pikepdf.open(BORN_DIGITAL) as base:
        assert len(copy.pages) == len(base.pages)
        for a, b in zip(copy.pages, base.pages, strict=True):
            assert _content(a) == _content(b)


def _content(page: pikepdf.Page) -> bytes:
    streams = page.obj.Contents
    parts = streams if isinstance(streams, pikepdf.Array) else [streams]
    return b"".join(part.read_bytes() for part in parts)


def main(names: list[str]) -> None:
    chosen = set(names or ["cover", "report", "copy"])
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if "cover" in chosen:
            build_cover(workdir)
        if "report" in chosen:
            build_report(workdir)
    if "copy" in chosen:
        build_copy()
    check()
    realdocs_truth.write_all()
    print("built", ", ".join(sorted(chosen)))


if __name__ == "__main__":
    main(sys.argv[1:])
