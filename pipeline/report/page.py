"""The report page: one self-contained HTML file (inline CSS and SVG, no script, no link)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

import duckdb

from extract.vocab.kinds import PlanType
from pipeline.present.compare import shift_summary
from pipeline.report.data import ReportData, YearPlan, load_report
from pipeline.report.findings import findings_section
from pipeline.report.gantt import ELEMENT_COLORS, STEP_COLORS, gantt_svg
from pipeline.report.labels import STEP_NAMES, element_names, family_title, year_word
from warehouse.outputs import Output, OutputError, check_output, write_file
from warehouse.query import QueryResult

STATUS_TH = {"kept": "คงเดิม", "changed": "เปลี่ยน", "new": "ใหม่", "dropped": "ยกเลิก"}
THAI_FONTS = '"Noto Sans Thai", "Sarabun", "TH Sarabun New", Garuda, Laksaman, Tahoma, sans-serif'
CSS = f"""
body {{ font-family: {THAI_FONTS}; margin: 24px; color: #222; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }} h2 {{ font-size: 20px; margin: 28px 0 8px; }}
h3 {{ font-size: 16px; margin: 18px 0 6px; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ border: 1px solid #bbb; padding: 3px 6px; vertical-align: top; text-align: left; }}
th {{ background: #d9e1f2; }}
.meta td {{ border: none; padding: 1px 8px 1px 0; }}
svg.gantt {{ font-family: {THAI_FONTS}; display: block; }}
svg .month {{ font-size: 12px; fill: #444; }} svg .grid {{ stroke: #ddd; stroke-width: 1; }}
svg .dept {{ font-size: 13px; font-weight: bold; fill: #111; }}
svg .dept-band {{ fill: #f2f2f2; }} svg .step {{ font-size: 11px; fill: #333; }}
svg .undated {{ font-size: 11px; fill: #a00; }}
svg .outside {{ stroke: #000; stroke-dasharray: 2 2; }}
.legend span {{ display: inline-block; margin-right: 14px; font-size: 13px; }}
.legend i {{ display: inline-block; width: 14px; height: 10px; margin-right: 4px; }}
.status-kept {{ background: #e2f0d9; }} .status-changed {{ background: #fff2cc; }}
.status-new {{ background: #ddebf7; }} .status-dropped {{ background: #f8cbad; }}
"""


def render_html(data: ReportData) -> str:
    body = [
        f"<h1>แผนการจัดการความรู้ (KM Action Plan): {escape(data.organization)}</h1>",
        f"<p>{escape(_years_line(data.years))} · รหัสหน่วยงาน {escape(data.organization_key)}</p>",
        *(_year_section(plan) + findings_section(plan, data.findings) for plan in data.years),
        "<h2>เปรียบเทียบระหว่างปี (comparison)</h2>",
        _comparison(data.comparison),
        "<h2>คำเตือนจากการนำเข้า (ingestion warnings)</h2>",
        _warnings(data.warnings),
    ]
    return (
        '<!doctype html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>KM plan report: {escape(data.organization)}</title>"
        f"<style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def _years_line(years: Sequence[YearPlan]) -> str:
    """ "ปีงบประมาณ 2565, 2566 · ปีการศึกษา 2566": the years held, by year basis."""
    by_basis: dict[str, list[str]] = {}
    for plan in years:
        by_basis.setdefault(year_word(plan.year_basis), []).append(str(plan.fiscal_year))
    if not by_basis:
        return "ปีงบประมาณ -"
    return " · ".join(f"{word} {', '.join(held)}" for word, held in by_basis.items())


def _legend(plan_type: str) -> str:
    """The colours of a chart's rows; a project list's bars are all one colour."""
    if plan_type == PlanType.KM_PROCESS:
        names, colors = STEP_NAMES, STEP_COLORS
    elif plan_type == PlanType.CHANGE_MANAGEMENT:
        names, colors = element_names(), ELEMENT_COLORS
    else:
        return ""
    items = "".join(
        f'<span><i style="background:{colors[n]}"></i>{n} {escape(names[n])}</span>'
        for n in sorted(names)
        if n in colors
    )
    return f'<div class="legend">{items}</div>'


def _chart_heading(year: YearPlan, plan_type: str) -> str:
    plans = [plan for plan in year.plans if plan.plan_type == plan_type]
    if plan_type == PlanType.KM_PROCESS:
        what = "ของ 7 ขั้นตอน"
    elif plan_type == PlanType.CHANGE_MANAGEMENT:
        what = "ของ 6 องค์ประกอบ"
    else:
        what = f"ของ {sum(len(plan.rows) for plan in plans)} โครงการ"
    return (
        f'<h3 data-plan-type="{escape(plan_type)}">{escape(family_title(plan_type))}: '
        f"แผนภูมิแกนต์ (Gantt) {what} · {len(plans)} แผน</h3>"
    )


def _year_section(plan: YearPlan) -> str:
    meta = [
        ("ไฟล์", plan.source_file),
        ("วันที่ประกาศ", plan.announced_on.isoformat() if plan.announced_on else "-"),
        ("เลขที่หนังสือ", plan.reference_no or "-"),
        ("ผู้ลงนาม", plan.signed_by or "-"),
    ]
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in meta)
    charts = "".join(
        _chart_heading(plan, plan_type) + _legend(plan_type) + gantt_svg(plan, plan_type)
        for plan_type in plan.plan_types()
    )
    anchor = ("ay" if plan.year_basis == "academic" else "fy") + str(plan.fiscal_year)
    return (
        f'<section class="year" id="{anchor}" data-year-basis="{escape(plan.year_basis)}">'
        f"<h2>{escape(year_word(plan.year_basis))} {plan.fiscal_year}</h2>"
        f'<table class="meta">{rows}</table>{charts or "<p>ไม่มีแผน (no plans)</p>"}</section>'
    )


def _comparison(result: QueryResult) -> str:
    if not result.rows:
        return "<p>ต้องมีอย่างน้อยสองปีจึงจะเปรียบเทียบได้</p>"
    head = ("ปี", "หน่วยงานย่อย", "ประเภทแผน", "สถานะ",
            "เป้าหมาย KM / โครงการ (ปีก่อน)", "เป้าหมาย KM / โครงการ (ปีหลัง)",
            "ความคล้าย", "ขั้นตอนเลื่อน (วัน) เริ่ม/สิ้นสุด")  # fmt: skip
    lines = ['<table class="compare"><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr>"]
    for row in result.rows:
        r = dict(zip(result.columns, row, strict=True))
        status = str(r["status"])
        name = r["department_to"] or r["department_from"]
        similarity = (
            "" if r["goal_similarity"] is None else f"{float(str(r['goal_similarity'])):.2f}"
        )
        cells = (
            f"{r['year_from']}→{r['year_to']}", str(name), family_title(str(r["plan_type"])),
            STATUS_TH.get(status, status),
            str(r["goal_from"] or "-"), str(r["goal_to"] or "-"), similarity, shift_summary(r),
        )  # fmt: skip
        tds = "".join(f"<td>{escape(c)}</td>" for c in cells)
        lines.append(f'<tr class="status-{escape(status)}">{tds}</tr>')
    return "\n".join([*lines, "</table>"])


def _warnings(result: QueryResult) -> str:
    if not result.rows:
        return "<p>ไม่มีคำเตือน (no warnings)</p>"
    head = "".join(f"<th>{escape(c)}</th>" for c in result.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in result.rows
    )
    return f'<table class="warnings"><tr>{head}</tr>{body}</table>'


def write_report(
    conn: duckdb.DuckDBPyConnection,
    organization: str,
    out: Path | Output,
    years: Sequence[int] | None = None,
) -> ReportData:
    """Write the report of `organization` to `out` (checked, atomically: warehouse.outputs);
    returns what it shows."""
    output = out if isinstance(out, Output) else check_output(out)
    if output.is_stdout:
        raise OutputError("the report is a file; give --out FILE.html")
    data = load_report(conn, organization, years)
    html = render_html(data)
    write_file(output, lambda partial: partial.write_text(html, encoding="utf-8"))
    return data
