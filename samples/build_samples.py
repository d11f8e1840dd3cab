"""Build samples/tak-pao-km-plan-2566.pdf: a born-digital KM action-plan announcement.

The text comes from the seed (see seed_source.py). python-docx writes a .docx,
LibreOffice (``soffice --headless --convert-to pdf``) renders it, pikepdf pins the
PDF's dates and ID so a rebuild gives the same bytes, and the layout is verified on
the rendered PDF: page count, page orientation, the signature image, and that every
plan-table chunk starts on the page this module promises (``chunk_pages``). If a
chunk overflows its page, the table font and margins are shrunk; if nothing fits the
build fails loudly.

Layout (1-based pages, fixed by design):
  1        memo บันทึกข้อความ (portrait)
  2        announcement ประกาศ with the signature image (portrait)
  3-6      Part 1: cover, คำนำ, sections 1-2, section 12 (portrait)
  7-25     the 9 plans (landscape), one page per table chunk as the seed breaks them

Run: .venv/bin/python samples/build_samples.py
Needs LibreOffice (soffice) and the Laksaman font (fonts-tlwg-laksaman).
"""

from __future__ import annotations

import math
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from PIL import Image, ImageDraw
from seed_source import HeaderLine, Plan, PlanRow, Seed, load, part1_section

HERE = Path(__file__).resolve().parent
PDF_PATH = HERE / "tak-pao-km-plan-2566.pdf"
SIGNATURE_PATH = HERE / "signature.png"

FONT = "Laksaman"
# LibreOffice's single line spacing for Laksaman is almost 1.9 em, much looser than Word's
# for TH Sarabun; 85 % gives the line pitch of a typical Thai office document.
LINE_SPACING = 0.85
BODY_PT = 16
A4_SHORT_CM = 21.0
A4_LONG_CM = 29.7
PDF_DATE = "D:20231011090000+07'00'"
XMP_DATE = "2023-10-11T09:00:00+07:00"

# ---------------------------------------------------------------- page layout

FRONT_PAGES = ("memo", "announcement")
PART1_PAGES = ("cover", "preface", "part1-sections-1-2", "part1-section-12")
PREFACE_PARAGRAPHS = 2  # of 3: the third does not fit the page
PORTRAIT_MARGINS = (1.5, 1.8, 1.2, 2.5)  # top, right, bottom, left (cm)
FIRST_PLAN_PAGE = len(FRONT_PAGES) + len(PART1_PAGES) + 1


def chunk_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(plan number, 0-based chunk index) -> 1-based page: one page per chunk."""
    pages: dict[tuple[int, int], int] = {}
    page = FIRST_PLAN_PAGE
    for plan in plans:
        for index in range(len(plan.chunks)):
            pages[(plan.number, index)] = page
            page += 1
    return pages


def row_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(plan number, seq) -> 1-based page on which that table row begins."""
    chunk_page = chunk_pages(plans)
    return {
        (plan.number, row.seq): chunk_page[(plan.number, index)]
        for plan in plans
        for index, chunk in enumerate(plan.chunks)
        for row in chunk.rows
    }


def expected_page_count(plans: Sequence[Plan]) -> int:
    return FIRST_PLAN_PAGE - 1 + sum(len(plan.chunks) for plan in plans)


@dataclass(frozen=True)
class Style:
    """What may be shrunk when a table chunk does not fit its landscape page."""

    table_pt: float
    margin_cm: float  # all four margins of the landscape pages
    table_line: float = LINE_SPACING  # line spacing (multiple) inside the tables


ATTEMPTS = (  # first that fits wins; (14, 1.5) and (14, 1.27) overflow 3-5 chunks
    Style(14, 1.27, 0.8),
    Style(13, 1.27, 0.8),
    Style(13, 1.0, 0.8),
    Style(12, 1.0, 0.8),
    Style(11, 1.0, 0.8),
)

# printed width ratio of the 8 columns: ลำดับ กิจกรรม วิธีการ ระยะเวลา ตัวชี้วัด เป้าหมาย ผู้รับผิดชอบ หมายเหตุ
COLUMN_RATIO = (1.45, 3.2, 6.1, 2.4, 4.0, 4.2, 3.4, 1.45)
# each department formatted its own table; plans 2 and 5 print bullet lists under กิจกรรม
COLUMN_RATIO_BY_PLAN = {
    2: (1.45, 4.6, 5.4, 2.3, 3.8, 3.8, 3.4, 1.45),
    5: (1.45, 4.6, 5.0, 2.2, 4.2, 4.2, 3.0, 1.45),
}
CELL_MARGIN_TWIPS = 57  # 0.1 cm left and right inside each cell
CENTERED_COLUMNS = frozenset({0, 3})
PERIOD_COLUMN = 3

# ------------------------------------------------------------------ signature


def make_signature(path: Path = SIGNATURE_PATH) -> None:
    """A deterministic handwritten-looking scribble in blue-black ink (transparent PNG)."""
    scale, width, height = 4, 430, 170
    image = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(image)
    rng = random.Random(2566)
    for stroke in _signature_strokes(rng):
        _draw_stroke(draw, [(x * scale, y * scale) for x, y in stroke], 2.6 * scale, rng)
    alpha = image.resize((width, height), Image.Resampling.LANCZOS)
    ink = Image.new("RGBA", (width, height), (22, 34, 96, 0))
    ink.putalpha(alpha)
    ink.save(path, optimize=True)


def _signature_strokes(rng: random.Random) -> list[list[tuple[float, float]]]:
    """Slanted prolate-cycloid loops of uneven size (a tall capital first), a flourish."""
    cycles, per_cycle, base = 11, 90, 112.0
    heights = [80.0, *(rng.uniform(18, 50) for _ in range(cycles))]
    loops = [15.0, *(rng.uniform(6, 12) for _ in range(cycles))]
    name: list[tuple[float, float]] = []
    for step in range(cycles * per_cycle + 1):
        t = 2 * math.pi * step / per_cycle
        k = min(step // per_cycle, cycles - 1)
        height, loop = heights[k], loops[k]
        x = 40 + 4.6 * t - loop * math.sin(t)
        y = base - 4 * t / (2 * math.pi * cycles) * 10 - height * (1 - math.cos(t)) / 2
        name.append((x + 0.32 * (base - y), y))
    end_x, end_y = name[-1]
    flourish = [
        (
            end_x + 14 * math.sin(v * math.pi) - (end_x - 20) * v,
            end_y + (base + 22 - end_y) * math.sin(min(1.0, v / 0.3) * math.pi / 2) - 8 * v,
        )
        for v in (i / 200 for i in range(201))
    ]
    return [name, flourish]


def _draw_stroke(
    draw: ImageDraw.ImageDraw,
    points: Sequence[tuple[float, float]],
    base: float,
    rng: random.Random,
) -> None:
    """Pen pressure varies along the stroke; round joins avoid gaps."""
    for index, (start, end) in enumerate(zip(points, points[1:], strict=False)):
        pressure = 0.65 + 0.35 * math.sin(index / 23) + rng.uniform(-0.05, 0.05)
        width = max(1.0, base * pressure)
        draw.line([start, end], fill=255, width=round(width))
        radius = width / 2
        draw.ellipse([end[0] - radius, end[1] - radius, end[0] + radius, end[1] + radius], fill=255)


# ---------------------------------------------------------------- docx helpers


def _set_fonts(r_pr: OxmlElement, size_pt: float | None, bold: bool) -> None:
    """Laksaman for all four scripts; size and bold for complex script (Thai) too."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    tags = (["w:b", "w:bCs"] if bold else []) + (["w:sz", "w:szCs"] if size_pt else [])
    for tag in tags:
        element = OxmlElement(tag)
        if tag in ("w:sz", "w:szCs"):
            element.set(qn("w:val"), str(round(size_pt * 2)))  # type: ignore[operator]
        r_pr.append(element)


def add_run(paragraph: Paragraph, text: str, size_pt: float, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    _set_fonts(run._r.get_or_add_rPr(), size_pt, bold)


def set_defaults(document: DocxDocument) -> None:
    """docDefaults: Laksaman 16 pt, Thai as the complex-script language, no spacing."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(r_pr):
        r_pr.remove(child)
    _set_fonts(r_pr, BODY_PT, bold=False)
    lang = OxmlElement("w:lang")
    for key, value in (("w:val", "en-US"), ("w:eastAsia", "en-US"), ("w:bidi", "th-TH")):
        lang.set(qn(key), value)
    r_pr.append(lang)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(round(240 * LINE_SPACING)))


@dataclass(frozen=True)
class Par:
    """Paragraph formatting used by ``para``."""

    size: float = BODY_PT
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.LEFT
    line: float = LINE_SPACING
    first_indent_cm: float = 0.0
    left_indent_cm: float = 0.0
    before_pt: float = 0.0
    after_pt: float = 0.0
    page_break: bool = False


def para(container: DocxDocument | _Cell, text: str = "", fmt: Par | None = None) -> Paragraph:
    fmt = fmt or Par()
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, fmt)
    if text:
        add_run(paragraph, text, fmt.size, fmt.bold)
    else:  # an empty paragraph is as tall as its paragraph mark
        mark = OxmlElement("w:rPr")
        paragraph._p.get_or_add_pPr().append(mark)
        _set_fonts(mark, fmt.size, bold=False)
    return paragraph


def format_paragraph(paragraph: Paragraph, fmt: Par) -> None:
    pf = paragraph.paragraph_format
    pf.alignment = fmt.align
    pf.first_line_indent = Cm(fmt.first_indent_cm) if fmt.first_indent_cm else None
    pf.left_indent = Cm(fmt.left_indent_cm) if fmt.left_indent_cm else None
    pf.space_before = Pt(fmt.before_pt)
    pf.space_after = Pt(fmt.after_pt)
    pf.page_break_before = fmt.page_break or None
    pf.line_spacing = fmt.line


def labelled(container: DocxDocument | _Cell, label: str, value: str, fmt: Par) -> Paragraph:
    """Bold label, regular value: "ชื่อหน่วยงาน : ..."."""
    paragraph = para(container, fmt=fmt)
    add_run(paragraph, label, fmt.size, bold=True)
    add_run(paragraph, value, fmt.size)
    return paragraph


def split_label(text: str, label: str) -> tuple[str, str]:
    if not text.startswith(label):
        raise ValueError(f"{text!r} does not start with {label!r}")
    return label, text[len(label) :]


def page_setup(section: DocxSection, landscape: bool, margins: tuple[float, ...]) -> None:
    """A4; margins (top, right, bottom, left) in cm."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Cm(A4_LONG_CM), Cm(A4_SHORT_CM)
    section.page_width = long_side if landscape else short_side
    section.page_height = short_side if landscape else long_side
    top, right, bottom, left = (Cm(value) for value in margins)
    section.top_margin, section.right_margin = top, right
    section.bottom_margin, section.left_margin = bottom, left
    section.header_distance = section.footer_distance = Cm(1.0)


def signature_block(document: DocxDocument, name: str, title: str) -> None:
    """Signature image above the name and title, centred in the right half."""
    fmt = Par(align=WD_ALIGN_PARAGRAPH.CENTER, left_indent_cm=7.5)
    picture = para(document, fmt=Par(align=fmt.align, left_indent_cm=7.5, line=1.0))
    picture.add_run().add_picture(str(SIGNATURE_PATH), width=Cm(3.6))
    para(document, name, fmt)
    para(document, title, fmt)


# ------------------------------------------------------------- portrait pages


def build_memo(document: DocxDocument, seed: Seed) -> None:
    memo = seed.memo
    para(document, memo.title, Par(size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after_pt=6))
    labelled(document, *split_label(memo.agency, "ส่วนราชการ"), Par(after_pt=2))
    ref = para(document, fmt=Par(after_pt=2))
    ref.paragraph_format.tab_stops.add_tab_stop(Cm(8.0), WD_TAB_ALIGNMENT.LEFT)
    add_run(ref, "ที่", BODY_PT, bold=True)
    add_run(ref, f" {memo.reference_no}\t", BODY_PT)
    add_run(ref, "วันที่", BODY_PT, bold=True)
    add_run(ref, f" {memo.date_text}", BODY_PT)
    subject = labelled(
        document,
        *split_label(" ".join(memo.subject), "เรื่อง"),
        Par(left_indent_cm=1.25, first_indent_cm=-1.25, after_pt=8),
    )
    subject.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    para(
        document,
        " ".join(memo.addressees),
        Par(left_indent_cm=1.25, first_indent_cm=-1.25, after_pt=8),
    )
    for text in memo.body:
        para(document, text, Par(first_indent_cm=2.5, after_pt=8))
    para(document, memo.closing, Par(first_indent_cm=2.5, after_pt=18))
    signature_block(document, memo.signer_name, memo.signer_title)


def build_announcement(document: DocxDocument, seed: Seed) -> None:
    notice = seed.announcement
    center = Par(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(document, notice.heading, Par(size=18, bold=True, align=center.align, page_break=True))
    para(document, notice.subject, center)
    para(document, notice.year_line, Par(bold=True, align=center.align, after_pt=6))
    for text in notice.body:
        para(document, text, Par(first_indent_cm=2.5, after_pt=3))
    para(document, notice.closing, Par(first_indent_cm=2.5, after_pt=6))
    para(document, notice.dated, Par(left_indent_cm=5.0))
    signature_block(document, notice.signer_name, notice.signer_title)


def build_cover(document: DocxDocument, seed: Seed) -> None:
    title, org = seed.cover[:4], seed.cover[4:]
    for index, text in enumerate(title):
        fmt = Par(
            size=24,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            page_break=index == 0,
            before_pt=150 if index == 0 else 0,
        )
        para(document, text, fmt)
    for index, text in enumerate(org):
        para(
            document,
            text,
            Par(
                size=20,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                before_pt=200 if index == 0 else 0,
            ),
        )


def build_preface(document: DocxDocument, seed: Seed) -> None:
    preface = seed.preface
    para(
        document,
        preface.heading,
        Par(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True, after_pt=12),
    )
    *body, unit, division = preface.paragraphs
    for text in body[:PREFACE_PARAGRAPHS]:
        para(document, text, Par(first_indent_cm=2.5, after_pt=6))
    right = Par(align=WD_ALIGN_PARAGRAPH.CENTER, left_indent_cm=8.0)
    para(document, unit, Par(align=right.align, left_indent_cm=8.0, before_pt=18))
    para(document, division, right)


_LIST_ITEM = re.compile(r"^(\d+\.|-)\s")


def build_part1_page(
    document: DocxDocument, seed: Seed, numbers: Sequence[int], part_heading: str | None
) -> None:
    first = True
    if part_heading:
        para(
            document,
            part_heading,
            Par(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True, after_pt=8),
        )
        first = False
    for number in numbers:
        section = part1_section(seed, number)
        para(document, section.heading, Par(bold=True, page_break=first, before_pt=6, after_pt=4))
        first = False
        for text in section.paragraphs:
            item = _LIST_ITEM.match(text) is not None
            para(
                document,
                text,
                Par(
                    left_indent_cm=1.0 if item else 0.0,
                    first_indent_cm=0.0 if item else 1.5,
                    after_pt=4,
                ),
            )


def build_portrait_pages(document: DocxDocument, seed: Seed) -> None:
    build_memo(document, seed)
    build_announcement(document, seed)
    build_cover(document, seed)
    build_preface(document, seed)
    build_part1_page(document, seed, (1, 2), "ส่วนที่ 1")
    build_part1_page(document, seed, (12,), None)


# ------------------------------------------------------------ landscape plans


def split_items(text: str) -> list[str]:
    """Split a cell before each "-" that follows whitespace and starts a bullet item."""
    return [part for part in re.split(r"\s+(?=-\s*\S)", text) if part]


def _row_properties(row_element: OxmlElement, header: bool) -> None:
    tr_pr = row_element.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    if header:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def fill_cell(cell: _Cell, texts: Sequence[str], fmt: Par) -> None:
    """First text in the cell's existing paragraph, the rest as further paragraphs."""
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for index, text in enumerate(texts):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        format_paragraph(paragraph, fmt)
        if text:
            add_run(paragraph, text, fmt.size, fmt.bold)


def new_table(document: DocxDocument, rows: int, widths: Sequence[float]) -> Table:
    table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _cell_margins(table: Table) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        element = OxmlElement(side)
        element.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)  # after w:tblLayout, before w:tblLook


def header_row(table: Table, index: int, cells: Sequence[str], style: Style) -> None:
    row = table.rows[index]
    _row_properties(row._tr, header=True)
    fmt = Par(
        size=style.table_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, line=style.table_line
    )
    for cell, text in zip(row.cells, cells, strict=True):
        _shade(cell, "D9D9D9")  # w:shd must precede w:vAlign in w:tcPr
        fill_cell(cell, [text], fmt)


def data_row(table: Table, index: int, plan_row: PlanRow, style: Style) -> None:
    row = table.rows[index]
    _row_properties(row._tr, header=False)
    for column, (cell, text) in enumerate(zip(row.cells, plan_row.cells, strict=True)):
        center = column in CENTERED_COLUMNS
        align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        texts = [text] if column == PERIOD_COLUMN else split_items(text)
        fill_cell(cell, texts or [""], Par(size=style.table_pt, align=align, line=style.table_line))


def merged_header_row(table: Table, index: int, lines: Sequence[HeaderLine], style: Style) -> None:
    """Plan 7: the three header lines printed inside the table as one merged row."""
    row = table.rows[index]
    _row_properties(row._tr, header=False)
    cell = row.cells[0].merge(row.cells[-1])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        format_paragraph(paragraph, Par(size=style.table_pt, line=style.table_line))
        add_run(paragraph, f"{line.label} :", style.table_pt, bold=True)
        add_run(paragraph, f" {line.value}", style.table_pt)


def column_widths(style: Style, plan: Plan) -> list[float]:
    ratio = COLUMN_RATIO_BY_PLAN.get(plan.number, COLUMN_RATIO)
    usable = A4_LONG_CM - 2 * style.margin_cm - 0.2
    return [round(usable * part / sum(ratio), 3) for part in ratio]


def page_break_paragraph(document: DocxDocument) -> None:
    """A tiny empty paragraph that starts the next page (and keeps tables apart)."""
    para(document, fmt=Par(size=1, page_break=True))


def build_plan(document: DocxDocument, plan: Plan, style: Style, first: bool) -> None:
    para(
        document,
        plan.title,
        Par(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=not first, after_pt=4),
    )
    if not plan.header_in_table:
        for line in plan.header_lines:
            labelled(document, f"{line.label} :", f" {line.value}", Par(after_pt=2))
    para(document, fmt=Par(size=4))
    widths = column_widths(style, plan)
    for index, chunk in enumerate(plan.chunks):
        if index:
            page_break_paragraph(document)
        merged = plan.header_in_table and index == 0
        table = new_table(document, 1 + merged + len(chunk.rows), widths)
        header_row(table, 0, chunk.header, style)
        if merged:
            merged_header_row(table, 1, plan.header_lines, style)
        for offset, row in enumerate(chunk.rows, start=1 + merged):
            data_row(table, offset, row, style)


def build_plans(document: DocxDocument, seed: Seed, style: Style) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    margin = style.margin_cm
    page_setup(section, landscape=True, margins=(margin, margin, margin, margin))
    for index, plan in enumerate(seed.plans):
        build_plan(document, plan, style, first=index == 0)
    para(document, fmt=Par(size=1))  # a document must not end with a table


def build_docx(seed: Seed, style: Style, path: Path) -> None:
    document = Document()
    set_defaults(document)
    page_setup(document.sections[0], landscape=False, margins=PORTRAIT_MARGINS)
    properties = document.core_properties
    properties.title = seed.announcement.subject.removeprefix("เรื่อง ").strip()
    properties.author = properties.last_modified_by = "กองการเจ้าหน้าที่ อบจ.ตาก"
    properties.created = properties.modified = datetime(2023, 10, 11, 9, 0, 0)
    properties.revision = 1
    build_portrait_pages(document, seed)
    build_plans(document, seed, style)
    document.save(str(path))


# -------------------------------------------------------------------- render


def render_pdf(docx_path: Path, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    profile = (workdir / "lo-profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        # Tagged, as Word exports by default: a space at a line wrap then stays in the
        # text layer; an untagged LibreOffice export drops a wrap space that overflows.
        'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
        "--outdir",
        str(workdir),
        str(docx_path),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    pdf_path = docx_path.with_suffix(".pdf")
    if not pdf_path.exists():
        raise SystemExit(f"LibreOffice wrote no PDF for {docx_path}")
    return pdf_path


def pin_metadata(source: Path, target: Path) -> None:
    """Fixed dates and a content-derived ID, so the same input gives the same bytes."""
    with pikepdf.open(source) as pdf:
        for key in ("/ID", "/DocChecksum"):  # LibreOffice makes both new on every export
            if key in pdf.trailer:
                del pdf.trailer[key]
        pdf.docinfo["/CreationDate"] = PDF_DATE
        pdf.docinfo["/ModDate"] = PDF_DATE
        if "/Metadata" in pdf.Root:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
                    if key in meta:
                        meta[key] = XMP_DATE
        pdf.save(target, deterministic_id=True)


# -------------------------------------------------------------------- verify


def squash(text: str) -> str:
    """Text for comparison: no whitespace, no combining marks.

    LibreOffice's PDFs place some Thai vowel and tone marks out of order in the text
    layer (pdfium reads "ความร้...ู"), so only base characters are compared; NFKC first
    splits sara am into nikhahit + sara aa.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Mn")


def needle(text: str, length: int = 16) -> str:
    return squash(text.lstrip("- "))[:length]


def exact(text: str) -> str:
    """Text with its marks, for short strings pdfium reads in order (header cells)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def page_texts(path: Path) -> list[str]:
    """pypdfium2 text of every page (pdfplumber mis-decodes LibreOffice's Thai)."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


@dataclass(frozen=True)
class Expect:
    page: int  # 1-based
    texts: tuple[str, ...]  # compared by base characters (see squash)
    what: str
    exact: tuple[str, ...] = ()  # compared with their marks (see exact)


def expectations(seed: Seed) -> list[Expect]:
    memo, notice = seed.memo, seed.announcement
    out = [
        Expect(1, (memo.title, memo.reference_no, memo.closing), "memo"),
        Expect(2, (notice.heading, notice.closing, notice.signer_name), "announcement"),
        Expect(3, seed.cover[:1], "cover"),
        Expect(
            4,
            (
                seed.preface.heading,
                seed.preface.paragraphs[PREFACE_PARAGRAPHS - 1][-40:],
                seed.preface.paragraphs[-1],
            ),
            "preface",
        ),
        Expect(
            5,
            (part1_section(seed, 1).heading, part1_section(seed, 2).paragraphs[-1][-40:]),
            "part 1 sections 1-2",
        ),
        Expect(
            6,
            (part1_section(seed, 12).heading, part1_section(seed, 12).paragraphs[-1][:40]),
            "part 1 section 12",
        ),
    ]
    pages = chunk_pages(seed.plans)
    for plan in seed.plans:
        for index, chunk in enumerate(plan.chunks):
            first, last = chunk.rows[0], chunk.rows[-1]
            texts = (first.activity, first.method, last.method, last.indicator)
            if index == 0:
                texts = (plan.unit.value, *texts)
            out.append(
                Expect(
                    pages[(plan.number, index)],
                    texts,
                    f"plan {plan.number} chunk {index + 1}",
                    exact=chunk.header[1:7],
                )
            )
    return out


def verify(path: Path, seed: Seed) -> list[str]:
    """Problems with the rendered layout; empty when it is what the layout promises."""
    return _verify_geometry(path, seed) + check_expectations(page_texts(path), expectations(seed))


def check_expectations(raw: Sequence[str], expects: Sequence[Expect]) -> list[str]:
    """Each expected text on its promised page, given the pages' texts."""
    problems: list[str] = []
    loose, strict = [squash(text) for text in raw], [exact(text) for text in raw]
    for expect in expects:
        if expect.page > len(raw):
            problems.append(f"{expect.what}: page {expect.page} missing")
            continue
        checks = [(text, needle(text), loose) for text in expect.texts]
        checks += [(text, exact(text), strict) for text in expect.exact]
        for text, key, pages in checks:
            if key not in pages[expect.page - 1]:
                found = [number for number, page in enumerate(pages, start=1) if key in page]
                problems.append(
                    f"{expect.what}: {text[:30]!r} on page(s) {found}, not {expect.page}"
                )
    return problems


def _verify_geometry(path: Path, seed: Seed) -> list[str]:
    problems: list[str] = []
    expected = expected_page_count(seed.plans)
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != expected:
            problems.append(f"{len(pdf.pages)} pages, layout expects {expected}")
        for number, page in enumerate(pdf.pages, start=1):
            landscape = page.width > page.height
            if landscape != (number >= FIRST_PLAN_PAGE):
                problems.append(f"page {number} has the wrong orientation")
        for number in (1, 2):
            if number <= len(pdf.pages) and not pdf.pages[number - 1].images:
                problems.append(f"page {number} has no signature image")
    return problems


# ---------------------------------------------------------------------- main


def build(seed: Seed, style: Style, workdir: Path) -> tuple[Path, list[str]]:
    docx_path = workdir / "tak-pao-km-plan-2566.docx"
    build_docx(seed, style, docx_path)
    rendered = render_pdf(docx_path, workdir)
    pinned = workdir / "pinned.pdf"
    pin_metadata(rendered, pinned)
    return pinned, verify(pinned, seed)


def build_verified(seed: Seed, report: Callable[[str], None] = print) -> Style:
    if not SIGNATURE_PATH.exists():
        make_signature()
        report(f"wrote {SIGNATURE_PATH}")
    failures: list[str] = []
    for style in ATTEMPTS:
        with tempfile.TemporaryDirectory(prefix="kmplan-samples-") as tmp:
            pdf, problems = build(seed, style, Path(tmp))
            if not problems:
                shutil.copyfile(pdf, PDF_PATH)
                return style
        failures.append(f"{style}: " + "; ".join(problems[:12]))
        report(f"layout did not fit with {style}: {len(problems)} problems, {problems[:3]}")
    raise SystemExit("no style fits the layout:\n" + "\n".join(failures))


def main() -> None:
    seed = load()
    style = build_verified(seed)
    pages = chunk_pages(seed.plans)
    print(
        f"wrote {PDF_PATH} ({expected_page_count(seed.plans)} pages, table "
        f"{style.table_pt} pt, landscape margins {style.margin_cm} cm)"
    )
    print("pages: 1 memo, 2 announcement, 3-6 part 1 (portrait); plans (landscape):")
    for plan in seed.plans:
        chunk_list = ", ".join(
            f"p{pages[(plan.number, i)]} rows {c.rows[0].seq}-{c.rows[-1].seq}"
            for i, c in enumerate(plan.chunks)
        )
        print(f"  plan {plan.number} ({plan.unit.value}): {chunk_list}")


if __name__ == "__main__":
    sys.exit(main())
