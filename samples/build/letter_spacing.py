"""Build samples/letterspaced-km-plan-2567.pdf and its truth: a KM Process plan whose cells
are justified with letter spacing, as Word's Thai Distributed alignment and CSS print them.

    .venv/bin/python -m samples.build.letter_spacing     # needs chromium, fonts-tlwg-laksaman

A fictional municipality (เทศบาลตำบลดอยสายหมอก), fiscal year 2567. Page 1 (portrait): the
announcement, its heading letter-spaced. Page 2 (landscape): the plan title, the header
lines and one 7-row table in which
- the header row and most columns are letter-spaced (CSS ``letter-spacing`` 0.2-0.5 em),
  others justified between characters (``text-justify: inter-character``);
- ลำดับ is printed in Thai digits, one period mixes Thai and Arabic digits in its year
  (``ต.ค. - พ.ย. ๒๕๖6``);
- เป้าหมาย is a narrow column that breaks lines anywhere (``word-break: break-all``), so
  that two targets wrap inside their number (``ร้อยละ 8`` / ``0``); the builder checks
  the break on the printed page.
Plain pdfplumber reads the spaced cells one character per word (``ก า ร บ่ ง ชี้``).

The truth rows are written by hand below: text fields are the printed strings (Thai
digits as Arabic, whitespace collapsed); steps, dates and percentages are literals.
"""

from __future__ import annotations

import html
from pathlib import Path

import pdfplumber

from .html_print import (
    SAMPLES,
    as_truth_text,
    check,
    page_sizes,
    page_texts,
    plan_row,
    print_html,
    thai_digits,
    write_truth,
)

PDF = SAMPLES / "letterspaced-km-plan-2567.pdf"
TRUTH = SAMPLES / "letterspaced-km-plan-2567.truth.jsonl"

ORG = "เทศบาลตำบลดอยสายหมอก"
DEPT = "กองสาธารณสุขและสิ่งแวดล้อม"
GOAL = "การจัดการขยะมูลฝอยชุมชนแบบมีส่วนร่วม"
DELIVERABLE = "คู่มือการคัดแยกขยะมูลฝอยในครัวเรือน"
SIGNER = "นางสาวมาลัย ศรีสุขใจ"
ANNOUNCEMENT = [
    ("heading", f"ประกาศ{ORG}"),
    ("center", "เรื่อง แผนการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
    ("center", "---------------------------------"),
    (
        "body",
        f"เพื่อให้การจัดการความรู้ของ{ORG}เป็นไปอย่างมีระบบและต่อเนื่อง "
        "จึงประกาศใช้แผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ตามเอกสารแนบท้ายประกาศนี้",
    ),
    ("body", "จึงประกาศให้ทราบโดยทั่วกัน"),
    ("sign", "ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖"),
    ("sign", f"({SIGNER})"),
    ("sign", "นายกเทศมนตรีตำบลดอยสายหมอก"),
]
TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
HEADERS = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย",
           "ผู้รับผิดชอบ"]  # fmt: skip
# How each column is set (the CSS class of its cells).
STYLES = ["seq", "ls35", "justify", "ls30", "justify", "narrow", "ls50"]
STEPS = [
    "การบ่งชี้ความรู้",
    "การสร้างและแสวงหาความรู้",
    "การจัดความรู้ให้เป็นระบบ",
    "การประมวลและกลั่นกรองความรู้",
    "การเข้าถึงความรู้",
    "การแบ่งปันแลกเปลี่ยนความรู้",
    "การเรียนรู้",
]
METHODS = [
    "ประชุมเจ้าหน้าที่เพื่อกำหนดความรู้ที่จำเป็นในการจัดการขยะมูลฝอยชุมชน",
    "รวบรวมความรู้จากผู้มีประสบการณ์และเอกสารวิชาการของชุมชนต้นแบบ",
    "จัดหมวดหมู่ความรู้ตามประเภทของขยะมูลฝอย",
    "ตรวจสอบความถูกต้องของเนื้อหาโดยคณะทำงาน",
    "เผยแพร่ความรู้ทางเว็บไซต์และเสียงตามสาย",
    "จัดเวทีแลกเปลี่ยนเรียนรู้ระหว่างชุมชน",
    "นำความรู้ไปใช้ในการคัดแยกขยะของครัวเรือน",
]
PERIODS = [
    "ต.ค. - พ.ย. ๒๕๖6",
    "ธันวาคม ๒๕๖๖",
    "ม.ค. 2567",
    "ก.พ. - มี.ค. 2567",
    "เมษายน 2567",
    "พ.ค. - มิ.ย. 2567",
    "ก.ค. - ส.ค. 2567",
]
INDICATORS = [
    "จำนวนหัวข้อความรู้ที่กำหนด",
    "ร้อยละของบุคลากรที่ได้รับความรู้",
    "จำนวนระบบจัดเก็บความรู้",
    "ร้อยละของเนื้อหาที่ผ่านการตรวจสอบ",
    "จำนวนช่องทางการเผยแพร่",
    "ร้อยละของผู้เข้าร่วมที่พึงพอใจ",
    "ร้อยละของครัวเรือนที่คัดแยกขยะ",
]
# The narrow column breaks each ร้อยละ inside its number, and ช่องทาง inside the word
# (checked below: row -> the digit or letters the second line holds).
TARGETS = ["1 เรื่อง", "ร้อยละ 80", "1 ระบบ", "ร้อยละ 90", "2 ช่องทาง", "ร้อยละ 75",
           "ร้อยละ 60"]  # fmt: skip
WRAPPED_TARGETS = {2: "0", 4: "0", 5: "ง", 6: "5", 7: "0"}
RESPONSIBLE = "งานรักษาความสะอาด"

# Written by hand from the page: step, first and last day, and the target's percentage,
# count and unit of each row (no target prints a comparator).
CANONICAL = [
    (1, "2023-10-01", "2023-11-30", None, 1.0, "เรื่อง"),
    (2, "2023-12-01", "2023-12-31", 80.0, None, None),
    (3, "2024-01-01", "2024-01-31", None, 1.0, "ระบบ"),
    (4, "2024-02-01", "2024-03-31", 90.0, None, None),
    (5, "2024-04-01", "2024-04-30", None, 2.0, "ช่องทาง"),
    (6, "2024-05-01", "2024-06-30", 75.0, None, None),
    (7, "2024-07-01", "2024-08-31", 60.0, None, None),
]

CSS = """
@page { size: A4 portrait; margin: 20mm 18mm; }
@page plan { size: A4 landscape; margin: 10mm 12mm; }
body { font-family: Laksaman; font-size: 16pt; margin: 0; }
p { margin: 0 0 4pt 0; }
.heading { text-align: center; font-weight: bold; letter-spacing: 0.3em; }
.center { text-align: center; }
.body { text-indent: 2.5cm; }
.sign { margin-left: 7cm; text-align: center; }
.plan { page: plan; break-before: page; font-size: 11pt; }
.plan .title { text-align: center; font-weight: bold; }
.plan .labels { letter-spacing: 0.2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 4pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
th { letter-spacing: 0.25em; text-align: center; }
td.seq { text-align: center; }
td.ls30 { letter-spacing: 0.3em; }
td.ls35 { letter-spacing: 0.35em; }
td.ls50 { letter-spacing: 0.5em; }
td.justify { text-align: justify; text-justify: inter-character; letter-spacing: 0.12em; }
td.narrow { word-break: break-all; }
"""
WIDTHS = [5, 15, 22, 13, 18, 6.8, 20.2]  # per cent of the table


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def rows() -> list[list[str]]:
    return [
        [
            thai_digits(str(i + 1)),
            STEPS[i],
            METHODS[i],
            PERIODS[i],
            INDICATORS[i],
            TARGETS[i],
            RESPONSIBLE,
        ]  # fmt: skip
        for i in range(7)
    ]


def document() -> str:
    front = "".join(f'<p class="{cls}">{_esc(text)}</p>' for cls, text in ANNOUNCEMENT)
    cols = "".join(f'<col style="width:{w}%">' for w in WIDTHS)
    head = "".join(f"<th>{_esc(h)}</th>" for h in HEADERS)
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{s}">{_esc(c)}</td>' for s, c in zip(STYLES, row, strict=True))
        + "</tr>"
        for row in rows()
    )
    plan = (
        '<div class="plan">'
        f'<p class="title">{_esc(TITLE)}</p>'
        f'<p class="labels">ชื่อหน่วยงาน : {_esc(ORG)} ({_esc(DEPT)})</p>'
        f'<p class="labels">เป้าหมาย KM : {_esc(GOAL)}</p>'
        f'<p class="labels">หน่วยที่วัดผลได้เป็นรูปธรรม : {_esc(DELIVERABLE)}</p>'
        f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</div>"
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head>'
        f"<body>{front}{plan}</body></html>"
    )


def _target_lines(path: Path) -> dict[int, list[str]]:
    """The printed lines of each เป้าหมาย cell, by row number (plain pdfplumber)."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[1]
        table = page.find_tables()[0]
        lines = {}
        for number, row in enumerate(table.rows[1:], start=1):
            cell = row.cells[HEADERS.index("เป้าหมาย")]
            assert cell is not None
            text = page.crop(cell).extract_text(x_tolerance=1.5) or ""
            lines[number] = text.splitlines()
        return lines


def verify(path: Path) -> None:
    sizes = page_sizes(path)
    check(len(sizes) == 2, f"2 pages, not {len(sizes)}")
    check(sizes[0][0] < sizes[0][1] and sizes[1][0] > sizes[1][1], "portrait, then landscape")
    check(all(rotate == 0 for _, _, rotate in sizes), "no /Rotate")
    texts = page_texts(path)
    # What plain text extraction makes of the spacing: one character per word.
    check("ก า ร" in texts[1] and "ส ะ อ า ด" in texts[1], "the cells are letter-spaced")
    check("ป ร ะ ก า ศ" in texts[0], "the announcement's heading is letter-spaced")
    targets = _target_lines(path)
    for number in range(1, 8):
        lines, second = targets[number], WRAPPED_TARGETS.get(number)
        wrapped = len(lines) == 2 and lines[1] == second
        check(wrapped if second else len(lines) == 1, f"row {number} target lines {lines}")
        if second and second.isdigit():
            check(lines[0][-1].isdigit(), f"row {number} breaks inside its number: {lines}")


def truth() -> list[dict[str, object]]:
    out = []
    for row, (step, start, end, percent, count, unit) in zip(rows(), CANONICAL, strict=True):
        seq, activity, method, period, indicator, target, responsible = map(as_truth_text, row)
        out.append(
            plan_row(
                organization=ORG,
                fiscal_year=2567,
                announced_on="2023-10-02",
                signed_by=SIGNER,
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
                target_count=count,
                target_unit=unit,
                responsible=responsible,
                page=2,
            )
        )
    return out


def main() -> None:
    print_html(document(), PDF)
    verify(PDF)
    write_truth(TRUTH, truth())
    print(f"wrote {PDF.name} and {TRUTH.name}")


if __name__ == "__main__":
    main()
