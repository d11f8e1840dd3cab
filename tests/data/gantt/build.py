"""Build the Gantt-period probe PDFs of tests/test_gantt_periods.py (kept in git: the tests
need neither LibreOffice nor Chromium).

    python tests/data/gantt/build.py     # needs soffice, chromium, python-docx,
                                         # fonts-tlwg-laksaman and fonts-tlwg-norasi

One KM Process plan of a fictional Tambon municipality, fiscal year 2567, whose ระยะเวลา is
printed as twelve month sub-columns (ต.ค. .. ก.ย.) in which each row marks its months:
- ticks-lo: python-docx + LibreOffice, Laksaman; ระยะเวลา over the twelve months (a two-row
  header, repeated on the next page), a ✓ in each marked month; long rows break the table
  across a page;
- shaded-lo: the same plan, the marked month cells shaded and empty (no text mark);
- year-row-lo: Norasi; three header rows (ระยะเวลาดำเนินการ / พ.ศ. 2566 over ต.ค.-ธ.ค. and
  พ.ศ. 2567 over ม.ค.-ก.ย. / months without dots), a different text mark in each row, one
  row's months merged into one cell holding an arrow, and one row with no month marked;
- lines-chromium: HTML printed by headless Chromium, English month headers (Oct .. Sep) in
  the header row itself (no ระยะเวลา over them), marks drawn as lines (inline SVG) and, in
  one row, as one arrow across a merged cell.
The expected values in the tests are this file's MARKS and the printed month headers.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from render_pdf import docx_to_pdf, html_to_pdf  # noqa: E402

ORG = "เทศบาลตำบลตัวอย่าง"
DEPT = "กองสาธารณสุขและสิ่งแวดล้อม"
GOAL = "การจัดการขยะมูลฝอยชุมชนอย่างถูกวิธี"
DELIVERABLE = "คู่มือการคัดแยกขยะมูลฝอยสำหรับชุมชน"
MONTHS_DOTTED = [
    "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.",
    "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
]  # fmt: skip
MONTHS_BARE = ["ตค", "พย", "ธค", "มค", "กพ", "มีค", "เมย", "พค", "มิย", "กค", "สค", "กย"]
MONTHS_ENGLISH = [
    "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
]  # fmt: skip
# The calendar years (BE) printed over the months in year-row-lo: (first month, last month).
YEAR_ROW = [("พ.ศ. 2566", 0, 2), ("พ.ศ. 2567", 3, 11)]
STEPS = [
    "การบ่งชี้ความรู้",
    "การสร้างและแสวงหาความรู้",
    "การจัดความรู้ให้เป็นระบบ",
    "การประมวลและกลั่นกรองความรู้",
    "การเข้าถึงความรู้",
    "การแบ่งปันแลกเปลี่ยนความรู้",
    "การเรียนรู้",
]
# The marked month columns of each row, 0 = ต.ค. (the fiscal year's first month) .. 11 = ก.ย.
# Row 4 is marked in two months apart (ก.พ. and เม.ย.).
MARKS = [[0], [1, 2], [3, 4], [4, 6], [6, 7, 8], [8, 9], [9, 10, 11]]
# year-row-lo: a mark of its own in each row; row 5's three months are one merged cell
# holding ARROW; row 7 is marked in no month.
TEXT_MARKS = ["X", "●", "*", "/", None, "■", None]
ARROW = "<---->"
MERGED_ROW = 4
UNMARKED_ROW = 6
HEADERS_BEFORE = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ"]
HEADERS_AFTER = ["ตัวชี้วัด", "เป้าหมาย", "ผู้รับผิดชอบ"]
LONG = (
    " โดยรวบรวมระเบียบ หนังสือสั่งการ และแนวทางปฏิบัติที่เกี่ยวข้องมาจัดทำเป็นเอกสารสรุปสำหรับบุคลากรทุกระดับในหน่วยงาน"
)


def marks(variant: str) -> list[list[int]]:
    """The months each row marks in `variant` (year-row-lo leaves one row unmarked)."""
    if variant == "year-row-lo":
        return [[] if i == UNMARKED_ROW else m for i, m in enumerate(MARKS)]
    return MARKS


def row_cells(i: int, long: bool) -> tuple[list[str], list[str]]:
    """(cells before the months, cells after them) of row i."""
    method = f"ประชุมเจ้าหน้าที่{DEPT}เพื่อดำเนินกิจกรรมขั้นที่ {i + 1}"
    if long and i % 3 == 0:
        method += LONG * 2
    return (
        [str(i + 1), STEPS[i], method],
        [f"ร้อยละของบุคลากรที่เข้าร่วมกิจกรรมที่ {i + 1}", f"ร้อยละ {70 + 5 * i}", DEPT],
    )


MEMO = [
    f"ประกาศ{ORG}",
    "เรื่อง แผนการจัดการความรู้ (Knowledge Management : KM) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    f"{ORG}จึงประกาศใช้แผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    "จึงประกาศให้ทราบโดยทั่วกัน",
    "ประกาศ ณ วันที่ ๒๕ ตุลาคม พ.ศ. ๒๕๖๖",
    "(นางสาวสมศรี ตั้งใจ)",
    f"นายก{ORG}",
]
PLAN_LINES = [
    "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)",
    f"ชื่อหน่วยงาน : {ORG} ({DEPT})",
    f"เป้าหมาย KM (Desired State) : {GOAL}",
    f"หน่วยที่วัดผลได้เป็นรูปธรรม : {DELIVERABLE}",
]

# Column widths (mm) of the Word tables: 3 columns, 12 months, 3 columns = 265 mm.
WIDTHS_BEFORE = [11, 30, 54]
MONTH_WIDTH = 9
WIDTHS_AFTER = [26, 17, 19]


def build_docx(name: str, variant: str) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    font = "Norasi" if variant == "year-row-lo" else "Laksaman"
    d = Document()
    style = d.styles["Normal"]
    style.font.name, style.font.size = font, Pt(14)
    for attr in ("w:cs", "w:eastAsia"):
        style.element.rPr.rFonts.set(qn(attr), font)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "28")
    style.element.rPr.append(size_cs)
    style.paragraph_format.space_after = Pt(0)
    sec = d.sections[0]
    sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, margin, Mm(15))
    for text in MEMO:
        d.add_paragraph(text)
    d.add_page_break()
    for text in PLAN_LINES:
        d.add_paragraph(text)

    months = MONTHS_BARE if variant == "year-row-lo" else MONTHS_DOTTED
    header_rows = 3 if variant == "year-row-lo" else 2
    first_month = len(HEADERS_BEFORE)
    widths = WIDTHS_BEFORE + [MONTH_WIDTH] * 12 + WIDTHS_AFTER
    row_marks = marks(variant)
    table = d.add_table(rows=header_rows + len(STEPS), cols=len(widths))
    table.style = d.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")  # narrow cells: ต.ค. must fit in 9 mm
    for side in ("w:left", "w:right"):
        element = OxmlElement(side)
        element.set(qn("w:w"), "40")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)

    def put(cell: object, text: str, size: float = 12, centre: bool = False) -> None:
        paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        r_pr = run._r.get_or_add_rPr()
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(size * 2)))
        r_pr.append(size_cs)

    def shade(cell: object) -> None:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "808080")
        cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]

    for index in range(header_rows):  # repeated on each page
        table.rows[index]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row in table.rows[header_rows:]:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    top, last = table.rows[0], table.rows[header_rows - 1]
    columns_outside = [
        *enumerate(HEADERS_BEFORE),
        *((first_month + 12 + k, h) for k, h in enumerate(HEADERS_AFTER)),
    ]
    for column, text in columns_outside:
        put(top.cells[column].merge(last.cells[column]), text, centre=True)
    period = "ระยะเวลาดำเนินการ" if variant == "year-row-lo" else "ระยะเวลา"
    put(top.cells[first_month].merge(top.cells[first_month + 11]), period, centre=True)
    if variant == "year-row-lo":
        years = table.rows[1]
        for text, first, end in YEAR_ROW:
            span = years.cells[first_month + first].merge(years.cells[first_month + end])
            put(span, text, size=11, centre=True)
    for k, month in enumerate(months):
        put(last.cells[first_month + k], month, size=10, centre=True)

    for i in range(len(STEPS)):
        row = table.rows[header_rows + i]
        before, after = row_cells(i, long=variant == "ticks-lo")
        for column, text in enumerate(before):
            put(row.cells[column], text)
        for k, text in enumerate(after):
            put(row.cells[first_month + 12 + k], text)
        if variant == "year-row-lo" and i == MERGED_ROW:
            first, end = row_marks[i][0], row_marks[i][-1]
            span = row.cells[first_month + first].merge(row.cells[first_month + end])
            put(span, ARROW, size=11, centre=True)
            continue
        for k in row_marks[i]:
            cell = row.cells[first_month + k]
            if variant == "shaded-lo":
                shade(cell)
            elif variant == "ticks-lo":
                put(cell, "✓", size=11, centre=True)
            else:
                put(cell, TEXT_MARKS[i] or "", size=11, centre=True)
    d.add_paragraph("")  # a document must not end with a table
    d.save(HERE / f"{name}.docx")
    docx_to_pdf(HERE / f"{name}.docx")
    (HERE / f"{name}.docx").unlink()


# A mark drawn as a line across its cell, and an arrow across a merged cell (inline SVG,
# which Chromium prints as vector paths).
_LINE = (
    "<svg width='100%' height='10' preserveAspectRatio='none' viewBox='0 0 100 10'>"
    "<line x1='10' y1='5' x2='90' y2='5' stroke='black' stroke-width='2.5'/></svg>"
)
_ARROW = (
    "<svg width='100%' height='10' preserveAspectRatio='none' viewBox='0 0 100 10'>"
    "<line x1='4' y1='5' x2='92' y2='5' stroke='black' stroke-width='1.5'/>"
    "<polygon points='92,1 100,5 92,9' fill='black'/></svg>"
)
ARROW_ROW = 4  # lines-chromium: row 5's months are one merged cell holding _ARROW


def build_chromium(name: str) -> None:
    head = "".join(f"<th>{h}</th>" for h in [*HEADERS_BEFORE, *MONTHS_ENGLISH, *HEADERS_AFTER])
    body = ""
    for i in range(len(STEPS)):
        before, after = row_cells(i, long=False)
        cells = [f"<td>{html.escape(t)}</td>" for t in before]
        k = 0
        while k < 12:
            if i == ARROW_ROW and k == MARKS[i][0]:
                span = MARKS[i][-1] - k + 1
                cells.append(f"<td class=m colspan={span}>{_ARROW}</td>")
                k += span
                continue
            cells.append(f"<td class=m>{_LINE if k in MARKS[i] else ''}</td>")
            k += 1
        cells += [f"<td>{html.escape(t)}</td>" for t in after]
        body += "<tr>" + "".join(cells) + "</tr>"
    document = (
        "<html><head><meta charset=utf-8><style>@page { size: A4 landscape; margin: 15mm }"
        "body { font-family: Laksaman; font-size: 13pt }"
        "table { border-collapse: collapse; width: 100% }"
        "td, th { border: 1px solid black; vertical-align: top; padding: 3px }"
        "td.m { padding: 3px 0; width: 8mm } th { font-size: 10pt }"
        "p { margin: 2px 0 }</style>"
        "</head><body>"
        + "".join(f"<p>{t}</p>" for t in MEMO)
        + "<div style='page-break-after:always'></div>"
        + "".join(f"<p>{t}</p>" for t in PLAN_LINES)
        + f"<table><tr>{head}</tr>{body}</table>"
        + "</body></html>"
    )
    source = HERE / f"{name}.html"
    source.write_text(document, encoding="utf-8")
    html_to_pdf(source, HERE / f"{name}.pdf")


if __name__ == "__main__":
    for variant in ("ticks-lo", "shaded-lo", "year-row-lo"):
        build_docx(variant, variant)
    build_chromium("lines-chromium")
