"""Build samples/wiangmok-hospital-km-plan-2569-own-columns.pdf and its truth: a KM plan on
no known template, its columns the organization's own, English headers mixed with Thai,
periods as quarters.

    .venv/bin/python -m samples.build.own_columns     # needs chromium, fonts-tlwg-laksaman

A fictional hospital (โรงพยาบาลเวียงหมอก), fiscal year 2569 (1 Oct 2025 - 30 Sep 2026),
no memo and no cover: the document is the plan itself, two landscape pages.
- page 1: the title แผนปฏิบัติการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙
  (a title no template prints), the hospital's name under it, and a table of the
  hospital's own columns: ลำดับ | หัวข้อ (Topic) | รูปแบบ | Owner | Output | KPI | Target |
  ไตรมาส, whose ไตรมาส cells print quarters as text (Q1, Q2-Q3, ไตรมาสที่ ๒, ไตรมาส 3 - 4,
  Q1 – Q4, Q4/2569);
- page 2: a unit's plan (หน่วยงาน : ..., เป้าหมาย KM : ...) in a table of the same kind whose
  period is four quarter columns Q1 | Q2 | Q3 | Q4 under a merged ไตรมาส cell, each row
  marking its quarters with a tick.

รูปแบบ (the format of the activity) and Output name no field of the export contract: their
cells are the rows' extra_columns. The truth rows are written by hand below from what the
pages show.
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
    plan_row,
    print_html,
    write_truth,
)

PDF = SAMPLES / "wiangmok-hospital-km-plan-2569-own-columns.pdf"
TRUTH = SAMPLES / "wiangmok-hospital-km-plan-2569-own-columns.truth.jsonl"

ORG = "โรงพยาบาลเวียงหมอก"
TITLE = "แผนปฏิบัติการจัดการความรู้ (KM Action Plan) ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"
PLACE = "อำเภอเวียงหมอก จังหวัดดอยสายหมอก"
HEADERS = ["ลำดับ", "หัวข้อ (Topic)", "รูปแบบ", "Owner", "Output", "KPI", "Target", "ไตรมาส"]
ROWS = [
    ["1", "การดูแลผู้ป่วยเบาหวานที่บ้าน (Home Care DM)", "CoP", "ฝ่ายการพยาบาล",
     "คู่มือ 1 ฉบับ", "ร้อยละของผู้ป่วยที่ได้รับการเยี่ยมบ้าน", "ร้อยละ 80", "Q1"],
    ["2", "Fast Track โรคหลอดเลือดสมอง", "Workshop", "ทีม Stroke",
     "แนวปฏิบัติ (CPG) ฉบับปรับปรุง", "Door-to-needle time ≤ 60 นาที", "80%", "Q2-Q3"],
    ["3", "การป้องกันการติดเชื้อในโรงพยาบาล", "On-the-job training", "ทีม IC",
     "Infographic 5 เรื่อง", "จำนวนครั้งของการติดเชื้อในหอผู้ป่วยวิกฤต", "ไม่เกิน 2 ครั้ง",
     "ไตรมาสที่ ๒"],
    ["4", "การสื่อสารกับผู้ป่วยและญาติ", "KM Day", "งานประชาสัมพันธ์",
     "VDO 3 เรื่อง", "ระดับความพึงพอใจของผู้รับบริการ", "ไม่น้อยกว่าร้อยละ 85", "ไตรมาส 3 - 4"],
    ["5", "ระบบยาปลอดภัย (Medication Safety)", "e-Learning", "กลุ่มงานเภสัชกรรม",
     "บทเรียนออนไลน์ 2 บท", "จำนวนบุคลากรที่ผ่านบทเรียน", "ไม่น้อยกว่า 100 คน", "Q1 – Q4"],
    ["6", "Lesson learned จากเหตุการณ์ไม่พึงประสงค์", "After Action Review", "ศูนย์คุณภาพ",
     "คลังความรู้บนเว็บไซต์", "จำนวนเรื่องที่ถอดบทเรียน", "4 เรื่อง", "Q4/2569"],
]  # fmt: skip
UNIT = "กลุ่มงานเภสัชกรรม"
GOAL = "การใช้ยาอย่างสมเหตุผล (Rational Drug Use)"
GRID_HEADERS = ["ลำดับ", "หัวข้อ", "รูปแบบ", "Owner", "KPI", "เป้าหมาย"]
QUARTERS = ["Q1", "Q2", "Q3", "Q4"]
TICK = "✓"
GRID_ROWS = [
    (["1", "การทบทวนรายการยาในบัญชียาโรงพยาบาล", "Workshop", "คณะกรรมการ PTC",
      "จำนวนรายการยาที่ทบทวน", "ไม่น้อยกว่า 20 รายการ"], [1]),
    (["2", "การให้คำปรึกษาด้านยาแก่ผู้ป่วยโรคเรื้อรัง", "CoP", "เภสัชกรคลินิก",
      "ร้อยละของผู้ป่วยที่ได้รับคำปรึกษา", "ร้อยละ 90"], [2, 3]),
    (["3", "การรายงานอาการไม่พึงประสงค์จากยา (ADR)", "Coaching", "งานคุ้มครองผู้บริโภค",
      "จำนวนรายงาน ADR ที่ส่งทันเวลา", "100%"], [3]),
    (["4", "ฐานข้อมูลยาสำหรับบุคลากร (Drug Info)", "Knowledge Portal", "ทีมสารสนเทศ",
      "จำนวนครั้งที่เข้าใช้ฐานข้อมูล", "1,200 ครั้ง"], [1, 2, 3, 4]),
]  # fmt: skip

# Written by hand from the pages: each row's first and last day (fiscal year 2569: Q1 is
# Oct-Dec 2025, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep 2026), and its target's percentage,
# comparator, count and unit as printed.
CANONICAL = [
    ("2025-10-01", "2025-12-31", 80.0, None, None, None),
    ("2026-01-01", "2026-06-30", 80.0, None, None, None),
    ("2026-01-01", "2026-03-31", None, "lte", 2.0, "ครั้ง"),
    ("2026-04-01", "2026-09-30", 85.0, "gte", None, None),
    ("2025-10-01", "2026-09-30", None, "gte", 100.0, "คน"),
    ("2026-07-01", "2026-09-30", None, None, 4.0, "เรื่อง"),
]
GRID_CANONICAL = [
    ("2025-10-01", "2025-12-31", None, "gte", 20.0, "รายการ"),
    ("2026-01-01", "2026-06-30", 90.0, None, None, None),
    ("2026-04-01", "2026-06-30", 100.0, None, None, None),
    ("2025-10-01", "2026-09-30", None, None, 1200.0, "ครั้ง"),
]

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Laksaman; font-size: 14pt; margin: 0; }
p { margin: 0 0 4pt 0; }
.title { text-align: center; font-weight: bold; font-size: 16pt; }
.centre { text-align: center; }
.unit { break-before: page; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 3pt 4pt; vertical-align: top; }
th { background: #e8e8e8; vertical-align: middle; }
td.mark { text-align: center; }
"""
WIDTHS = [5, 19, 11, 12, 12, 17, 12, 12]
GRID_WIDTHS = [5, 24, 11, 14, 20, 14, 3, 3, 3, 3]


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def cols(widths: list[int]) -> str:
    return "".join(f'<col style="width:{w}%">' for w in widths)


def _first_table() -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in ROWS)
    return f"<table>{cols(WIDTHS)}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _grid_table() -> str:
    first = "".join(f'<th rowspan="2">{esc(h)}</th>' for h in GRID_HEADERS)
    first += '<th colspan="4">ไตรมาส</th>'
    second = "".join(f"<th>{q}</th>" for q in QUARTERS)
    body = ""
    for cells, marked in GRID_ROWS:
        texts = "".join(f"<td>{esc(c)}</td>" for c in cells)
        marks = "".join(f'<td class="mark">{TICK if q in marked else ""}</td>' for q in range(1, 5))
        body += f"<tr>{texts}{marks}</tr>"
    return (
        f"<table>{cols(GRID_WIDTHS)}<thead><tr>{first}</tr><tr>{second}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def document() -> str:
    page1 = (
        f'<p class="title">{esc(TITLE)}</p><p class="centre">{esc(ORG)}</p>'
        f'<p class="centre">{esc(PLACE)}</p>{_first_table()}'
    )
    page2 = (
        f'<div class="unit"><p>หน่วยงาน : {esc(UNIT)}</p><p>เป้าหมาย KM : {esc(GOAL)}</p>'
        f"{_grid_table()}</div>"
    )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head>'
        f"<body>{page1}{page2}</body></html>"
    )


def verify(path: Path) -> None:
    sizes = page_sizes(path)
    check(len(sizes) == 2, f"{len(sizes)} pages")
    check(all(w > h and rotate == 0 for w, h, rotate in sizes), "landscape pages, no /Rotate")
    with pdfplumber.open(path) as pdf:
        texts = [letters(page.extract_text() or "") for page in pdf.pages]
        tables = [page.find_tables() for page in pdf.pages]
    check([len(t) for t in tables] == [1, 1], "one table on each page")
    check(len(tables[0][0].rows) == 1 + len(ROWS), "page 1: header + rows")
    check(len(tables[1][0].rows) == 2 + len(GRID_ROWS), "page 2: two header rows + rows")
    for row in ROWS:
        check(letters(row[1])[:10] in texts[0], f"row {row[0]} on page 1")
    for cells, _ in GRID_ROWS:
        check(letters(cells[1])[:10] in texts[1], f"grid row {cells[0]} on page 2")
    check(texts[1].count(TICK) == sum(len(m) for _, m in GRID_ROWS), "one tick per mark")


# The printed columns that name no field of the contract: kept in extra_columns.
EXTRA_HEADERS = ("รูปแบบ", "Output")


def truth_row(
    seq: str,
    texts: dict[str, str],
    canonical: tuple[object, ...],
    page: int,
    plan: tuple[str, str | None, str],
) -> dict[str, object]:
    """One row of truth: `texts` the printed cells by field (and by header, for the extra
    columns), `canonical` the hand-written dates and target parts, `plan` the organization,
    the plan's unit (None: it names none, and is filed under the organization) and goal."""
    organization, unit, goal = plan
    start, end, percent, comparator, count, target_unit = canonical
    extra = {h: as_truth_text(t) for h, t in texts.items() if h in EXTRA_HEADERS}
    return plan_row(
        organization=organization,
        fiscal_year=2569,
        department=unit or organization,
        km_goal=goal,
        seq=int(seq),
        activity=as_truth_text(texts["activity"]),
        method="",
        period_text=as_truth_text(texts["period"]),
        period_start=start,
        period_end=end,
        indicator=as_truth_text(texts["indicator"]),
        target=as_truth_text(texts["target"]),
        target_percent=percent,
        target_comparator=comparator,
        target_count=count,
        target_unit=target_unit,
        responsible=as_truth_text(texts["responsible"]),
        page=page,
        extra_columns=extra or None,
    )


def truth() -> list[dict[str, object]]:
    out = []
    for row, canonical in zip(ROWS, CANONICAL, strict=True):
        seq, activity, form, owner, output, kpi, target, quarter = row
        texts = {"activity": activity, "รูปแบบ": form, "responsible": owner, "Output": output,
                 "indicator": kpi, "target": target, "period": quarter}  # fmt: skip
        out.append(truth_row(seq, texts, canonical, 1, (ORG, None, "")))
    for (cells, marked), canonical in zip(GRID_ROWS, GRID_CANONICAL, strict=True):
        seq, activity, form, owner, kpi, target = cells
        # The period's text is the headers of the quarters the row marks.
        period = " ".join(QUARTERS[q - 1] for q in marked)
        texts = {"activity": activity, "รูปแบบ": form, "responsible": owner,
                 "indicator": kpi, "target": target, "period": period}  # fmt: skip
        out.append(truth_row(seq, texts, canonical, 2, (ORG, UNIT, GOAL)))
    return out


def main() -> None:
    print_html(document(), PDF)
    verify(PDF)
    write_truth(TRUTH, truth())
    print(f"wrote {PDF.name} and its truth")


if __name__ == "__main__":
    main()
