"""Writing the .docx that LibreOffice renders: fonts, paragraphs, pages and ruled tables.

Every docx-built sample (build_samples.py, variant_layouts.py, variant_years.py,
variant_families.py) is written with these helpers: Laksaman (a TH Sarabun New clone)
16 pt by default, Thai as the complex-script language, A4 pages, "Table Grid" tables whose
rows do not split across pages. ``restyle`` turns a finished document into another font.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from .common import SIGNATURE_PATH
from .seed_source import HeaderLine

FONT = "Laksaman"
# LibreOffice's single line spacing for Laksaman is almost 1.9 em, much looser than Word's
# for TH Sarabun; 85 % gives the line pitch of a typical Thai office document.
LINE_SPACING = 0.85
BODY_PT = 16
A4_SHORT_CM = 21.0
A4_LONG_CM = 29.7
PORTRAIT_MARGINS = (1.5, 1.8, 1.2, 2.5)  # top, right, bottom, left (cm)
CELL_MARGIN_TWIPS = 57  # 0.1 cm left and right inside each cell


@dataclass(frozen=True)
class Style:
    """What may be shrunk when a table chunk does not fit its landscape page."""

    table_pt: float
    margin_cm: float  # all four margins of the landscape pages
    table_line: float = LINE_SPACING  # line spacing (multiple) inside the tables


# ---------------------------------------------------------------- runs and paragraphs


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


def header_lines(document: DocxDocument, lines: Sequence[HeaderLine]) -> None:
    """A plan's ชื่อหน่วยงาน / เป้าหมาย KM / หน่วยที่... lines above its table."""
    for line in lines:
        labelled(document, f"{line.label} :", f" {line.value}", Par(after_pt=2))


def split_label(text: str, label: str) -> tuple[str, str]:
    if not text.startswith(label):
        raise ValueError(f"{text!r} does not start with {label!r}")
    return label, text[len(label) :]


def signature_block(document: DocxDocument, name: str, title: str) -> None:
    """Signature image above the name and title, centred in the right half."""
    fmt = Par(align=WD_ALIGN_PARAGRAPH.CENTER, left_indent_cm=7.5)
    picture = para(document, fmt=Par(align=fmt.align, left_indent_cm=7.5, line=1.0))
    picture.add_run().add_picture(str(SIGNATURE_PATH), width=Cm(3.6))
    para(document, name, fmt)
    para(document, title, fmt)


def page_break_paragraph(document: DocxDocument) -> None:
    """A tiny empty paragraph that starts the next page (and keeps tables apart)."""
    para(document, fmt=Par(size=1, page_break=True))


# -------------------------------------------------------------------------- pages


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


def new_document(
    title: str,
    author: str,
    created: datetime,
    *,
    landscape: bool = False,
    margins: tuple[float, ...] = PORTRAIT_MARGINS,
) -> DocxDocument:
    """An empty document with the defaults above, its first section's page set up, and
    fixed document properties (so a rebuild gives the same PDF)."""
    document = Document()
    set_defaults(document)
    page_setup(document.sections[0], landscape=landscape, margins=margins)
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = author
    properties.created = properties.modified = created
    properties.revision = 1
    return document


def landscape_section(document: DocxDocument, margin_cm: float) -> None:
    """A new landscape section on a new page, the same margin on all four sides."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape=True, margins=(margin_cm,) * 4)


def restyle(document: DocxDocument, font: str, scale: float = 0.875) -> None:
    """``font`` everywhere, every font size scaled (half-points, rounded): 0.875 turns
    16 pt into 14 pt, as Norasi and Garuda are larger than TH Sarabun-like fonts."""
    for root in (document.element, document.styles.element):
        for fonts in root.iter(qn("w:rFonts")):
            for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(key), font)
        for tag in ("w:sz", "w:szCs"):
            for size in root.iter(qn(tag)):
                size.set(qn("w:val"), str(max(2, round(int(size.get(qn("w:val"))) * scale))))


# ------------------------------------------------------------------------- tables


def row_properties(row_element: OxmlElement, header: bool) -> None:
    """The row moves whole to the next page; a header row repeats on every page."""
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


def column_widths(ratio: Sequence[float], usable_cm: float) -> list[float]:
    """Column widths in cm, in proportion to ``ratio``, filling ``usable_cm``."""
    return [round(usable_cm * part / sum(ratio), 3) for part in ratio]


def header_row(table: Table, index: int, cells: Sequence[str], style: Style) -> None:
    row = table.rows[index]
    row_properties(row._tr, header=True)
    fmt = Par(
        size=style.table_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, line=style.table_line
    )
    for cell, text in zip(row.cells, cells, strict=True):
        _shade(cell, "D9D9D9")  # w:shd must precede w:vAlign in w:tcPr
        fill_cell(cell, [text], fmt)


def merged_header_row(table: Table, index: int, lines: Sequence[HeaderLine], style: Style) -> None:
    """A plan's three header lines printed inside its table, as one merged row."""
    row = table.rows[index]
    row_properties(row._tr, header=False)
    cell = row.cells[0].merge(row.cells[-1])
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    for number, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        format_paragraph(paragraph, Par(size=style.table_pt, line=style.table_line))
        add_run(paragraph, f"{line.label} :", style.table_pt, bold=True)
        add_run(paragraph, f" {line.value}", style.table_pt)


def lines_row(
    table: Table,
    index: int,
    cells: Sequence[str],
    style: Style,
    *,
    split: bool,
    centered: frozenset[int],
) -> None:
    """A data row; each printed line of a cell (``\\n``) is its own paragraph. ``split``:
    the row may break across pages (Word's default), otherwise it moves whole."""
    row = table.rows[index]
    if not split:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for column, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
        align = WD_ALIGN_PARAGRAPH.CENTER if column in centered else WD_ALIGN_PARAGRAPH.LEFT
        fmt = Par(size=style.table_pt, align=align, line=style.table_line)
        fill_cell(cell, text.split("\n"), fmt)
