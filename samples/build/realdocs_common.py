"""What the real-document samples share: the fictional faculty's FY2564 plan as data, and
the python-docx + LibreOffice + pikepdf steps that print it.

The faculty and its university are fictional (เวียงหมอก is an invented place name). The
plan's rows are written here once; the truth files are written by hand from them
(realdocs_truth.py), never from kmplan's output.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .render import pin as pin_pdf

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent
FONT = "Laksaman"
# The marks of the status columns are set in this font, the only text in it: the PDF's
# font of that name is then renamed Wingdings and its ToUnicode rewritten (wingdings.py).
MARK_FONT = "DejaVu Sans"
PDF_DATE = "D:20210930090000+07'00'"
XMP_DATE = "2021-09-30T09:00:00+07:00"

FACULTY = "คณะเทคโนโลยีการเกษตร"
UNIVERSITY = "มหาวิทยาลัยราชภัฏเวียงหมอก"
ORGANIZATION = f"{FACULTY} {UNIVERSITY}"
DEPARTMENT = "งานบริการการศึกษา"
GOAL = "การพัฒนาระบบให้คำปรึกษานักศึกษาฝึกงานในสถานประกอบการ"
DELIVERABLE = "คู่มือการให้คำปรึกษานักศึกษาฝึกงาน"
YEAR_LINE = "ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"
PLAN_TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
HEADER_LINES = (
    f"ชื่อหน่วยงาน : {DEPARTMENT}",
    f"เป้าหมาย KM (Desired State) : {GOAL}",
    f"หน่วยที่วัดผลได้เป็นรูปธรรม : {DELIVERABLE}",
)
PLAN_HEADER = (
    "ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย",
    "ผู้รับผิดชอบ", "หมายเหตุ",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    seq: int
    activity: str
    method: str
    period: str
    indicator: str
    target: str
    responsible: str


ROWS = (
    Row(1, "การบ่งชี้ความรู้", "ประชุมอาจารย์นิเทศเพื่อกำหนดความรู้ที่จำเป็นต่อการให้คำปรึกษา",
        "ต.ค. - พ.ย. 2563", "จำนวนครั้งของการประชุม", "1 ครั้ง", DEPARTMENT),
    Row(2, "การสร้างและแสวงหาความรู้",
        "สัมภาษณ์อาจารย์นิเทศที่มีประสบการณ์และรวบรวมปัญหาจากสถานประกอบการ",
        "ธ.ค. 2563 - ม.ค. 2564", "จำนวนองค์ความรู้ที่รวบรวมได้", "ไม่น้อยกว่า 5 เรื่อง",
        "อาจารย์นิเทศ"),
    Row(3, "การจัดความรู้ให้เป็นระบบ", "จัดหมวดหมู่ความรู้ตามขั้นตอนการฝึกงาน", "ก.พ. 2564",
        "ร้อยละของความรู้ที่จัดหมวดหมู่", "ร้อยละ 100", DEPARTMENT),
    Row(4, "การประมวลและกลั่นกรองความรู้", "คณะกรรมการ KM ตรวจสอบและปรับปรุงเนื้อหา",
        "มี.ค. 2564", "ร่างคู่มือผ่านการกลั่นกรอง", "1 ฉบับ", "คณะกรรมการ KM"),
    Row(5, "การเข้าถึงความรู้", "เผยแพร่คู่มือบนเว็บไซต์ของคณะ", "เม.ย. - พ.ค. 2564",
        "จำนวนช่องทางการเผยแพร่", "2 ช่องทาง", "งานประชาสัมพันธ์"),
    Row(6, "การแบ่งปันแลกเปลี่ยนความรู้", "จัดเวทีแลกเปลี่ยนเรียนรู้ระหว่างอาจารย์นิเทศ",
        "มิ.ย. - ก.ค. 2564", "ร้อยละของอาจารย์ที่เข้าร่วม", "ร้อยละ 80", DEPARTMENT),
    Row(7, "การเรียนรู้", "นำคู่มือไปใช้ในการนิเทศนักศึกษาและประเมินผล", "ส.ค. - ก.ย. 2564",
        "ร้อยละความพึงพอใจของผู้ใช้คู่มือ", "ไม่น้อยกว่าร้อยละ 85", "อาจารย์นิเทศ"),
)  # fmt: skip


def new_document(landscape: bool) -> DocxDocument:
    """A document in Laksaman 14 pt (Thai size set too), A4, 15 mm margins."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)
    fonts = style.element.rPr.rFonts
    for attr in ("w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    _thai_size(style.element.rPr, 14)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(15))
    return document


def _thai_size(r_pr: Any, points: float) -> None:
    size = OxmlElement("w:szCs")
    size.set(qn("w:val"), str(int(points * 2)))
    r_pr.append(size)


def put(cell: Any, text: str, size: float = 12, centre: bool = False, font: str = "") -> None:
    """`text` in a table cell, lines as separate paragraphs; `font`: a font of its own."""
    for index, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.font.size = Pt(size)
        r_pr = run._r.get_or_add_rPr()
        _thai_size(r_pr, size)
        if font:
            run.font.name = font
            r_pr.rFonts.set(qn("w:cs"), font)
            r_pr.rFonts.set(qn("w:eastAsia"), font)


def table(document: DocxDocument, rows: int, widths: list[float], header_rows: int = 1) -> Any:
    """A ruled table (Table Grid) of fixed column widths in mm; header rows repeat."""
    grid = document.add_table(rows=rows, cols=len(widths))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = Mm(width)
    for row in grid.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    for index in range(header_rows):
        grid.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in grid.rows[header_rows:]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    return grid


def running_header(document: DocxDocument, text: str) -> None:
    """`text` at the top of every page (the section's header)."""
    paragraph = document.sections[0].header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.font.size = Pt(12)
    _thai_size(run._r.get_or_add_rPr(), 12)


def render(document: DocxDocument, name: str, workdir: Path) -> Path:
    """The document printed by LibreOffice (tagged PDF, as Word exports)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    docx_path = workdir / f"{name}.docx"
    document.save(str(docx_path))
    command = [
        soffice,
        f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
        "--headless",
        "--convert-to",
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
        "--outdir",
        str(workdir),
        str(docx_path),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return docx_path.with_suffix(".pdf")


def pin(pdf: pikepdf.Pdf, target: Path) -> None:
    """Fixed dates (this plan's own) and a content-derived ID: the same input gives the
    same bytes."""
    pin_pdf(pdf, target, PDF_DATE, XMP_DATE)
