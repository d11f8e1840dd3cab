"""Build samples/wiangmok-market-km-plan-2569-calendar.pdf and its truth: a KM plan on no
known template whose year is a calendar year, its months printed under "ปี 2569".

    .venv/bin/python -m samples.build.own_columns_calendar   # needs chromium, Laksaman

A fictional company-style state enterprise (องค์การตลาดเวียงหมอก) that plans by calendar
year: the title says only ประจำปี 2569 (no ปีงบประมาณ), two landscape pages.
- page 1: the title แผนการจัดการความรู้ (KM Plan) ประจำปี 2569, the organization under it,
  and a table No. | Activity / กิจกรรม | รูปแบบ | Owner | KPI | Target whose period is
  twelve month columns ม.ค. .. ธ.ค. under a merged header cell "ปี 2569", each row marking
  its months with a dot: the months of 2569 (2026), and the plan's year is a calendar one;
- page 2: a unit's plan (หน่วยงาน : ...) of the same kind, ลำดับ | หัวข้อ | รูปแบบ | Owner |
  Output | KPI | ไตรมาส, its quarters printed as text: quarters of the calendar year the
  month columns of page 1 told (Q1 = ม.ค.-มี.ค. 2569).

The export contract's year_basis knows fiscal and academic only: the rows say fiscal, with
fiscal_year the printed year 2569 (docs/exports.md). The truth rows are written by hand
below from what the pages show.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .html_print import SAMPLES, check, letters, page_sizes, print_html, write_truth
from .own_columns import cols, esc, truth_row

PDF = SAMPLES / "wiangmok-market-km-plan-2569-calendar.pdf"
TRUTH = SAMPLES / "wiangmok-market-km-plan-2569-calendar.truth.jsonl"

ORG = "องค์การตลาดเวียงหมอก"
TITLE = "แผนการจัดการความรู้ (KM Plan) ประจำปี 2569"
HEADERS = ["No.", "Activity / กิจกรรม", "รูปแบบ", "Owner", "KPI", "Target"]
YEAR = "ปี 2569"
MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
          "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]  # fmt: skip
DOT = "●"
MONTH_ROWS = [
    (["1", "Onboarding พนักงานขายใหม่", "Mentoring", "ฝ่ายทรัพยากรบุคคล",
      "ร้อยละของพนักงานใหม่ที่ผ่านการประเมิน", "ร้อยละ 90"], [1, 2, 3]),
    (["2", "มาตรฐานความสะอาดตลาดสด", "Workshop", "ฝ่ายปฏิบัติการตลาด",
      "จำนวนตลาดที่ผ่านมาตรฐาน", "ไม่น้อยกว่า 5 แห่ง"], [4, 5]),
    (["3", "Digital Payment สำหรับผู้ค้า", "On-site coaching", "ฝ่ายเทคโนโลยีสารสนเทศ",
      "ร้อยละของผู้ค้าที่รับชำระผ่าน QR", "60%"], [6, 7, 8, 9]),
    (["4", "สรุปบทเรียนการบริหารพื้นที่เช่า", "After Action Review", "ฝ่ายบริหารทรัพย์สิน",
      "จำนวนเรื่องที่ถอดบทเรียน", "2 เรื่อง"], [10, 11, 12]),
]  # fmt: skip
UNIT = "ฝ่ายบริการลูกค้า"
QUARTER_HEADERS = ["ลำดับ", "หัวข้อ", "รูปแบบ", "Owner", "Output", "KPI", "ไตรมาส"]
QUARTER_ROWS = [
    ["1", "การตอบข้อร้องเรียนของผู้ค้า", "CoP", "งานลูกค้าสัมพันธ์", "คู่มือ 1 ฉบับ",
     "ระยะเวลาตอบข้อร้องเรียน", "Q1"],
    ["2", "Service Mind สำหรับเจ้าหน้าที่จุดบริการ", "Training", "งานจุดบริการ",
     "VDO 2 เรื่อง", "ร้อยละความพึงพอใจของผู้ใช้บริการ", "Q2 - Q3"],
    ["3", "การสำรวจความต้องการของผู้ค้า", "Focus group", "งานวิจัยตลาด",
     "รายงาน 1 ฉบับ", "จำนวนผู้ค้าที่ตอบแบบสำรวจ", "ไตรมาส ๔"],
]  # fmt: skip

# Written by hand from the pages: first and last day of each row (the months of 2569 =
# 2026; calendar quarters: Q1 Jan-Mar, Q2 Apr-Jun, Q3 Jul-Sep, Q4 Oct-Dec 2026), then the
# target's percentage, comparator, count and unit (page 2 prints no target).
MONTH_CANONICAL = [
    ("2026-01-01", "2026-03-31", 90.0, None, None, None),
    ("2026-04-01", "2026-05-31", None, "gte", 5.0, "แห่ง"),
    ("2026-06-01", "2026-09-30", 60.0, None, None, None),
    ("2026-10-01", "2026-12-31", None, None, 2.0, "เรื่อง"),
]
QUARTER_CANONICAL = [
    ("2026-01-01", "2026-03-31", None, None, None, None),
    ("2026-04-01", "2026-09-30", None, None, None, None),
    ("2026-10-01", "2026-12-31", None, None, None, None),
]

CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font-family: Laksaman; font-size: 14pt; margin: 0; }
p { margin: 0 0 4pt 0; }
.title { text-align: center; font-weight: bold; font-size: 16pt; }
.centre { text-align: center; }
.unit { break-before: page; }
table { border-collapse: collapse; width: 100%; margin-top: 6pt; table-layout: fixed; }
th, td { border: 0.75pt solid #000; padding: 3pt 3pt; vertical-align: top; }
th { background: #e8e8e8; vertical-align: middle; }
th.month { font-size: 10pt; padding: 2pt 0; }
td.mark { text-align: center; font-size: 10pt; }
"""
MONTH_WIDTHS = [4, 17, 10, 12, 16, 10, *[31 / 12] * 12]
QUARTER_WIDTHS = [6, 21, 11, 13, 14, 23, 12]


def _month_table() -> str:
    first = "".join(f'<th rowspan="2">{esc(h)}</th>' for h in HEADERS)
    first += f'<th colspan="12">{esc(YEAR)}</th>'
    second = "".join(f'<th class="month">{esc(m)}</th>' for m in MONTHS)
    body = ""
    for cells, marked in MONTH_ROWS:
        texts = "".join(f"<td>{esc(c)}</td>" for c in cells)
        marks = "".join(
            f'<td class="mark">{DOT if month in marked else ""}</td>' for month in range(1, 13)
        )
        body += f"<tr>{texts}{marks}</tr>"
    widths = "".join(f'<col style="width:{w:.3f}%">' for w in MONTH_WIDTHS)
    return (
        f"<table>{widths}<thead><tr>{first}</tr><tr>{second}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _quarter_table() -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in QUARTER_HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in QUARTER_ROWS
    )
    return (
        f"<table>{cols(QUARTER_WIDTHS)}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def document() -> str:
    page1 = f'<p class="title">{esc(TITLE)}</p><p class="centre">{esc(ORG)}</p>{_month_table()}'
    page2 = f'<div class="unit"><p>หน่วยงาน : {esc(UNIT)}</p>{_quarter_table()}</div>'
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
    check(len(tables[0][0].rows) == 2 + len(MONTH_ROWS), "page 1: two header rows + rows")
    check(len(tables[1][0].rows) == 1 + len(QUARTER_ROWS), "page 2: header + rows")
    check(all(letters(m) in texts[0] for m in MONTHS), "every month header on page 1")
    check(texts[0].count(DOT) == sum(len(m) for _, m in MONTH_ROWS), "one dot per mark")
    for row in QUARTER_ROWS:
        check(letters(row[1])[:10] in texts[1], f"row {row[0]} on page 2")


def truth() -> list[dict[str, object]]:
    out = []
    for (cells, marked), canonical in zip(MONTH_ROWS, MONTH_CANONICAL, strict=True):
        seq, activity, form, owner, kpi, target = cells
        # The period's text is the headers of the months the row marks.
        period = " ".join(MONTHS[m - 1] for m in marked)
        texts = {"activity": activity, "รูปแบบ": form, "responsible": owner,
                 "indicator": kpi, "target": target, "period": period}  # fmt: skip
        out.append(truth_row(seq, texts, canonical, 1, (ORG, None, "")))
    for row, canonical in zip(QUARTER_ROWS, QUARTER_CANONICAL, strict=True):
        seq, activity, form, owner, output, kpi, quarter = row
        texts = {"activity": activity, "รูปแบบ": form, "responsible": owner, "Output": output,
                 "indicator": kpi, "target": "", "period": quarter}  # fmt: skip
        out.append(truth_row(seq, texts, canonical, 2, (ORG, UNIT, "")))
    return out


def main() -> None:
    print_html(document(), PDF)
    verify(PDF)
    write_truth(TRUTH, truth())
    print(f"wrote {PDF.name} and its truth")


if __name__ == "__main__":
    main()
