"""Gantt charts as inline SVG: one chart per year and plan family, a band per plan with
one row per KM step (7), Change Management element (6) or project (as many as printed).

The SVG names no font file: Thai labels are drawn with the viewer's Thai fonts (the
font-family list in the page's CSS), so the chart needs no network and no embedded font.
Bars carry their dates and row in data-* attributes, so a test or a script can read the
chart without measuring pixels.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from html import escape

from extract.vocab.kinds import PlanType
from extract.vocab.months import month_abbreviations
from extract.vocab.years import BE_OFFSET
from normalize.periods import fiscal_year_bounds
from pipeline.report.data import ChartRow, PlanChart, YearPlan
from pipeline.report.findings import plan_anchor
from pipeline.report.labels import STEP_NAMES, family_title, year_word

__all__ = ["ELEMENT_COLORS", "PROJECT_COLOR", "STEP_COLORS", "STEP_NAMES", "gantt_svg"]

STEP_COLORS = {
    1: "#1f77b4", 2: "#ff7f0e", 3: "#2ca02c", 4: "#d62728",
    5: "#9467bd", 6: "#8c564b", 7: "#e377c2",
}  # fmt: skip
# Not the step colours: a page holding both families must not suggest element 2 is step 2.
ELEMENT_COLORS = {
    1: "#17becf", 2: "#bcbd22", 3: "#393b79", 4: "#637939", 5: "#843c39", 6: "#7f7f7f",
}  # fmt: skip
PROJECT_COLOR = "#3182bd"
THAI_MONTHS = month_abbreviations()

LABEL_W = 360  # the label column
CHART_W = 840
HEAD_H = 34  # month labels
DEPT_H = 24  # a plan's title row
STEP_H = 16  # one step, element or project row
BAR_H = 11
# Thai at 11 px averages under 7 px a character cell, and a row label starts at x=18:
# 48 cells stay clear of the chart at LABEL_W. Marks above and below take no cell.
LABEL_CELLS = 48


def fiscal_bounds(fiscal_year: int) -> tuple[date, date]:
    """First and last day of a Thai fiscal year (BE): 2566 -> 2022-10-01 .. 2023-09-30."""
    return fiscal_year_bounds(fiscal_year)


def timeline_bounds(year: YearPlan) -> tuple[date, date]:
    """The 12 months a year's charts span. A fiscal year has fixed bounds; an academic
    year's start differs between institutions (May, June, August ...), so its timeline
    starts at the month of the earliest dated row, or in January of the plan's year when
    no row is dated (there is no bar to place then)."""
    if year.year_basis != "academic":
        return fiscal_bounds(year.fiscal_year)
    earliest = year.earliest_start()
    first = (earliest or date(year.fiscal_year - BE_OFFSET, 1, 1)).replace(day=1)
    return first, _add_months(first, 12) - timedelta(days=1)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def gantt_svg(year: YearPlan, plan_type: str) -> str:
    """The chart of the year's plans of one family (plan_type)."""
    plans = [plan for plan in year.plans if plan.plan_type == plan_type]
    first, last = timeline_bounds(year)
    span = (last - first).days + 1
    height = HEAD_H + sum(DEPT_H + len(plan.rows) * STEP_H for plan in plans) + 8
    width = LABEL_W + CHART_W + 10
    label = f"Gantt {year_word(year.year_basis)} {year.fiscal_year} {family_title(plan_type)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gantt" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" data-plan-type="{escape(plan_type)}" '
        f'data-first="{first.isoformat()}" data-last="{last.isoformat()}">',
        *_month_grid(first, span, height),
    ]
    y = HEAD_H
    for plan in plans:
        parts.extend(_plan(plan, y, first, span, plan_anchor(year, plan.plan_no)))
        y += DEPT_H + len(plan.rows) * STEP_H
    parts.append("</svg>")
    return "\n".join(parts)


def _x(day: date, first: date, span: int) -> float:
    offset = min(max((day - first).days, 0), span)
    return LABEL_W + CHART_W * offset / span


def _month_grid(first: date, span: int, height: int) -> list[str]:
    out = []
    for index in range(12):
        month = _add_months(first, index)
        x = _x(month, first, span)
        label = f"{THAI_MONTHS[month.month]} {(month.year + BE_OFFSET) % 100:02d}"
        out.append(
            f'<line x1="{x:.1f}" y1="{HEAD_H - 8}" x2="{x:.1f}" y2="{height}" class="grid"/>'
        )
        out.append(f'<text x="{x + 4:.1f}" y="{HEAD_H - 14}" class="month">{escape(label)}</text>')
    end = LABEL_W + CHART_W
    out.append(f'<line x1="{end}" y1="{HEAD_H - 8}" x2="{end}" y2="{height}" class="grid"/>')
    return out


def _plan(plan: PlanChart, y: int, first: date, span: int, anchor: str) -> list[str]:
    out = [
        f'<rect x="0" y="{y}" width="{LABEL_W + CHART_W}" height="{DEPT_H}" class="dept-band"/>',
        f'<text x="6" y="{y + DEPT_H - 7}" class="dept" data-plan-no="{plan.plan_no}" '
        f'id="{anchor}">'
        f"{escape(plan.department)}</text>",
    ]
    for index, row in enumerate(plan.rows):
        row_y = y + DEPT_H + index * STEP_H
        out.append(_label(row, row_y))
        if row.activities:
            out.append(_bar(plan.plan_type, row, row_y, first, span))
    return out


def _label(row: ChartRow, row_y: int) -> str:
    text = row.label if row.number is None else f"{row.number} {row.label}"
    shown = fit(text, LABEL_CELLS)
    # A cut name keeps its whole text as a tooltip.
    tip = f"<title>{escape(text)}</title>" if shown != text else ""
    return f'<text x="18" y="{row_y + STEP_H - 4}" class="step">{tip}{escape(shown)}</text>'


def fit(text: str, cells: int) -> str:
    """`text` cut to `cells` character cells with "…": Thai vowel and tone marks sit on
    their consonant's cell, so they are not counted and never cut from it."""
    used = 0
    for index, char in enumerate(text):
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        used += 1
        if used > cells - 1 and _cells(text[index:]) > 1:
            return text[:index].rstrip() + "…"
    return text


def _cells(text: str) -> int:
    return sum(1 for char in text if unicodedata.category(char) not in ("Mn", "Me", "Cf"))


def _bar(plan_type: str, row: ChartRow, row_y: int, first: date, span: int) -> str:
    if row.start is None or row.end is None:
        return (
            f'<text x="{LABEL_W + 4}" y="{row_y + STEP_H - 4}" class="undated">'
            f"ไม่ระบุวันที่: {escape(row.period_text)}</text>"
        )
    top = row_y + (STEP_H - BAR_H) / 2
    x0, x1 = _x(row.start, first, span), _x(row.end + timedelta(days=1), first, span)
    outside = row.end < first or row.start > first + timedelta(days=span - 1)
    width = max(x1 - x0, 4.0)
    klass = "bar outside" if outside else "bar"
    if plan_type == PlanType.KM_PROCESS and row.number in STEP_COLORS:
        what, color = f'data-step="{row.number}"', STEP_COLORS[row.number]
        tip = f"ขั้นที่ {row.number}: {row.period_text}"
    elif plan_type == PlanType.CHANGE_MANAGEMENT and row.number in ELEMENT_COLORS:
        what, color = f'data-element="{row.number}"', ELEMENT_COLORS[row.number]
        tip = f"องค์ประกอบที่ {row.number}: {row.period_text}"
    else:
        what, color = f'data-seq="{row.seq}"', PROJECT_COLOR
        tip = f"{row.label}: {row.period_text}"
    return (
        f'<rect x="{x0:.1f}" y="{top:.1f}" width="{width:.1f}" height="{BAR_H}" rx="2" '
        f'class="{klass}" data-plan-type="{escape(plan_type)}" {what} '
        f'data-start="{row.start.isoformat()}" data-end="{row.end.isoformat()}" '
        f'fill="{color}"><title>{escape(tip)}</title></rect>'
    )
