"""Build samples/footnotes-km-plan-2564.pdf and its truth: two plans, each table followed
by a footnote block (หมายเหตุ ๑. ... ๒. ...), each with a combined ระยะเวลา/งบประมาณ column.

    .venv/bin/python -m samples.build.footnotes     # needs chromium, fonts-tlwg-norasi

A fictional district health office (สำนักงานสาธารณสุขอำเภอเวียงหมอก), fiscal year 2564.
- page 1 (portrait): the announcement;
- page 2 (landscape): plan 1, a KM Process table whose ระยะเวลา/งบประมาณ cells hold the
  period alone or the period over an amount (``พ.ย. - ธ.ค. ๒๕๖๓`` / ``๑๒,๐๐๐ บาท``); under
  it, outside the table, the footnote paragraphs ``หมายเหตุ ๑. ...`` and ``๒. ...``;
- page 3 (landscape): plan 2, a project list with the same combined column; its footnote
  is printed inside the table, as rows merged across every column: ``หมายเหตุ``, then
  ``๑. ...`` and ``๒. ...`` (numbered like rows, but never rows).
Thai digits throughout the tables, Norasi.

The contract keeps a budget for project lists only: the KM Process rows' amounts are
printed but not a field of theirs. The truth rows are written by hand below.
"""

from __future__ import annotations

import html
from pathlib import Path

from .html_print import (
    SAMPLES,
    as_truth_text,
    check,
    letters,
    page_sizes,
    page_texts,
    print_html,
    thai_digits,
    write_truth,
)

PDF = SAMPLES / "footnotes-km-plan-2564.pdf"
TRUTH = SAMPLES / "footnotes-km-plan-2564.truth.jsonl"

ORG = "สำนักงานสาธารณสุขอำเภอเวียงหมอก"
SIGNER = "นายวิชัย ใจงาม"
ANNOUNCEMENT = [
    ("center", f"ประกาศ{ORG}"),
    ("center", "เรื่อง แผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"),
    (
        "body",
        f"{ORG}ได้จัดทำแผนการจัดการความรู้ ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ "
        "เพื่อพัฒนาการป้องกันและควบคุมโรคในพื้นที่ จึงประกาศให้ทราบโดยทั่วกัน",
    ),
    ("sign", "ประกาศ ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๓"),
    ("sign", f"({SIGNER})"),
    ("sign", "สาธารณสุขอำเภอเวียงหมอก"),
]

KM_TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
KM_DEPT = "กลุ่มงานควบคุมโรค"
KM_GOAL = "การเฝ้าระวังและควบคุมโรคไข้เลือดออกในชุมชน"
KM_DELIVERABLE = "แนวทางการควบคุมโรคไข้เลือดออกระดับอำเภอ"
KM_HEADERS = ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา/งบประมาณ", "ตัวชี้วัด",
              "เป้าหมาย", "ผู้รับผิดชอบ"]  # fmt: skip
# ระยะเวลา/งบประมาณ cells: the period, and the amount on its own line where one is printed.
KM_ROWS = [
    ["1", "การบ่งชี้ความรู้", "ประชุมทีมงานเพื่อทบทวนความรู้ที่จำเป็นในการควบคุมโรค",
     ("ต.ค. 2563", ""), "จำนวนองค์ความรู้ที่จำเป็น", "1 เรื่อง", KM_DEPT],
    ["2", "การสร้างและแสวงหาความรู้", "อบรมเชิงปฏิบัติการการสอบสวนโรคแก่เจ้าหน้าที่",
     ("พ.ย. - ธ.ค. 2563", "12,000 บาท"), "ร้อยละของผู้ผ่านการอบรม", "ร้อยละ 80", KM_DEPT],
    ["3", "การจัดความรู้ให้เป็นระบบ", "จัดทำฐานข้อมูลผู้ป่วยและพื้นที่เสี่ยง",
     ("ม.ค. 2564", "3,000 บาท"), "จำนวนฐานข้อมูล", "1 ฐานข้อมูล", KM_DEPT],
    ["4", "การประมวลและกลั่นกรองความรู้", "คณะกรรมการตรวจสอบความถูกต้องของแนวทาง",
     ("14 ก.พ. 64", ""), "ร้อยละของเนื้อหาที่ผ่านการตรวจสอบ", "ร้อยละ 100", KM_DEPT],
    ["5", "การเข้าถึงความรู้", "เผยแพร่แนวทางแก่โรงพยาบาลส่งเสริมสุขภาพตำบลทุกแห่ง",
     ("มี.ค.-เม.ย. 2564 (3 ส.ค.64)", ""), "จำนวนหน่วยบริการที่ได้รับแนวทาง", "12 แห่ง",
     "งานระบาดวิทยา"],
    ["6", "การแบ่งปันแลกเปลี่ยนความรู้", "จัดเวทีแลกเปลี่ยนเรียนรู้ระหว่างหน่วยบริการ",
     ("มิ.ย. 2564", "5,000 บาท"), "ร้อยละของหน่วยบริการที่เข้าร่วม", "ไม่น้อยกว่าร้อยละ 90",
     KM_DEPT],
    ["7", "การเรียนรู้", "นำแนวทางไปใช้ในการควบคุมโรคในพื้นที่", ("ก.ค. - ส.ค. 2564", "-"),
     "อัตราป่วยด้วยโรคไข้เลือดออกลดลง", "ร้อยละ 20", KM_DEPT],
]  # fmt: skip
KM_FOOTNOTES = [
    "หมายเหตุ ๑. งบประมาณจากเงินบำรุงของโรงพยาบาลเวียงหมอก ปีงบประมาณ พ.ศ. ๒๕๖๔",
    "๒. ระยะเวลาดำเนินการอาจปรับเปลี่ยนตามสถานการณ์การระบาดของโรค",
]
# step, first and last day, percentage, comparator, count, unit: by hand from the page.
KM_CANONICAL = [
    (1, "2020-10-01", "2020-10-31", None, None, 1.0, "เรื่อง"),
    (2, "2020-11-01", "2020-12-31", 80.0, None, None, None),
    (3, "2021-01-01", "2021-01-31", None, None, 1.0, "ฐานข้อมูล"),
    (4, "2021-02-14", "2021-02-14", 100.0, None, None, None),
    (5, "2021-03-01", "2021-04-30", None, None, 12.0, "แห่ง"),
    (6, "2021-06-01", "2021-06-30", 90.0, "gte", None, None),
    (7, "2021-07-01", "2021-08-31", 20.0, None, None, None),
]

PROJECT_TITLE = "แผนการจัดการความรู้ : โครงการ/กิจกรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๔"
PROJECT_DEPT = "กลุ่มงานส่งเสริมสุขภาพ"
PROJECT_HEADERS = ["ลำดับ", "ชื่อโครงการ/กิจกรรม", "กลุ่มเป้าหมาย", "ระยะเวลา/งบประมาณ",
                   "องค์ความรู้ Tacit Knowledge", "Explicit Knowledge", "หน่วยงาน"]  # fmt: skip
PROJECT_ROWS = [
    ["1", "โครงการพัฒนาศักยภาพอาสาสมัครสาธารณสุขประจำหมู่บ้าน", "อสม. จำนวน 60 คน",
     ("ม.ค. - ก.พ. 2564", "15,000 บาท"), "ประสบการณ์การเยี่ยมบ้านผู้ป่วยเรื้อรัง",
     "คู่มือการเยี่ยมบ้านผู้ป่วยเรื้อรัง", PROJECT_DEPT],
    ["2", "โครงการแลกเปลี่ยนเรียนรู้การดูแลผู้สูงอายุที่มีภาวะพึ่งพิง",
     "ผู้ดูแลจำนวน 30 คน", ("มีนาคม 2564", "7,500 บาท"),
     "เทคนิคการฟื้นฟูสมรรถภาพผู้สูงอายุที่บ้าน", "แนวปฏิบัติการดูแลผู้สูงอายุติดเตียง",
     PROJECT_DEPT],
    ["3", "โครงการรณรงค์ป้องกันโรคไข้เลือดออกในชุมชน", "ประชาชนในเขตรับผิดชอบ",
     ("มิ.ย. - ก.ค. 2564", ""), "การสร้างการมีส่วนร่วมของชุมชน", "สื่อประชาสัมพันธ์การกำจัดลูกน้ำยุงลาย",
     "งานควบคุมโรค"],
]  # fmt: skip
PROJECT_FOOTNOTES = [
    "หมายเหตุ",
    "๑. โครงการที่ไม่ระบุงบประมาณใช้งบประมาณจากกองทุนหลักประกันสุขภาพตำบล",
    "๒. Tacit Knowledge หมายถึงความรู้ในตัวบุคคล Explicit Knowledge หมายถึงความรู้ที่บันทึกไว้",
]
PROJECT_CANONICAL = [  # first and last day, budget
    ("2021-01-01", "2021-02-28", 15000.0),
    ("2021-03-01", "2021-03-31", 7500.0),
    ("2021-06-01", "2021-07-31", None),
]

CSS = """
@page { size: A4 portrait; margin: 25mm 20mm; }
@page plan { size: A4 landscape; margin: 12mm; }
body { font-family: Norasi; font-size: 15pt; margin: 0; }
p { margin: 0 0 5pt 0; }
.center { text-align: center; }
.body { text-indent: 2.5cm; }
.sign { margin-left: 7cm; text-align: center; }
.plan { page: plan; break-before: page; font-size: 12pt; }
.plan .title { text-align: center; font-weight: bold; }
.plan .note { margin: 0 0 0 1.4cm; }
.plan .note.first { margin: 4pt 0 0 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 4pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
td.seq { text-align: center; }
"""
KM_WIDTHS = [5, 15, 22, 14, 17, 12, 15]
PROJECT_WIDTHS = [5, 20, 13, 13, 17, 17, 15]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _cell(value: str | tuple[str, str], index: int) -> str:
    if isinstance(value, tuple):  # ระยะเวลา/งบประมาณ: the period, then the amount's line
        period, amount = (thai_digits(part) for part in value)
        inner = _esc(period) + (f"<br>{_esc(amount)}" if amount else "")
    else:
        inner = _esc(thai_digits(value))
    return f'<td class="seq">{inner}</td>' if index == 0 else f"<td>{inner}</td>"


def _table(headers: list[str], rows: list[list[object]], widths: list[float], foot: str) -> str:
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(_cell(c, i) for i, c in enumerate(r)) + "</tr>"  # type: ignore[arg-type]
        for r in rows
    )
    return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{body}{foot}</tbody></table>"


def document() -> str:
    front = "".join(f'<p class="{cls}">{_esc(text)}</p>' for cls, text in ANNOUNCEMENT)
    km_notes = "".join(
        f'<p class="note{" first" if i == 0 else ""}">{_esc(t)}</p>'
        for i, t in enumerate(KM_FOOTNOTES)
    )
    plan1 = (
        f'<div class="plan"><p class="title">{_esc(KM_TITLE)}</p>'
        f"<p>ชื่อหน่วยงาน : {_esc(ORG)} ({_esc(KM_DEPT)})</p>"
        f"<p>เป้าหมาย KM : {_esc(KM_GOAL)}</p>"
        f"<p>หน่วยที่วัดผลได้เป็นรูปธรรม : {_esc(KM_DELIVERABLE)}</p>"
        f"{_table(KM_HEADERS, KM_ROWS, KM_WIDTHS, '')}{km_notes}</div>"  # type: ignore[arg-type]
    )
    span = len(PROJECT_HEADERS)
    foot = "".join(f'<tr><td colspan="{span}">{_esc(t)}</td></tr>' for t in PROJECT_FOOTNOTES)
    plan2 = (
        f'<div class="plan"><p class="title">{_esc(PROJECT_TITLE)}</p>'
        f"<p>ชื่อหน่วยงาน : {_esc(ORG)} ({_esc(PROJECT_DEPT)})</p>"
        f"{_table(PROJECT_HEADERS, PROJECT_ROWS, PROJECT_WIDTHS, foot)}</div>"  # type: ignore[arg-type]
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head>'
        f"<body>{front}{plan1}{plan2}</body></html>"
    )


def verify(path: Path) -> None:
    sizes = page_sizes(path)
    check(len(sizes) == 3, f"3 pages, not {len(sizes)}")
    check([w > h for w, h, _ in sizes] == [False, True, True], "portrait, landscape, landscape")
    texts = [letters(t) for t in page_texts(path)]
    for page, rows, notes in ((2, KM_ROWS, KM_FOOTNOTES), (3, PROJECT_ROWS, PROJECT_FOOTNOTES)):
        text = texts[page - 1]
        last = letters(str(rows[-1][2]))[:10]
        check(last in text, f"page {page} holds its table's last row")
        for note in notes:
            found = text.find(letters(note)[:14])
            check(found > text.find(last), f"page {page}: footnote {note[:20]!r} under the table")


def _km_row(row: list[object], canonical: tuple[object, ...], page: int) -> dict[str, object]:
    seq, activity, method, (period, _amount), indicator, target, responsible = row  # type: ignore[misc]
    step, start, end, percent, comparator, count, unit = canonical
    return {
        **_document_fields(),
        "department": KM_DEPT,
        "km_goal": KM_GOAL,
        "deliverable": KM_DELIVERABLE,
        "seq": int(str(seq)),
        "step": step,
        "activity": as_truth_text(str(activity)),
        "method": as_truth_text(str(method)),
        "period_text": as_truth_text(period),
        "period_start": start,
        "period_end": end,
        "indicator": as_truth_text(str(indicator)),
        "target": as_truth_text(str(target)),
        "target_percent": percent,
        "target_comparator": comparator,
        "target_count": count,
        "target_unit": unit,
        "responsible": as_truth_text(str(responsible)),
        "page": page,
        "plan_type": "km_process",
        "target_group": None,
        "budget_baht": None,  # a KM Process row has no budget field (project lists only)
        "tacit_knowledge": None,
        "explicit_knowledge": None,
    }


def _project_row(row: list[object], canonical: tuple[object, ...], page: int) -> dict[str, object]:
    seq, name, group, (period, _amount), tacit, explicit, unit = row  # type: ignore[misc]
    start, end, budget = canonical
    return {
        **_document_fields(),
        "department": PROJECT_DEPT,
        "km_goal": "",
        "deliverable": None,
        "seq": int(str(seq)),
        "step": None,
        "activity": as_truth_text(str(name)),
        "method": "",
        "period_text": as_truth_text(period),
        "period_start": start,
        "period_end": end,
        "indicator": "",
        "target": "",
        "target_percent": None,
        "target_comparator": None,
        "target_count": None,
        "target_unit": None,
        "responsible": as_truth_text(str(unit)),
        "page": page,
        "plan_type": "project_list",
        "target_group": as_truth_text(str(group)),
        "budget_baht": budget,
        "tacit_knowledge": as_truth_text(str(tacit)),
        "explicit_knowledge": as_truth_text(str(explicit)),
    }


def _document_fields() -> dict[str, object]:
    return {
        "organization": ORG,
        "fiscal_year": 2564,
        "announced_on": "2020-10-15",
        "reference_no": None,
        "signed_by": SIGNER,
        "note": None,
        "year_basis": "fiscal",
        "element": None,
        "document_kind": "plan",
        "result_text": None,
        "status": None,
        "extra_columns": None,
        "ocr_confidence": None,
    }


def truth() -> list[dict[str, object]]:
    km = [_km_row(r, c, 2) for r, c in zip(KM_ROWS, KM_CANONICAL, strict=True)]  # type: ignore[arg-type]
    projects = [
        _project_row(r, c, 3)  # type: ignore[arg-type]
        for r, c in zip(PROJECT_ROWS, PROJECT_CANONICAL, strict=True)
    ]
    return km + projects


def main() -> None:
    print_html(document(), PDF)
    verify(PDF)
    write_truth(TRUTH, truth())
    print(f"wrote {PDF.name} and {TRUTH.name}")


if __name__ == "__main__":
    main()
