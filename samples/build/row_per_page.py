"""Build samples/row-per-page-km-plan-2566.pdf and its truth: a plan printed one row per
page, after a cover and a summary page, with periods in the forms real plans print.

    .venv/bin/python -m samples.build.row_per_page     # needs chromium, fonts-tlwg-laksaman

A fictional subdistrict administration (องค์การบริหารส่วนตำบลเวียงหมอก), fiscal year 2566,
no announcement: the document is the plan itself.
- page 1 (portrait): a cover, the plan's name and year, the organization;
- page 2 (portrait): a summary, a paragraph and a small ruled table (ลำดับ | หน่วยงาน |
  เป้าหมาย KM | ระยะเวลาดำเนินการ | จำนวนกิจกรรม) that is not an action plan;
- pages 3-9 (landscape: the page box is wide, there is no /Rotate entry): the title and
  header lines, then one table with one body row per page (``break-before: page``) and
  its header row repeated on every page (a ``thead``, as Word repeats a header row);
- ระยะเวลา cells: single days (``๑๔ ต.ค. ๖๕``, ``14 ก.พ. 66``), a day range, a range with a
  dated note in brackets (``มี.ค.-เม.ย. 2566 (3 ส.ค.66)``), a month with a comment that
  holds a date and an amount (``มกราคม ๒๕๖๖ (จัดในวันที่ 27 ม.ค.66 ... ๗,๕๐๐ บาท)``).

The sideways version (row-per-page-km-plan-2566-sideways.pdf) prints the same cover and
summary, then the whole table on one portrait page, turned a quarter (CSS ``rotate(-90deg)``:
the text runs bottom to top, and no /Rotate entry says so), with the page number ``- ๓ -``
upright at the foot of that page, as a print driver or a rotated text box leaves it.

The truth rows are written by hand below from what the pages show.
"""

from __future__ import annotations

import html
from pathlib import Path

import pdfplumber

from .html_print import (
    SAMPLES,
    as_truth_text,
    check,
    letters,
    page_sizes,
    page_texts,
    plan_row,
    print_html,
    write_truth,
)

PDF = SAMPLES / "row-per-page-km-plan-2566.pdf"
TRUTH = SAMPLES / "row-per-page-km-plan-2566.truth.jsonl"
SIDEWAYS_PDF = SAMPLES / "row-per-page-km-plan-2566-sideways.pdf"
SIDEWAYS_TRUTH = SAMPLES / "row-per-page-km-plan-2566-sideways.truth.jsonl"

ORG = "องค์การบริหารส่วนตำบลเวียงหมอก"
DEPT = "สำนักปลัด"
GOAL = "การให้บริการรับชำระภาษีที่ดินและสิ่งปลูกสร้างอย่างถูกต้องและรวดเร็ว"
DELIVERABLE = "คู่มือการรับชำระภาษีที่ดินและสิ่งปลูกสร้าง"
COVER = [
    "แผนการจัดการความรู้",
    "(Knowledge Management Action Plan)",
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
    ORG,
    "อำเภอเวียงหมอก จังหวัดดอยสายหมอก",
]
SUMMARY_TITLE = "สรุปแผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
SUMMARY_TEXT = (
    f"{ORG}ได้จัดทำแผนการจัดการความรู้เพื่อเป็นแนวทางในการพัฒนาบุคลากร "
    "โดยมีรายละเอียดของหน่วยงานและองค์ความรู้ที่จะดำเนินการดังตารางต่อไปนี้"
)
SUMMARY_HEADERS = ["ลำดับ", "หน่วยงาน", "เป้าหมาย KM", "ระยะเวลาดำเนินการ", "จำนวนกิจกรรม"]
SUMMARY_ROWS = [
    ["๑", DEPT, GOAL, "ต.ค. ๒๕๖๕ - ก.ย. ๒๕๖๖", "๗"],
    ["๒", "กองคลัง", "การจัดทำทะเบียนทรัพย์สิน", "ต.ค. ๒๕๖๕ - ก.ย. ๒๕๖๖", "๗"],
]
TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
HEADERS = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย",
           "ผู้รับผิดชอบ", "หมายเหตุ"]  # fmt: skip
ROWS = [
    ["1", "การบ่งชี้ความรู้", "ประชุมคณะทำงานเพื่อกำหนดความรู้ที่จำเป็นในการรับชำระภาษี",
     "๑๔ ต.ค. ๖๕", "จำนวนองค์ความรู้ที่กำหนด", "1 เรื่อง", "งานจัดเก็บรายได้", ""],
    ["2", "การสร้างและแสวงหาความรู้", "ศึกษาระเบียบและกฎหมายที่เกี่ยวข้องจากเอกสารและผู้มีประสบการณ์",
     "พ.ย. - ธ.ค. 2565 (25 ธ.ค.65)", "ร้อยละของเอกสารที่รวบรวม", "ร้อยละ 80",
     "งานจัดเก็บรายได้", "ศึกษาดูงาน 25 ธ.ค.65"],
    ["3", "การจัดความรู้ให้เป็นระบบ", "จัดหมวดหมู่ความรู้ตามขั้นตอนการรับชำระภาษี",
     "มกราคม ๒๕๖๖ (จัดในวันที่ 27 ม.ค.66 ณ ห้องประชุม อบต. ใช้งบประมาณ ๗,๕๐๐ บาท)",
     "จำนวนหมวดหมู่ความรู้", "ไม่น้อยกว่า 3 หมวด", "งานจัดเก็บรายได้", ""],
    ["4", "การประมวลและกลั่นกรองความรู้", "ตรวจสอบความถูกต้องของเนื้อหาโดยหัวหน้าส่วนราชการ",
     "14 ก.พ. 66", "ร้อยละของเนื้อหาที่ผ่านการตรวจสอบ", "ร้อยละ 100", "หัวหน้าสำนักปลัด", ""],
    ["5", "การเข้าถึงความรู้", "เผยแพร่คู่มือทางเว็บไซต์และบอร์ดประชาสัมพันธ์",
     "มี.ค.-เม.ย. 2566 (3 ส.ค.66)", "จำนวนช่องทางการเผยแพร่", "2 ช่องทาง",
     "งานประชาสัมพันธ์", "เผยแพร่ล่าช้า"],
    ["6", "การแบ่งปันแลกเปลี่ยนความรู้", "จัดกิจกรรมแลกเปลี่ยนเรียนรู้ภายในหน่วยงาน",
     "1 - 15 มิ.ย. 66", "ร้อยละของผู้เข้าร่วมกิจกรรม", "ร้อยละ 85 ขึ้นไป",
     "งานจัดเก็บรายได้", ""],
    ["7", "การเรียนรู้", "นำคู่มือไปใช้ในการให้บริการประชาชน", "ก.ค. - ก.ย. ๒๕๖๖",
     "ระดับความพึงพอใจของผู้รับบริการ", "ร้อยละ 90", "งานจัดเก็บรายได้", ""],
]  # fmt: skip
# Written by hand from the pages: step, first and last day, target percentage,
# comparator, count and unit of each row.
CANONICAL = [
    (1, "2022-10-14", "2022-10-14", None, None, 1.0, "เรื่อง"),
    (2, "2022-11-01", "2022-12-31", 80.0, None, None, None),
    (3, "2023-01-01", "2023-01-31", None, "gte", 3.0, "หมวด"),
    (4, "2023-02-14", "2023-02-14", 100.0, None, None, None),
    (5, "2023-03-01", "2023-04-30", None, None, 2.0, "ช่องทาง"),
    (6, "2023-06-01", "2023-06-15", 85.0, "gte", None, None),
    (7, "2023-07-01", "2023-09-30", 90.0, None, None, None),
]
FIRST_PLAN_PAGE = 3

CSS = """
@page { size: A4 portrait; margin: 25mm 20mm; }
@page plan { size: A4 landscape; margin: 12mm; }
body { font-family: Laksaman; font-size: 16pt; margin: 0; }
p { margin: 0 0 6pt 0; }
.cover { text-align: center; font-weight: bold; font-size: 24pt; margin-top: 30pt; }
.summary { break-before: page; }
.summary h1 { text-align: center; font-size: 18pt; }
.summary p { text-indent: 2cm; }
.plan { page: plan; break-before: page; font-size: 14pt; }
.plan .title { text-align: center; font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; }
th, td { border: 0.75pt solid #000; padding: 3pt 5pt; vertical-align: top; }
th { background: #e8e8e8; }
.plan table { table-layout: fixed; }
.plan tbody tr + tr { break-before: page; }
"""
# The sideways version: the plan page portrait, its content turned a quarter.
SIDEWAYS_CSS = """
@page plan { size: A4 portrait; margin: 0; }
.plan { height: 297mm; position: relative; }
.plan tbody tr + tr { break-before: auto; }
.plan .turn { position: absolute; left: 0; top: 0; width: 273mm; transform-origin: top left;
              transform: translate(12mm, 285mm) rotate(-90deg); }
.plan .number { position: absolute; bottom: 8mm; width: 100%; text-align: center; }
"""
WIDTHS = [5, 14, 20, 13, 15, 9, 13, 11]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _table(headers: list[str], rows: list[list[str]], widths: list[float] | None) -> str:
    cols = "".join(f'<col style="width:{w}%">' for w in widths) if widths else ""
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def document(sideways: bool = False) -> str:
    cover = "".join(f'<p class="cover">{_esc(line)}</p>' for line in COVER)
    summary = (
        f'<div class="summary"><h1>{_esc(SUMMARY_TITLE)}</h1><p>{_esc(SUMMARY_TEXT)}</p>'
        f"{_table(SUMMARY_HEADERS, SUMMARY_ROWS, None)}</div>"
    )
    plan = (
        f'<p class="title">{_esc(TITLE)}</p>'
        f"<p>ชื่อหน่วยงาน : {_esc(ORG)} ({_esc(DEPT)})</p>"
        f"<p>เป้าหมาย KM : {_esc(GOAL)}</p>"
        f"<p>หน่วยที่วัดผลได้เป็นรูปธรรม : {_esc(DELIVERABLE)}</p>"
        f"{_table(HEADERS, ROWS, WIDTHS)}"
    )
    css = CSS + (SIDEWAYS_CSS if sideways else "")
    if sideways:
        plan = f'<p class="number">- ๓ -</p><div class="turn">{plan}</div>'
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{css}</style></head>'
        f'<body>{cover}{summary}<div class="plan">{plan}</div></body></html>'
    )


def verify_sideways(path: Path) -> None:
    sizes = page_sizes(path)
    check(len(sizes) == FIRST_PLAN_PAGE, f"{len(sizes)} pages")
    check(all(w < h and rotate == 0 for w, h, rotate in sizes), "portrait pages, no /Rotate")
    with pdfplumber.open(path) as pdf:
        chars = [c for c in pdf.pages[FIRST_PLAN_PAGE - 1].chars if c["text"].strip()]
    upward = [c for c in chars if c["matrix"][1] > 0 and abs(c["matrix"][0]) < 1e-6]
    upright = [c["text"] for c in chars if c["upright"]]
    check(len(upward) > 0.9 * len(chars), "the table's text runs bottom to top")
    check(upright == ["-", "๓", "-"], f"only the page number is upright: {upright}")


def verify(path: Path) -> None:
    sizes = page_sizes(path)
    check(len(sizes) == FIRST_PLAN_PAGE + len(ROWS) - 1, f"{len(sizes)} pages")
    for number, (width, height, rotate) in enumerate(sizes, start=1):
        landscape = number >= FIRST_PLAN_PAGE
        check((width > height) == landscape, f"page {number} orientation")
        check(rotate == 0, f"page {number} has no /Rotate")
    texts = page_texts(path)
    with pdfplumber.open(path) as pdf:
        for number in range(FIRST_PLAN_PAGE, len(sizes) + 1):
            tables = pdf.pages[number - 1].find_tables()
            check(len(tables) == 1 and len(tables[0].rows) == 2, f"page {number}: header + 1 row")
    for index, row in enumerate(ROWS):
        page = texts[FIRST_PLAN_PAGE - 1 + index]
        number = FIRST_PLAN_PAGE + index
        check(letters(page).count(letters("ลำดับ")) == 1, f"one header row on page {number}")
        check(letters(row[4])[:8] in letters(page), f"row {index + 1} on page {number}")


def truth(sideways: bool = False) -> list[dict[str, object]]:
    out = []
    for index, (row, canonical) in enumerate(zip(ROWS, CANONICAL, strict=True)):
        step, start, end, percent, comparator, count, unit = canonical
        seq, activity, method, period, indicator, target, responsible, note = map(
            as_truth_text, row
        )
        out.append(
            plan_row(
                organization=ORG,
                fiscal_year=2566,
                department=DEPT,
                km_goal=GOAL,
                deliverable=DELIVERABLE,
                seq=int(seq),
                step=step,
                activity=activity,
                method=method,
                period_text=period,
                period_start=start,
                period_end=end,
                indicator=indicator,
                target=target,
                target_percent=percent,
                target_comparator=comparator,
                target_count=count,
                target_unit=unit,
                responsible=responsible,
                note=note or None,
                page=FIRST_PLAN_PAGE + (0 if sideways else index),
            )
        )
    return out


def main() -> None:
    print_html(document(), PDF)
    verify(PDF)
    write_truth(TRUTH, truth())
    print_html(document(sideways=True), SIDEWAYS_PDF)
    verify_sideways(SIDEWAYS_PDF)
    write_truth(SIDEWAYS_TRUTH, truth(sideways=True))
    print(f"wrote {PDF.name}, {SIDEWAYS_PDF.name} and their truth")


if __name__ == "__main__":
    main()
