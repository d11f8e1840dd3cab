"""`kmplan compare` and `kmplan report` on plans of the three families, built by hand.

A municipality publishes one document a fiscal year (2566, 2567) holding, for กองคลัง, a
KM Process plan and a Change Management plan, and, for สำนักปลัด, a project list:

- KM Process of กองคลัง: the goal differs only in its year (kept), every period moves
  by a year;
- Change Management of กองคลัง: the goal is rewritten (changed);
- กองช่าง: a KM Process plan in 2566 only (dropped), a Change Management plan in 2567
  only (new): one department, two families, two rows;
- project list of สำนักปลัด: one project more in 2567, printed out of seq order.

A university publishes an academic-year project list (ปีการศึกษา 2566, from June 2023).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from extract.vocab import load
from normalize.models import Activity, DocumentMeta, NormalizedDocument, Plan
from pipeline.cli import app
from pipeline.present.compare import compare_table
from pipeline.report.data import load_report
from pipeline.report.gantt import LABEL_CELLS
from pipeline.report.labels import FAMILY_TITLES, STEP_NAMES, element_names
from pipeline.report.page import render_html
from warehouse.compare import COMPARE_COLUMNS, compare_departments
from warehouse.connection import open_warehouse
from warehouse.load import load_document

from ..warehouse.warehouse_data import activity, sha

CITY = "เทศบาลนครตัวอย่าง"
UNIVERSITY = "มหาวิทยาลัยตัวอย่าง"
VERSION = "test"
CM_GOALS = {
    2566: "ลดความผิดพลาดในการเบิกจ่ายงบประมาณ",
    2567: "พัฒนาระบบการเบิกจ่ายอิเล็กทรอนิกส์ทั้งหน่วยงาน",
}
# seq -> project name; 2567 prints its rows in the order seq 1, 3, 2
PROJECTS = {
    2566: {1: "โครงการอบรมการเขียนคู่มือปฏิบัติงาน", 2: "โครงการชุมชนนักปฏิบัติ (CoP) ประจำปี 2566"},
    2567: {
        1: "โครงการอบรมการเขียนคู่มือปฏิบัติงาน",
        3: "โครงการจัดการความรู้ด้านงานสารบรรณ",
        2: "โครงการชุมชนนักปฏิบัติ (CoP) ประจำปี 2567",
    },
}
LONG_PROJECT = (
    "โครงการพัฒนาศักยภาพบุคลากรสายสนับสนุนด้านการจัดการความรู้เพื่อการเรียนรู้ตลอดชีวิตและการพัฒนาองค์กรสู่ความเป็นเลิศ"
)


def months(fiscal_year: int, first: int, last: int) -> tuple[date, date]:
    """The first day of fiscal month `first` and the last of `last` (1 = October)."""
    ce = fiscal_year - 543

    def month_start(n: int) -> date:
        index = 9 + n - 1  # October is month index 9 of the year before
        return date(ce - 1 + index // 12, index % 12 + 1, 1)

    end = month_start(last + 1) - timedelta(days=1) if last < 12 else date(ce, 9, 30)
    return month_start(first), end


def row(plan_no: int, row_no: int, seq: int, span: tuple[date, date], **changes: Any) -> Activity:
    return activity(
        plan_no, row_no, seq, period_start=span[0], period_end=span[1],
        period_text=f"{span[0]:%m/%Y} - {span[1]:%m/%Y}", **changes,
    )  # fmt: skip


def city_year(year: int) -> NormalizedDocument:
    plans = [
        Plan(plan_no=1, department="กองคลัง", km_goal=f"การจัดทำคู่มือการเบิกจ่าย ประจำปี {year}",
             deliverable="คู่มือ", page=2),
        Plan(plan_no=2, department="กองคลัง", km_goal=CM_GOALS[year], deliverable=None, page=3,
             plan_type="change_management", family_basis="title"),
        Plan(plan_no=3, department="สำนักปลัด", km_goal="", deliverable=None, page=4,
             plan_type="project_list", family_basis="columns"),
    ]  # fmt: skip
    steps = [
        row(1, step, step, months(year, step, step + 1), activity=STEP_NAMES[step])
        for step in range(1, 8)
    ]
    elements = [
        row(2, n, n, months(year, n + 1, n + 2), step=None, element=n,
            activity=element_names()[n], page=3)
        for n in range(1, 7)
    ]  # fmt: skip
    projects = [
        row(3, row_no, seq, months(year, 2 * seq, 2 * seq + 2), step=None, activity=name,
            method="", indicator="", target="", target_percent=None, page=4,
            target_group="บุคลากรกองคลัง", budget_baht=10000.0 * seq)
        for row_no, (seq, name) in enumerate(PROJECTS[year].items(), start=1)
    ]  # fmt: skip
    if year == 2566:  # กองช่าง: a KM Process plan this year only
        plans.append(Plan(plan_no=4, department="กองช่าง", km_goal="งานช่างปลอดภัย",
                          deliverable=None, page=5))  # fmt: skip
        steps.append(row(4, 1, 1, months(year, 1, 2), page=5))
    else:  # and a Change Management plan next year only
        plans.append(Plan(plan_no=4, department="กองช่าง", km_goal="งานช่างปลอดภัย",
                          deliverable=None, page=5, plan_type="change_management"))  # fmt: skip
        elements.append(row(4, 1, 1, months(year, 1, 2), step=None, element=2, page=5))
    meta = DocumentMeta(
        document_id=sha(f"city-{year}"), source_file=f"city-km-{year}.pdf", page_count=5,
        organization=CITY, fiscal_year=year, announced_on=date(year - 544, 10, 15),
        reference_no=None, signed_by=None,
    )  # fmt: skip
    return NormalizedDocument(
        meta=meta, plans=plans, activities=[*steps, *elements, *projects], warnings=[]
    )


def university_year() -> NormalizedDocument:
    plan = Plan(plan_no=1, department="กองบริหารงานบุคคล", km_goal="", deliverable=None, page=1,
                plan_type="project_list", family_basis="columns")  # fmt: skip
    common: dict[str, Any] = {
        "step": None, "method": "", "indicator": "", "target": "", "target_percent": None,
        "page": 1, "target_group": "บุคลากรสายสนับสนุน",
    }  # fmt: skip
    activities = [
        row(1, 1, 1, (date(2023, 8, 1), date(2023, 9, 30)), activity="โครงการเล่าเรื่องเล่าความรู้",
            **common),
        row(1, 2, 2, (date(2023, 6, 15), date(2023, 7, 31)), activity=LONG_PROJECT, **common),
        activity(1, 3, 3, activity="โครงการถอดบทเรียน", period_text="ตลอดปีการศึกษา",
                 period_start=None, period_end=None, **common),
    ]  # fmt: skip
    meta = DocumentMeta(
        document_id=sha("university-2566"), source_file="university-km-2566.pdf",
        page_count=1, organization=UNIVERSITY, fiscal_year=2566, year_basis="academic",
        announced_on=date(2023, 5, 20), reference_no=None, signed_by=None,
    )  # fmt: skip
    return NormalizedDocument(meta=meta, plans=[plan], activities=activities, warnings=[])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("families") / "families.duckdb"
    conn = open_warehouse(path)
    try:
        for doc in (city_year(2566), city_year(2567), university_year()):
            assert load_document(conn, doc, kmplan_version=VERSION).status == "loaded"
    finally:
        conn.close()
    return path


@pytest.fixture(scope="module")
def reader(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = open_warehouse(db, read_only=True)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def compared(reader: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], dict[str, object]]:
    """(department printed, plan_type) -> the comparison row of 2566 -> 2567."""
    result = compare_departments(reader, CITY, [2566, 2567])
    assert result.columns == COMPARE_COLUMNS
    assert COMPARE_COLUMNS.index("plan_type") == COMPARE_COLUMNS.index("department_key") + 1
    rows = [dict(zip(result.columns, r, strict=True)) for r in result.rows]
    assert all((r["year_from"], r["year_to"]) == (2566, 2567) for r in rows)
    out = {(str(r["department_to"] or r["department_from"]), str(r["plan_type"])): r for r in rows}
    assert len(out) == len(rows)
    return out


def test_one_row_per_department_and_family(
    compared: dict, reader: duckdb.DuckDBPyConnection
) -> None:
    assert sorted(compared) == sorted([
        ("กองคลัง", "km_process"), ("กองคลัง", "change_management"),
        ("กองช่าง", "km_process"), ("กองช่าง", "change_management"),
        ("สำนักปลัด", "project_list"),
    ])  # fmt: skip
    statuses = {where: r["status"] for where, r in compared.items()}
    assert statuses == {
        ("กองคลัง", "km_process"): "kept",  # only ประจำปี 2566 -> 2567 differs
        ("กองคลัง", "change_management"): "changed",
        ("กองช่าง", "km_process"): "dropped",
        ("กองช่าง", "change_management"): "new",
        ("สำนักปลัด", "project_list"): "changed",
    }
    keys = dict(
        reader.execute("SELECT spelling, department_key FROM department_aliases").fetchall()
    )
    for (department, _), r in compared.items():
        assert r["department_key"] == keys[department]
    # Rows sort by department key, then family in the contract's order (KM Process first).
    result = compare_departments(reader, CITY)
    order = [(r[2], r[3]) for r in result.rows]
    assert order == sorted(
        order, key=lambda k: (k[0], ["km_process", "change_management", "project_list"].index(k[1]))
    )


def test_goals_are_goals_or_project_names(compared: dict) -> None:
    km = compared[("กองคลัง", "km_process")]
    assert (km["goal_from"], km["goal_to"]) == (
        "การจัดทำคู่มือการเบิกจ่าย ประจำปี 2566", "การจัดทำคู่มือการเบิกจ่าย ประจำปี 2567"
    )  # fmt: skip
    assert km["goal_similarity"] == 1.0
    cm = compared[("กองคลัง", "change_management")]
    assert (cm["goal_from"], cm["goal_to"]) == (CM_GOALS[2566], CM_GOALS[2567])
    assert 0 < cm["goal_similarity"] < 1
    projects = compared[("สำนักปลัด", "project_list")]
    assert projects["goal_from"] == " | ".join(PROJECTS[2566][s] for s in sorted(PROJECTS[2566]))
    assert projects["goal_to"] == (  # seq order, not the printed row order
        "โครงการอบรมการเขียนคู่มือปฏิบัติงาน | โครงการชุมชนนักปฏิบัติ (CoP) ประจำปี 2567"
        " | โครงการจัดการความรู้ด้านงานสารบรรณ"
    )
    assert 0.5 < projects["goal_similarity"] < 1
    new = compared[("กองช่าง", "change_management")]
    assert (new["goal_from"], new["goal_to"], new["goal_similarity"]) == (
        None, "งานช่างปลอดภัย", None
    )  # fmt: skip


def test_step_shifts_only_on_km_process_rows(compared: dict) -> None:
    shifts = [f"step{s}_{e}_shift" for s in range(1, 8) for e in ("start", "end")]
    km = compared[("กองคลัง", "km_process")]
    want = {}
    for step in range(1, 8):
        old, new = months(2566, step, step + 1), months(2567, step, step + 1)
        want[f"step{step}_start_shift"] = (new[0] - old[0]).days
        want[f"step{step}_end_shift"] = (new[1] - old[1]).days
    assert {column: km[column] for column in shifts} == want
    assert set(want.values()) == {365, 366}  # 2567 holds 29 February 2024
    for where, r in compared.items():
        if where != ("กองคลัง", "km_process"):
            assert all(r[column] is None for column in shifts), where


def test_terminal_table_and_view(db: Path, reader: duckdb.DuckDBPyConnection) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["compare", "--db", str(db), "--org", CITY])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert "plan" in lines[0]
    assert any("กองช่าง" in line and " CM " in line and "new" in line for line in lines)
    assert any("กองช่าง" in line and " KM " in line and "dropped" in line for line in lines)
    assert any("projects" in line and "โครงการอบรม" in line for line in lines)
    assert done.stdout.rstrip().endswith("(5 rows)")
    view = reader.execute(
        "SELECT plan_type, status FROM department_compare WHERE organization = ? ORDER BY ALL",
        [CITY],
    ).fetchall()
    assert view == [
        ("change_management", "changed"), ("change_management", "new"),
        ("km_process", "dropped"), ("km_process", "kept"), ("project_list", "changed"),
    ]  # fmt: skip


def test_compare_table_columns(reader: duckdb.DuckDBPyConnection) -> None:
    table = compare_table(compare_departments(reader, CITY))
    assert table.columns[:4] == ("years", "department_key", "plan", "status")
    assert {r[2] for r in table.rows} == {"KM", "CM", "projects"}


# ---- the report ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def city_html(reader: duckdb.DuckDBPyConnection) -> str:
    return render_html(load_report(reader, CITY))


def svg_of(html: str, year_id: str, plan_type: str) -> str:
    section = re.search(rf'<section class="year" id="{year_id}".*?</section>', html, flags=re.S)
    assert section, year_id
    found = re.findall(
        rf'<svg [^>]*data-plan-type="{plan_type}".*?</svg>', section.group(0), flags=re.S
    )
    assert len(found) == 1, (year_id, plan_type)
    return found[0]


def bars(svg: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'(data-[a-z-]+)="([^"]*)"', rect))
        for rect in re.findall(r'<rect [^>]*class="bar[^"]*"[^>]*>', svg)
    ]


def test_report_headings_name_each_family(city_html: str) -> None:
    assert "<script" not in city_html and "<link" not in city_html
    for year in (2566, 2567):
        section = re.search(rf'id="fy{year}".*?</section>', city_html, flags=re.S)
        assert section
        text = section.group(0)
        assert f"<h2>ปีงบประมาณ {year}</h2>" in text
        titles = re.findall(r"<h3[^>]*>(.*?):", text)
        assert titles == [FAMILY_TITLES[t] for t in ("km_process", "change_management",
                                                      "project_list")]  # fmt: skip
    assert "ปีการศึกษา" not in city_html
    assert "การบริหารจัดการการเปลี่ยนแปลง (Change Management)" in city_html
    assert "รายการโครงการ (Project list)" in city_html
    assert "กระบวนการจัดการความรู้ (KM Process)" in city_html


def test_km_chart_as_before(city_html: str) -> None:
    svg = svg_of(city_html, "fy2566", "km_process")
    got = [(b["data-step"], b["data-start"], b["data-end"]) for b in bars(svg)]
    want = [(str(s), *(d.isoformat() for d in months(2566, s, s + 1))) for s in range(1, 8)]
    want.append(("1", *(d.isoformat() for d in months(2566, 1, 2))))  # กองช่าง
    assert got == want
    assert all(STEP_NAMES[s] in svg for s in STEP_NAMES)
    assert svg.index("กองคลัง") < svg.index("กองช่าง")
    assert 'data-first="2022-10-01" data-last="2023-09-30"' in svg


def test_cm_chart_has_the_element_names(city_html: str) -> None:
    svg = svg_of(city_html, "fy2567", "change_management")
    names = [forms[0] for _, forms in sorted(load("elements").items())]
    labels = re.findall(r'<text [^>]*class="step">([^<]*)</text>', svg)
    # two plans (กองคลัง, กองช่าง) of six element rows each
    assert labels == [f"{n} {name}" for n, name in enumerate(names, start=1)] * 2
    assert not any(STEP_NAMES[s] in svg for s in (1, 2, 3, 5))  # no KM step rows
    got = [(b["data-element"], b["data-start"], b["data-end"]) for b in bars(svg)]
    want = [(str(n), *(d.isoformat() for d in months(2567, n + 1, n + 2))) for n in range(1, 7)]
    want.append(("2", *(d.isoformat() for d in months(2567, 1, 2))))  # กองช่าง, element 2
    assert got == want
    assert all("data-step" not in b for b in bars(svg))


def test_project_chart_has_the_project_names_and_dates(city_html: str) -> None:
    svg = svg_of(city_html, "fy2567", "project_list")
    labels = re.findall(r'<text [^>]*class="step">([^<]*)</text>', svg)
    assert labels == [PROJECTS[2567][s] for s in (1, 2, 3)]  # one row per project, seq order
    got = [(b["data-seq"], b["data-start"], b["data-end"]) for b in bars(svg)]
    assert got == [
        (str(s), *(d.isoformat() for d in months(2567, 2 * s, 2 * s + 2))) for s in (1, 2, 3)
    ]
    assert "สำนักปลัด" in svg
    headings = re.findall(r'<h3 data-plan-type="project_list">([^<]*)</h3>', city_html)
    assert ["ของ 2 โครงการ" in h for h in headings] == [True, False]  # 2566, then 2567
    assert "ของ 3 โครงการ" in headings[1]


def test_comparison_table_in_the_report(city_html: str) -> None:
    table = re.search(r'<table class="compare">.*?</table>', city_html, flags=re.S)
    assert table
    rows = re.findall(r"<tr class=\"status-(\w+)\">(.*?)</tr>", table.group(0), flags=re.S)
    assert len(rows) == 5
    project = [cells for status, cells in rows if "Project list" in cells]
    assert len(project) == 1 and "โครงการจัดการความรู้ด้านงานสารบรรณ" in project[0]


def test_academic_year_report(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "university.html"
    done = CliRunner().invoke(
        app, ["report", "--db", str(db), "--org", UNIVERSITY, "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert f"report of {UNIVERSITY} (1 year, 0 comparison rows" in done.output
    html = out.read_text(encoding="utf-8")
    assert "<h2>ปีการศึกษา 2566</h2>" in html
    assert "ปีงบประมาณ" not in html
    assert 'id="ay2566"' in html and 'data-year-basis="academic"' in html
    svg = svg_of(html, "ay2566", "project_list")
    # 12 months from the month of the earliest dated row (15 June 2023), not Oct-Sep
    assert 'data-first="2023-06-01" data-last="2024-05-31"' in svg
    months_shown = re.findall(r'<text [^>]*class="month">([^<]*)</text>', svg)
    assert months_shown[0] == "มิ.ย. 66" and months_shown[-1] == "พ.ค. 67"
    assert len(months_shown) == 12
    got = [(b["data-seq"], b["data-start"], b["data-end"]) for b in bars(svg)]
    assert got == [("1", "2023-08-01", "2023-09-30"), ("2", "2023-06-15", "2023-07-31")]
    # x: the label column (360) + the chart (840) * days from 1 June 2023 / 366 days
    xs = [float(x) for x in re.findall(r'<rect x="([\d.]+)"[^>]*class="bar', svg)]
    assert xs == [round(360 + 840 * days / 366, 1) for days in (61, 14)]  # 1 Aug, 15 Jun
    # The long name is cut to fit its label column and kept whole in a tooltip.
    long_label = re.search(rf"<title>{re.escape(LONG_PROJECT)}</title>([^<]*)</text>", svg)
    assert long_label and long_label.group(1).endswith("…")
    assert LONG_PROJECT.startswith(long_label.group(1)[:-1])
    assert len(long_label.group(1)) < len(LONG_PROJECT) and LABEL_CELLS < len(LONG_PROJECT)
    assert "ไม่ระบุวันที่: ตลอดปีการศึกษา" in svg
    assert "โครงการถอดบทเรียน" in svg
