"""A fiscal year's Gantt chart as inline SVG: one row per KM step of each department.

The SVG names no font file: Thai labels are drawn with the viewer's Thai fonts (the
font-family list in the page's CSS), so the chart needs no network and no embedded font.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from kmplan.report.data import DepartmentPlan, StepBar, YearPlan

STEP_NAMES = {
    1: "การบ่งชี้ความรู้",
    2: "การสร้างและแสวงหาความรู้",
    3: "การจัดความรู้ให้เป็นระบบ",
    4: "การประมวลและกลั่นกรองความรู้",
    5: "การเข้าถึงความรู้",
    6: "การแบ่งปันแลกเปลี่ยนความรู้",
    7: "การเรียนรู้",
}
STEP_COLORS = {
    1: "#1f77b4", 2: "#ff7f0e", 3: "#2ca02c", 4: "#d62728",
    5: "#9467bd", 6: "#8c564b", 7: "#e377c2",
}  # fmt: skip
THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
               "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")  # fmt: skip

LABEL_W = 360  # the label column
CHART_W = 840
HEAD_H = 34  # month labels
DEPT_H = 24  # a department's title row
STEP_H = 16  # one step row
BAR_H = 11


def fiscal_bounds(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year (BE): 2566 -> 2022-10-01 .. 2023-09-30."""
    ce = fiscal_year - 543
    return date(ce - 1, 10, 1), date(ce, 9, 30)


def gantt_svg(year: YearPlan) -> str:
    first, last = fiscal_bounds(year.fiscal_year)
    span = (last - first).days + 1
    height = HEAD_H + sum(DEPT_H + 7 * STEP_H for _ in year.departments) + 8
    width = LABEL_W + CHART_W + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Gantt ปีงบประมาณ {year.fiscal_year}">',
        *_month_grid(first, span, height),
    ]
    y = HEAD_H
    for plan in year.departments:
        parts.extend(_department(plan, y, first, span))
        y += DEPT_H + 7 * STEP_H
    parts.append("</svg>")
    return "\n".join(parts)


def _x(day: date, first: date, span: int) -> float:
    offset = min(max((day - first).days, 0), span)
    return LABEL_W + CHART_W * offset / span


def _month_grid(first: date, span: int, height: int) -> list[str]:
    out = []
    month = first
    for _ in range(12):
        x = _x(month, first, span)
        label = f"{THAI_MONTHS[month.month - 1]} {(month.year + 543) % 100:02d}"
        out.append(
            f'<line x1="{x:.1f}" y1="{HEAD_H - 8}" x2="{x:.1f}" y2="{height}" class="grid"/>'
        )
        out.append(f'<text x="{x + 4:.1f}" y="{HEAD_H - 14}" class="month">{escape(label)}</text>')
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    end = LABEL_W + CHART_W
    out.append(f'<line x1="{end}" y1="{HEAD_H - 8}" x2="{end}" y2="{height}" class="grid"/>')
    return out


def _department(plan: DepartmentPlan, y: int, first: date, span: int) -> list[str]:
    out = [
        f'<rect x="0" y="{y}" width="{LABEL_W + CHART_W}" height="{DEPT_H}" class="dept-band"/>',
        f'<text x="6" y="{y + DEPT_H - 7}" class="dept">{escape(plan.department)}</text>',
    ]
    bars = {bar.step: bar for bar in plan.bars}
    for step in range(1, 8):
        row_y = y + DEPT_H + (step - 1) * STEP_H
        out.append(
            f'<text x="18" y="{row_y + STEP_H - 4}" class="step">{step} '
            f"{escape(STEP_NAMES[step])}</text>"
        )
        if step in bars:
            out.append(_bar(bars[step], row_y, first, span))
    return out


def _bar(bar: StepBar, row_y: int, first: date, span: int) -> str:
    top = row_y + (STEP_H - BAR_H) / 2
    tip = f"ขั้นที่ {bar.step}: {bar.period_text}"
    if bar.start is None or bar.end is None:
        return (
            f'<text x="{LABEL_W + 4}" y="{row_y + STEP_H - 4}" class="undated">'
            f"ไม่ระบุวันที่: {escape(bar.period_text)}</text>"
        )
    x0, x1 = _x(bar.start, first, span), _x(bar.end + timedelta(days=1), first, span)
    outside = bar.end < first or bar.start > first + timedelta(days=span - 1)
    width = max(x1 - x0, 4.0)
    klass = "bar outside" if outside else "bar"
    return (
        f'<rect x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" height="{BAR_H}" rx="2" '
        f'class="{klass}" data-step="{bar.step}" fill="{STEP_COLORS[bar.step]}">'
        f"<title>{escape(tip)}</title></rect>"
    )
