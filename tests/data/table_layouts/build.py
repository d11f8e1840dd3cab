"""Build the table-layout probe PDFs of tests/test_table_layouts.py (kept in git: the tests
need neither Chromium nor LibreOffice).

    python tests/data/table_layouts/build.py     # needs chromium, soffice, fonts-tlwg-laksaman

One plan of a fictional Tambon municipality, 7 KM steps, in layouts the bundled samples lack:
- rows-split-chromium: a browser print whose long rows break across pages with no header
  row repeated; Chromium draws no rule where a row is cut at the foot or head of a page;
- stacked-rows-lo: a Word table (python-docx, LibreOffice) with column rules but no rules
  between body rows (insideH off); long rows break across pages;
- merged-cells-chromium: a two-row header (การวัดผล over ตัวชี้วัด | เป้าหมาย, the other
  header cells spanning both lines), ผู้รับผิดชอบ printed once for all rows, and one
  ระยะเวลา (MERGED_PERIOD) printed once for rows 6 and 7;
- merged-across-pages-lo: a fully ruled Word table whose ผู้รับผิดชอบ is one cell merged
  down all rows; LibreOffice prints its text once, on the first page;
- stacked-centred-lo: as stacked-rows-lo, short rows, with ลำดับ centred vertically, which
  kmplan cannot cut into rows: it must say so (rows-merged), not load wrong rows silently.
The expected values in the tests are this file's rows().
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from render_pdf import docx_to_pdf, html_to_pdf  # noqa: E402

ORG = "เทศบาลตำบลแม่สอด"
DEPT = "กองช่าง"
GOAL = "การควบคุมอาคารตามพระราชบัญญัติควบคุมอาคาร"
DELIVERABLE = "คู่มือการขออนุญาตก่อสร้างอาคาร"
HEADERS = [
    "ลำดับ",
    "กิจกรรม",
    "วิธีการสู่ความสำเร็จ",
    "ระยะเวลา",
    "ตัวชี้วัด",
    "เป้าหมาย",
    "ผู้รับผิดชอบ",
    "หมายเหตุ",
]
STEPS = [
    "การบ่งชี้ความรู้",
    "การสร้างและแสวงหาความรู้",
    "การจัดความรู้ให้เป็นระบบ",
    "การประมวลและกลั่นกรองความรู้",
    "การเข้าถึงความรู้",
    "การแบ่งปันแลกเปลี่ยนความรู้",
    "การเรียนรู้",
]
PERIODS = [
    "ตุลาคม 2566",
    "พฤศจิกายน - ธันวาคม 2566",
    "ม.ค. 2567",
    "ก.พ. - มี.ค. 2567",
    "เมษายน 2567",
    "พ.ค. - มิ.ย. 2567",
    "กรกฎาคม - สิงหาคม 2567",
]
LONG = (
    " โดยรวบรวมระเบียบ หนังสือสั่งการ และแนวทางปฏิบัติที่เกี่ยวข้องทั้งหมดมาจัดทำเป็นเอกสารสรุป"
    "สำหรับบุคลากรทุกระดับในหน่วยงานและเผยแพร่ให้ประชาชนผู้สนใจได้ศึกษา"
)


def method(i: int, long: bool) -> str:
    text = f"ประชุมเจ้าหน้าที่{DEPT}เพื่อกำหนดหัวข้อความรู้ที่จำเป็นขั้นที่ {i + 1}"
    return text + LONG * 2 if long and i % 2 == 0 else text  # every other row breaks


ROW_RANGE = range(7)


def rows(long: bool) -> list[list[str]]:
    return [
        [
            str(i + 1),
            STEPS[i],
            method(i, long),
            PERIODS[i],
            f"ร้อยละของบุคลากรที่เข้าร่วมกิจกรรมที่ {i + 1}",
            f"ร้อยละ {70 + 5 * i}",
            DEPT,
            "ใช้งบประมาณปกติ" if i == 3 else "",
        ]
        for i in ROW_RANGE
    ]


MEMO = [
    f"ประกาศ{ORG}",
    "เรื่อง แผนการจัดการความรู้ (Knowledge Management : KM) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    f"{ORG}จึงประกาศใช้แผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
    "จึงประกาศให้ทราบโดยทั่วกัน",
    "ประกาศ ณ วันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๖",
    "(นายสมชาย ใจดี)",
    f"นายก{ORG}",
]
PLAN_LINES = [
    "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)",
    f"ชื่อหน่วยงาน : {ORG} ({DEPT})",
    f"เป้าหมาย KM : {GOAL}",
    f"หน่วยที่วัดผลได้เป็นรูปธรรม : {DELIVERABLE}",
]


def _print_html(name: str, table: str) -> None:
    doc = (
        "<html><head><meta charset=utf-8><style>@page { size: A4 landscape; margin: 15mm }"
        "body { font-family: Laksaman; font-size: 14pt }"
        "table { border-collapse: collapse; width: 100% }"
        "td, th { border: 1px solid black; vertical-align: top; padding: 3px }"
        "p { margin: 2px 0 }</style>"
        "</head><body>"
        + "".join(f"<p>{t}</p>" for t in MEMO)
        + "<div style='page-break-after:always'></div>"
        + "".join(f"<p>{t}</p>" for t in PLAN_LINES)
        + table
        + "</body></html>"
    )
    source = HERE / f"{name}.html"
    source.write_text(doc, encoding="utf-8")
    html_to_pdf(source, HERE / f"{name}.pdf")


def build_chromium(name: str) -> None:
    head = "".join(f"<th>{h}</th>" for h in HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows(True)
    )
    _print_html(name, f"<table><tr>{head}</tr>{body}</table>")  # no <thead>: not repeated


MERGED_PERIOD = "พ.ค. - ส.ค. 2567"


def build_merged_cells(name: str) -> None:
    spans = "<th rowspan=2>{}</th>"
    head = (
        "<tr>"
        + "".join(spans.format(h) for h in HEADERS[:4])
        + "<th colspan=2>การวัดผล</th>"
        + "".join(spans.format(h) for h in HEADERS[6:])
        + "</tr>"
        + "<tr>"
        + "".join(f"<th>{h}</th>" for h in HEADERS[4:6])
        + "</tr>"
    )
    body = ""
    for i, row in enumerate(rows(False)):
        cells = []
        for c, text in enumerate(row):
            if c == 3 and i >= 5:  # ระยะเวลา: one cell for rows 6 and 7
                cells.append(f"<td rowspan=2>{MERGED_PERIOD}</td>" if i == 5 else "")
            elif c == 6:  # ผู้รับผิดชอบ: one cell for every row
                cells.append(f"<td rowspan={len(ROW_RANGE)}>{text}</td>" if i == 0 else "")
            else:
                cells.append(f"<td>{html.escape(text)}</td>")
        body += "<tr>" + "".join(cells) + "</tr>"
    _print_html(name, f"<table>{head}{body}</table>")


def build_libreoffice(name: str, centre_seq: bool, long: bool, merged: bool = False) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    def border(parent: OxmlElement, edge: str, on: bool) -> None:
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        parent.append(el)

    d = Document()
    style = d.styles["Normal"]
    style.font.name, style.font.size = "Laksaman", Pt(14)
    for attr in ("w:cs", "w:eastAsia"):
        style.element.rPr.rFonts.set(qn(attr), "Laksaman")
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "28")
    style.element.rPr.append(size_cs)
    sec = d.sections[0]
    sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, Mm(297), Mm(210)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, margin, Mm(15))
    for text in MEMO:
        d.add_paragraph(text)
    d.add_page_break()
    for text in PLAN_LINES:
        d.add_paragraph(text)
    values_of = rows(long)
    table = d.add_table(rows=1 + len(values_of), cols=len(HEADERS))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border(borders, edge, merged or edge != "insideH")  # no rules between rows
    table._tbl.tblPr.append(borders)
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page
    for cell, text in zip(header.cells, HEADERS, strict=True):
        cell.text = text
        cell_borders = OxmlElement("w:tcBorders")
        border(cell_borders, "top", True)
        border(cell_borders, "bottom", True)
        cell._tc.get_or_add_tcPr().append(cell_borders)
    for row, values in zip(table.rows[1:], values_of, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
        if centre_seq:
            row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if merged:  # ผู้รับผิดชอบ: one cell down all rows, across the page breaks
        column = HEADERS.index("ผู้รับผิดชอบ")
        table.rows[1].cells[column].merge(table.rows[-1].cells[column]).text = DEPT
    d.save(HERE / f"{name}.docx")
    docx_to_pdf(HERE / f"{name}.docx")


if __name__ == "__main__":
    build_chromium("rows-split-chromium")
    build_merged_cells("merged-cells-chromium")
    build_libreoffice("stacked-rows-lo", centre_seq=False, long=True)
    build_libreoffice("stacked-centred-lo", centre_seq=True, long=False)
    build_libreoffice("merged-across-pages-lo", centre_seq=False, long=True, merged=True)
