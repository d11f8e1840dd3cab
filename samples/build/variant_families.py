"""Samples of the two further KM plan families: the source data, the builders and the truth.

  tak-pao-km-plan-2566-change.pdf          the Tak PAO memo and announcement, then for two
                                           departments their KM Process table (from the
                                           seed) and their Change Management table
  sci-faculty-km-plan-2566.pdf             a project-list plan of an invented faculty
                                           (fiscal year, two-row header, a row split
                                           across a page break)
  nursing-college-km-plan-2565.pdf         a project-list plan of an invented college
                                           (academic year, Thai digits, another font)
  sci-faculty-km-plan-2566-rotated.pdf     the faculty plan with its text layer drawn
                                           sideways on portrait pages, no /Rotate entry
  sci-faculty-km-plan-2566-sideways-scan.pdf
                                           the faculty plan scanned and turned sideways

Everything printed here is hand-written source data below; the truth is written from the
same data, never from kmplan's output. The canonical values (elements, ISO dates, budgets,
percentages) are literal tables (``CM_CANONICAL``, ``PROJECT_CANONICAL``), worked out by
reading each printed cell and only cross-checked by assertions, as make_truth.CANONICAL.
The organizations of the project-list plans and their people are fictional.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table

from . import build_samples as bs
from . import make_truth, turned_scan
from .checks import (
    Expect,
    arabic_digit_pages,
    check_expectations,
    check_pages,
    needle,
    page_texts,
    squash,
)
from .common import SAMPLES, arabic_digits, check_schema, thai_digits, write_jsonl
from .docx_kit import (
    A4_LONG_CM,
    A4_SHORT_CM,
    FONT,
    Par,
    Style,
    add_run,
    column_widths,
    header_row,
    labelled,
    landscape_section,
    lines_row,
    new_document,
    new_table,
    page_break_paragraph,
    para,
    restyle,
)
from .render import first_fit, render_docx
from .seed_source import PLAN_TITLE, Plan, Seed

CHANGE_PDF = SAMPLES / "tak-pao-km-plan-2566-change.pdf"
SCI_PDF = SAMPLES / "sci-faculty-km-plan-2566.pdf"
NURSING_PDF = SAMPLES / "nursing-college-km-plan-2565.pdf"
ROTATED_PDF = SAMPLES / "sci-faculty-km-plan-2566-rotated.pdf"
SIDEWAYS_SCAN_PDF = SAMPLES / "sci-faculty-km-plan-2566-sideways-scan.pdf"


def cell_text(printed: str) -> str:
    """A contract text field of a printed cell: its lines joined with one space."""
    return make_truth.text(" ".join(printed.split("\n")))


def _check_dates(key: object, start: str | None, end: str | None) -> None:
    assert (start is None) == (end is None), key
    if start is not None and end is not None:
        assert date.fromisoformat(start) <= date.fromisoformat(end), key


# ======================================================= 1. Change Management tables

CM_TITLE = (
    "แผนการจัดการความรู้ (KM Action Plan) : "
    "กระบวนการบริหารจัดการการเปลี่ยนแปลง (Change Management Process)"
)
CM_HEADER = ("ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ", "ระยะเวลา", "ตัวชี้วัด", "เป้าหมาย")
CM_HEADER += ("ผู้รับผิดชอบ",)
# A status column is wider than the seed's หมายเหตุ column: it holds words, not a blank.
CM_COLUMN_RATIO = (1.6, 4.0, 5.7, 2.9, 3.9, 3.7, 3.6, 2.6)


@dataclass(frozen=True)
class CMTable:
    """One department's Change Management table; cells are printed lines joined by \\n."""

    plan: int  # the seed plan (department) it belongs to
    with_title: bool  # False: only the three header lines precede the table
    last_header: str  # สถานะ or หมายเหตุ
    breaks_before: tuple[int, ...]  # seqs that start a new page under a repeated header row
    rows: tuple[tuple[str, ...], ...]

    @property
    def header(self) -> tuple[str, ...]:
        return (*CM_HEADER, self.last_header)

    def chunks(self) -> list[tuple[tuple[str, ...], ...]]:
        out: list[list[tuple[str, ...]]] = [[]]
        for row in self.rows:
            if int(row[0]) in self.breaks_before:
                out.append([])
            out[-1].append(row)
        return [tuple(chunk) for chunk in out]


# Plan 1: สำนักปลัดองค์การบริหารส่วนจังหวัด (goal: ITA). The table breaks after row 3.
# one paragraph, as the seed prints it: a line break between two Thai words would be
# indistinguishable from a wrap in the text layer, and the truth joins with a space
_RESP_1 = "ฝ่ายอำนวยการ สำนักปลัดองค์การบริหารส่วนจังหวัด"
CM_PLAN_1 = CMTable(
    plan=1,
    with_title=True,
    last_header="สถานะ",
    breaks_before=(4,),
    rows=(
        (
            "1",
            "การเตรียมการและปรับเปลี่ยนพฤติกรรม",
            "- แต่งตั้งคณะทำงาน KM ของสำนักปลัดองค์การบริหารส่วนจังหวัด\n"
            "- ผู้บริหารมอบนโยบายและสนับสนุนการจัดการความรู้ด้าน ITA",
            "ต.ค.65 - ธ.ค.65",
            "คำสั่งแต่งตั้งคณะทำงาน KM",
            "1 คำสั่ง",
            _RESP_1,
            "ดำเนินการแล้ว",
        ),
        (
            "2",
            "การสื่อสาร",
            "- ประชาสัมพันธ์แผนการจัดการความรู้ผ่านเว็บไซต์และไลน์กลุ่มของ อบจ.ตาก\n"
            "- ชี้แจงแผนในที่ประชุมประจำเดือนของส่วนราชการ",
            "ม.ค. - มี.ค. 2566",
            "ร้อยละของบุคลากรที่รับทราบแผนการจัดการความรู้",
            "ร้อยละ 80",
            _RESP_1,
            "ดำเนินการแล้ว",
        ),
        (
            "3",
            "กระบวนการและเครื่องมือ",
            "- จัดทำคลังความรู้บนเว็บไซต์ อบจ.ตาก\n- จัดทำแบบฟอร์มบันทึกองค์ความรู้การเปิดเผยข้อมูล ITA",
            "พ.ย. - ม.ค. 2566",
            "จำนวนช่องทางการเข้าถึงคลังความรู้",
            "อย่างน้อย 2 ช่องทาง",
            _RESP_1,
            "อยู่ระหว่างดำเนินการ",
        ),
        (
            "4",
            "การเรียนรู้",
            "- จัดอบรมเชิงปฏิบัติการเรื่องการเปิดเผยข้อมูลสาธารณะ (OIT)\n"
            "- ศึกษาดูงานหน่วยงานที่มีผลการประเมิน ITA ในระดับดีเด่น",
            "1 ต.ค.65 – 30 ก.ย.66",
            "จำนวนครั้งของการจัดอบรม",
            "1 ครั้ง",
            _RESP_1,
            "อยู่ระหว่างดำเนินการ",
        ),
        (
            "5",
            "การวัดผล",
            "- ติดตามประเมินผลการดำเนินงานตามแผนการจัดการความรู้รายไตรมาส\n- รายงานผลการดำเนินงานต่อผู้บริหาร",
            "ก.ค. - ก.ย. 2566",
            "ร้อยละความสำเร็จของการดำเนินงานตามแผน",
            "ไม่น้อยกว่าร้อยละ 90",
            _RESP_1,
            "",
        ),
        (
            "6",
            "การยกย่องชมเชยและการให้รางวัล",
            "- มอบเกียรติบัตรแก่บุคลากรที่มีผลงานการจัดการความรู้ดีเด่น\n- ประกาศยกย่องชมเชยผ่านเว็บไซต์ อบจ.ตาก",
            "กันยายน 2566",
            "จำนวนบุคลากรที่ได้รับการยกย่องชมเชย",
            "อย่างน้อย 3 คน",
            _RESP_1,
            "",
        ),
    ),
)

# Plan 6: กองการศึกษา ศาสนาและวัฒนธรรม. No title line; another clerk typed it: หมายเหตุ as
# the last header, Thai digits in some cells, a sub-bullet under row 2's element, and
# element 6 printed as in Part 1 (การยกย่องชมเชยและให้รางวัล).
_RESP_6 = "ฝ่ายบริหารการศึกษา"
CM_PLAN_6 = CMTable(
    plan=6,
    with_title=False,
    last_header="หมายเหตุ",
    breaks_before=(),
    rows=(
        (
            "1",
            "การเตรียมการและปรับเปลี่ยนพฤติกรรม",
            "- แต่งตั้งคณะทำงาน KM\n- ประชุมชี้แจงคณะทำงาน",
            "ต.ค.65 - พ.ย.65",
            "มีคำสั่งแต่งตั้งคณะทำงาน",
            "คณะทำงานเข้าร่วมร้อยละ 100",
            _RESP_6,
            "",
        ),
        (
            "2",
            "การสื่อสาร\n- ประชาสัมพันธ์แผน KM",
            "- ประชาสัมพันธ์ผ่านเว็บไซต์และไลน์กลุ่มของกอง\n- จัดทำบอร์ดประชาสัมพันธ์",
            "ธ.ค.65 - ม.ค.66",
            "จำนวนช่องทางการประชาสัมพันธ์",
            "ไม่น้อยกว่า ๒ ช่องทาง",
            _RESP_6,
            "",
        ),
        (
            "3",
            "กระบวนการและเครื่องมือ",
            "- จัดทำคลังความรู้บนเว็บไซต์\n- จัดทำแบบฟอร์มการจัดหาพัสดุ",
            "ม.ค. - มี.ค. ๒๕๖๖",
            "มีคลังความรู้บนเว็บไซต์",
            "๑ ระบบ",
            _RESP_6,
            "ร่วมกับกองยุทธศาสตร์ฯ",
        ),
        (
            "4",
            "การเรียนรู้",
            "- จัดอบรมการจัดหาพัสดุ\n- แลกเปลี่ยนเรียนรู้กับโรงเรียนในสังกัด",
            "เม.ย. - มิ.ย. 2566",
            "ร้อยละของผู้เข้ารับการอบรมที่ผ่านการทดสอบ",
            "ร้อยละ ๘๐",
            _RESP_6,
            "",
        ),
        (
            "5",
            "การวัดผล",
            "- ติดตามประเมินผลการใช้คู่มือ\n- รายงานผลต่อผู้บริหาร",
            "๑ ต.ค.๖๕ – ๓๐ ก.ย.๖๖",
            "รายงานผลการดำเนินงาน",
            "ปีละ 2 ครั้ง",
            _RESP_6,
            "รายงานทุก 6 เดือน",
        ),
        (
            "6",
            "การยกย่องชมเชยและให้รางวัล",
            "- มอบเกียรติบัตรแก่บุคลากรดีเด่น",
            "ก.ย.66",
            "จำนวนผู้ได้รับเกียรติบัตร",
            "อย่างน้อย 2 คน",
            _RESP_6,
            "",
        ),
    ),
)

CM_TABLES: tuple[CMTable, ...] = (CM_PLAN_1, CM_PLAN_6)

# (plan, seq) -> (element, period_start, period_end, target_percent), by hand.
CMCanonical = tuple[int, str, str, int | None]
CM_CANONICAL: dict[tuple[int, int], CMCanonical] = {
    (1, 1): (1, "2022-10-01", "2022-12-31", None),  # ต.ค.65 - ธ.ค.65; 1 คำสั่ง
    (1, 2): (2, "2023-01-01", "2023-03-31", 80),  # ม.ค. - มี.ค. 2566; ร้อยละ 80
    # พ.ย. - ม.ค. 2566: November 2566 would follow January 2566, so it is November 2565
    (1, 3): (3, "2022-11-01", "2023-01-31", None),
    (1, 4): (4, "2022-10-01", "2023-09-30", None),  # 1 ต.ค.65 – 30 ก.ย.66; 1 ครั้ง
    (1, 5): (5, "2023-07-01", "2023-09-30", 90),  # ก.ค. - ก.ย. 2566; ไม่น้อยกว่าร้อยละ 90
    (1, 6): (6, "2023-09-01", "2023-09-30", None),  # กันยายน 2566
    (6, 1): (1, "2022-10-01", "2022-11-30", 100),  # ต.ค.65 - พ.ย.65; ร้อยละ 100
    (6, 2): (2, "2022-12-01", "2023-01-31", None),  # การสื่อสาร - ประชาสัมพันธ์แผน KM
    (6, 3): (3, "2023-01-01", "2023-03-31", None),  # ม.ค. - มี.ค. ๒๕๖๖; ๑ ระบบ
    (6, 4): (4, "2023-04-01", "2023-06-30", 80),  # เม.ย. - มิ.ย. 2566; ร้อยละ ๘๐
    (6, 5): (5, "2022-10-01", "2023-09-30", None),  # ๑ ต.ค.๖๕ – ๓๐ ก.ย.๖๖
    (6, 6): (6, "2023-09-01", "2023-09-30", None),  # การยกย่องชมเชยและให้รางวัล; ก.ย.66
}

# Where each element's printed name may differ from the contract's (by meaning).
CM_ELEMENT_NAMES = {
    1: "การเตรียมการและปรับเปลี่ยนพฤติกรรม",
    2: "การสื่อสาร",
    3: "กระบวนการและเครื่องมือ",
    4: "การเรียนรู้",
    5: "การวัดผล",
    6: "การยกย่องชมเชยและการให้รางวัล",
}


def check_cm_canonical() -> None:
    keys = {(table.plan, int(row[0])) for table in CM_TABLES for row in table.rows}
    assert keys == set(CM_CANONICAL), sorted(keys ^ set(CM_CANONICAL))
    for table in CM_TABLES:
        assert [int(row[0]) for row in table.rows] == list(range(1, 7)), table.plan
        elements = sorted(CM_CANONICAL[(table.plan, int(row[0]))][0] for row in table.rows)
        assert elements == list(range(1, 7)), (table.plan, elements)
        for row in table.rows:
            key = (table.plan, int(row[0]))
            element, start, end, percent = CM_CANONICAL[key]
            _check_dates(key, start, end)
            name = row[1].split("\n")[0].replace("การให้", "ให้").replace(" ", "")
            assert name == CM_ELEMENT_NAMES[element].replace("การให้", "ให้"), key
            target = arabic_digits(row[5])
            assert (re.search(r"ร้อยละ|%", target) is not None) == (percent is not None), key
            if percent is not None:
                assert re.search(rf"(?<!\d){percent}(?!\d)", target), key


# ------------------------------------------------------------------- layout (sample 1)

CHANGE_FIRST_PLAN_PAGE = len(bs.FRONT_PAGES) + 1  # memo, announcement, then the plans


def change_plans(seed: Seed) -> list[tuple[Plan, CMTable]]:
    by_number = {plan.number: plan for plan in seed.plans}
    return [(by_number[table.plan], table) for table in CM_TABLES]


def change_layout(seed: Seed) -> dict[tuple[str, int, int], int]:
    """(family, plan, 0-based chunk) -> 1-based page: every table chunk starts a page."""
    pages: dict[tuple[str, int, int], int] = {}
    page = CHANGE_FIRST_PLAN_PAGE
    for plan, table in change_plans(seed):
        for index in range(len(plan.chunks)):
            pages[("km", plan.number, index)] = page
            page += 1
        for index in range(len(table.chunks())):
            pages[("cm", plan.number, index)] = page
            page += 1
    return pages


def change_row_pages(seed: Seed) -> dict[tuple[str, int, int], int]:
    """(family, plan, seq) -> 1-based page on which that row begins."""
    chunk_page = change_layout(seed)
    out: dict[tuple[str, int, int], int] = {}
    for plan, table in change_plans(seed):
        for index, chunk in enumerate(plan.chunks):
            for row in chunk.rows:
                out[("km", plan.number, row.seq)] = chunk_page[("km", plan.number, index)]
        for index, cm_chunk in enumerate(table.chunks()):
            for cm_row in cm_chunk:
                out[("cm", plan.number, int(cm_row[0]))] = chunk_page[("cm", plan.number, index)]
    return out


def change_page_count(seed: Seed) -> int:
    return max(change_layout(seed).values())


# --------------------------------------------------------------------- build (sample 1)


def cm_widths(style: Style) -> list[float]:
    return column_widths(CM_COLUMN_RATIO, A4_LONG_CM - 2 * style.margin_cm - 0.2)


def build_cm_table(document: DocxDocument, plan: Plan, table: CMTable, style: Style) -> None:
    if table.with_title:
        para(
            document,
            CM_TITLE,
            # 14 pt: at the KM titles' 16 pt this longer title would wrap
            Par(size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True, after_pt=4),
        )
    for number, line in enumerate(plan.header_lines):
        fmt = Par(after_pt=2, page_break=not table.with_title and number == 0)
        labelled(document, f"{line.label} :", f" {line.value}", fmt)
    para(document, fmt=Par(size=4))
    widths = cm_widths(style)
    for index, chunk in enumerate(table.chunks()):
        if index:
            page_break_paragraph(document)
        docx_table = new_table(document, 1 + len(chunk), widths)
        header_row(docx_table, 0, table.header, style)
        for offset, row in enumerate(chunk, start=1):
            lines_row(docx_table, offset, row, style, split=False, centered=bs.CENTERED_COLUMNS)


def build_change_docx(seed: Seed, style: Style, path: Path) -> None:
    title = seed.announcement.subject.removeprefix("เรื่อง ").strip()
    document = new_document(title, bs.AUTHOR, bs.CREATED)
    bs.build_memo(document, seed)
    bs.build_announcement(document, seed)
    landscape_section(document, style.margin_cm)
    for index, (plan, table) in enumerate(change_plans(seed)):
        bs.build_plan(document, plan, style, first=index == 0)
        build_cm_table(document, plan, table, style)
    para(document, fmt=Par(size=1))  # a document must not end with a table
    document.save(str(path))


# -------------------------------------------------------------------- verify (sample 1)


def change_expectations(seed: Seed) -> list[Expect]:
    front = [e for e in bs.front_expectations(seed) if e.page <= len(bs.FRONT_PAGES)]
    out = list(front)
    pages = change_layout(seed)
    for plan, table in change_plans(seed):
        for index, chunk in enumerate(plan.chunks):
            first, last = chunk.rows[0], chunk.rows[-1]
            texts = (first.activity, first.method, last.method, last.indicator)
            if index == 0:
                texts = (plan.unit.value, *texts)
            what = f"plan {plan.number} KM chunk {index + 1}"
            page = pages[("km", plan.number, index)]
            out.append(Expect(page, texts, what, exact=chunk.header[1:7]))
        for index, cm_chunk in enumerate(table.chunks()):
            first_cm, last_cm = cm_chunk[0], cm_chunk[-1]
            texts = (first_cm[1], first_cm[2], last_cm[2], last_cm[4], last_cm[1].split("\n")[-1])
            if index == 0:
                texts = (plan.unit.value, plan.goal.value, *texts)
                if table.with_title:
                    texts = (CM_TITLE, *texts)
            what = f"plan {plan.number} CM chunk {index + 1}"
            page = pages[("cm", plan.number, index)]
            out.append(Expect(page, texts, what, exact=(*table.header[1:4], table.last_header)))
    return out


def verify_change(path: Path, seed: Seed) -> list[str]:
    problems = check_pages(
        path, change_page_count(seed), lambda number: number >= CHANGE_FIRST_PLAN_PAGE
    )
    texts = page_texts(path)
    problems += check_expectations(texts, change_expectations(seed))
    # The second department's Change Management table has no title line: only its rows
    # can tell the family, so neither plan title may be on its page.
    pages = change_layout(seed)
    for _, table in change_plans(seed):
        if table.with_title:  # printed on one line
            lines = texts[pages[("cm", table.plan, 0)] - 1].splitlines()
            if not any(squash(CM_TITLE) == squash(line) for line in lines):
                problems.append(f"plan {table.plan}: the CM title is not one line")
            continue
        page_text = squash(texts[pages[("cm", table.plan, 0)] - 1])
        for title in (CM_TITLE, PLAN_TITLE, "แผนการจัดการความรู้ (KM Action Plan)"):
            if squash(title) in page_text:
                problems.append(f"plan {table.plan} CM page prints a title line")
    return problems


# --------------------------------------------------------------------- truth (sample 1)


def cm_truth_row(plan: Plan, table: CMTable, row: Sequence[str], page: int) -> dict[str, Any]:
    seq = int(row[0])
    element, start, end, percent = CM_CANONICAL[(table.plan, seq)]
    return {
        "organization": make_truth.ORGANIZATION,
        "fiscal_year": make_truth.FISCAL_YEAR,
        "announced_on": make_truth.ANNOUNCED_ON,
        "reference_no": make_truth.REFERENCE_NO,
        "signed_by": make_truth.SIGNED_BY,
        "department": make_truth.department(plan),
        "km_goal": make_truth.text(plan.goal.value),
        "deliverable": make_truth.text(plan.deliverable.value),
        "seq": seq,
        "step": None,
        "activity": cell_text(row[1]),
        "method": cell_text(row[2]),
        "period_text": cell_text(row[3]),
        "period_start": start,
        "period_end": end,
        "indicator": cell_text(row[4]),
        "target": cell_text(row[5]),
        "target_percent": percent,
        "responsible": cell_text(row[6]),
        "note": cell_text(row[7]) or None,
        "page": page,
        "plan_type": "change_management",
        "year_basis": "fiscal",
        "element": element,
        "target_group": None,
        "budget_baht": None,
        "tacit_knowledge": None,
        "explicit_knowledge": None,
    }


def change_truth_rows(seed: Seed) -> list[dict[str, Any]]:
    """Document order: each department's KM Process rows, then its Change Management rows."""
    make_truth.check_document(seed)
    make_truth.check_canonical(seed)
    check_cm_canonical()
    pages = change_row_pages(seed)
    rows: list[dict[str, Any]] = []
    for plan, table in change_plans(seed):
        for km_row in plan.rows:
            page = pages[("km", plan.number, km_row.seq)]
            rows.append(make_truth.truth_row(plan, km_row, page))
        for cm_row in table.rows:
            page = pages[("cm", plan.number, int(cm_row[0]))]
            rows.append(cm_truth_row(plan, table, cm_row, page))
    return rows


def build_change(seed: Seed, report: Callable[[str], None] = print) -> Style:
    def attempt(style: Style, tmp: Path) -> tuple[Path, list[str]]:
        pdf = render_docx(lambda path: build_change_docx(seed, style, path), tmp, CHANGE_PDF.stem)
        return pdf, verify_change(pdf, seed)

    style = first_fit("change", bs.ATTEMPTS, attempt, CHANGE_PDF, report)
    rows = change_truth_rows(seed)
    check_schema(rows, CHANGE_PDF.name)
    write_jsonl(rows, CHANGE_PDF.with_suffix(".truth.jsonl"))
    return style


# ============================================================== 2./3. project lists


@dataclass(frozen=True)
class Project:
    """One numbered project row; multi-line cells are lines joined by \\n."""

    seq: int
    name: str
    target_group: str
    period: str  # as printed (sample 3: the period line of the ระยะเวลา/งบประมาณ cell)
    budget: str  # as printed; "" when the plan prints none
    integration: str  # การบูรณาการกับการทำงาน (sample 2 only; no contract field)
    tacit: str
    explicit: str
    unit: str


@dataclass(frozen=True)
class ProjectPlan:
    """A project-list KM plan: title, organization, approval note, table, footnote."""

    key: str
    pdf: Path
    title: str
    organization: str
    approval: str
    font: str
    landscape: bool
    header: tuple[str, ...]  # the printed header cells (two-row headers: see build)
    two_row_header: bool
    ratio: tuple[float, ...]
    projects: tuple[Project, ...]
    footnote_label: str
    footnote: str
    fiscal_year: int
    year_basis: str
    announced_on: str  # the approval date, ISO (CE)
    author: str
    table_pt: float
    # 1-based page of each row's first line, and rows that continue on the next page
    row_page: dict[int, int]
    split_rows: tuple[int, ...]
    pages: int

    def cells(self, project: Project) -> tuple[str, ...]:
        """The printed cells of a row, in column order."""
        if self.two_row_header:
            return (
                str(project.seq),
                project.name,
                project.target_group,
                project.period,
                project.budget,
                project.integration,
                project.tacit,
                project.explicit,
                project.unit,
            )
        period_budget = "\n".join(p for p in (project.period, project.budget) if p)
        return (
            thai_digits(str(project.seq)),
            project.name,
            project.target_group,
            period_budget,
            project.tacit,
            project.explicit,
            project.unit,
        )


SCI_ORG = "คณะวิทยาศาสตร์และเทคโนโลยี มหาวิทยาลัยราชภัฏดอยสายหมอก"
SCI = ProjectPlan(
    key="sci",
    pdf=SCI_PDF,
    title="แผนการจัดการความรู้ (KM Action Plan) ปีงบประมาณ พ.ศ. 2566",
    organization=SCI_ORG,
    approval="ผ่านมติที่ประชุมคณะกรรมการประจำคณะวิทยาศาสตร์และเทคโนโลยี ครั้งที่ 2/2566 เมื่อวันที่ 15 กุมภาพันธ์ 2566",
    font="Laksaman",
    landscape=True,
    # row 1: the first six and the last merged down; องค์ความรู้ spans two sub-columns
    header=(
        "ลำดับ",
        "ชื่อโครงการ/กิจกรรม",
        "กลุ่มเป้าหมาย",
        "ระยะเวลา",
        "งบประมาณ",
        "การบูรณาการกับการทำงาน",
        "Tacit Knowledge",
        "Explicit Knowledge",
        "หน่วยงาน",
    ),
    two_row_header=True,
    ratio=(1.5, 4.0, 3.0, 2.3, 2.2, 3.2, 4.0, 4.0, 2.8),
    projects=(
        Project(
            seq=1,
            name="โครงการพัฒนาทักษะการเขียนข้อเสนอโครงการวิจัยเพื่อขอรับทุนจากแหล่งทุนภายนอก",
            target_group="อาจารย์และนักวิจัยของคณะ จำนวน 40 คน",
            period="ม.ค.-ก.พ. 2566",
            budget="12,500",
            integration="1. บูรณาการกับพันธกิจด้านการวิจัย\n2. บูรณาการกับแผนพัฒนาบุคลากรของคณะ",
            tacit="1. ประสบการณ์การเขียนข้อเสนอโครงการของนักวิจัยที่ได้รับทุน\n"
            "2. เทคนิคการกำหนดโจทย์วิจัยให้ตรงกับกรอบของแหล่งทุน\n"
            "3. การตอบข้อเสนอแนะของผู้ทรงคุณวุฒิ",
            explicit="1. คู่มือการเขียนข้อเสนอโครงการวิจัย\n"
            "2. ตัวอย่างข้อเสนอโครงการที่ได้รับทุน\n"
            "3. แบบตรวจสอบความครบถ้วนของข้อเสนอโครงการ",
            unit="งานวิจัยและบริการวิชาการ",
        ),
        Project(
            seq=2,
            name="โครงการแลกเปลี่ยนเรียนรู้การจัดการเรียนการสอนแบบ Active Learning ในรายวิชาวิทยาศาสตร์พื้นฐาน",
            target_group="1. อาจารย์ผู้สอนรายวิชาวิทยาศาสตร์พื้นฐาน\n"
            "2. อาจารย์ประจำหลักสูตรทุกหลักสูตร\n"
            "3. นักวิทยาศาสตร์ประจำห้องปฏิบัติการ",
            period="มีนาคม - มิถุนายน 2566",
            budget="45,000",
            integration="1. บูรณาการกับพันธกิจด้านการผลิตบัณฑิต\n"
            "2. บูรณาการกับการประกันคุณภาพการศึกษาระดับหลักสูตร\n"
            "3. บูรณาการกับการพัฒนาสมรรถนะอาจารย์ตามกรอบ UKPSF",
            tacit="1. ประสบการณ์การออกแบบกิจกรรมการเรียนรู้เชิงรุกในชั้นเรียนขนาดใหญ่\n"
            "2. เทคนิคการตั้งคำถามกระตุ้นการคิดของนักศึกษา\n"
            "3. การใช้การทดลองอย่างง่ายประกอบการสอนทฤษฎี\n"
            "4. การจัดกลุ่มนักศึกษาให้ทำงานร่วมกัน\n"
            "5. การประเมินผลระหว่างภาคเรียนแบบเสริมพลัง\n"
            "6. การสะท้อนคิดหลังการสอนร่วมกับเพื่อนอาจารย์",
            explicit="1. คู่มือการจัดการเรียนการสอนแบบ Active Learning ของคณะ\n"
            "2. แผนการสอนตัวอย่างรายวิชาฟิสิกส์ เคมี และชีววิทยาพื้นฐาน\n"
            "3. คลังสื่อการสอนและใบงานบนระบบ e-Learning ของมหาวิทยาลัย\n"
            "4. แบบประเมินความพึงพอใจของนักศึกษา\n"
            "5. รายงานสรุปองค์ความรู้\n"
            "6. บทความเผยแพร่แนวปฏิบัติที่ดีบนเว็บไซต์คณะ",
            unit="งานวิชาการ คณะวิทยาศาสตร์และเทคโนโลยี",
        ),
        Project(
            seq=3,
            name="กิจกรรมการจัดการความรู้ด้านความปลอดภัยในห้องปฏิบัติการวิทยาศาสตร์",
            target_group="นักวิทยาศาสตร์ เจ้าหน้าที่ห้องปฏิบัติการ และนักศึกษาช่วยงาน",
            period="ต.ค. 2565 - ก.ย. 2566",
            budget="-",
            integration="1. บูรณาการกับการบริหารความเสี่ยงของคณะ\n2. บูรณาการกับมาตรฐาน ESPReL",
            tacit="1. ประสบการณ์การจัดการสารเคมีรั่วไหล\n2. การจัดเก็บสารเคมีตามกลุ่มความเข้ากันได้",
            explicit="1. คู่มือความปลอดภัยในห้องปฏิบัติการ\n2. ทะเบียนสารเคมีและเอกสารข้อมูลความปลอดภัย (SDS)",
            unit="ศูนย์วิทยาศาสตร์",
        ),
    ),
    footnote_label="หมายเหตุ :",
    footnote=" Tacit Knowledge หมายถึง ความรู้ที่ฝังอยู่ในตัวบุคคล ได้แก่ ประสบการณ์ ทักษะ "
    "และวิธีการทำงานที่ยังไม่ได้บันทึกเป็นลายลักษณ์อักษร  Explicit Knowledge หมายถึง "
    "ความรู้ที่ปรากฏชัดแจ้งและถ่ายทอดได้ เช่น เอกสาร คู่มือ ตำรา และสื่ออิเล็กทรอนิกส์",
    fiscal_year=2566,
    year_basis="fiscal",
    announced_on="2023-02-15",  # 15 กุมภาพันธ์ 2566
    author="งานแผนและประกันคุณภาพ คณะวิทยาศาสตร์และเทคโนโลยี",
    table_pt=14,
    row_page={1: 1, 2: 1, 3: 2},
    split_rows=(2,),
    pages=2,
)

NURSING_ORG = "วิทยาลัยพยาบาลเวียงหมอก สถาบันพัฒนาสุขภาพชุมชนดอยสายหมอก"
NURSING = ProjectPlan(
    key="nursing",
    pdf=NURSING_PDF,
    title="แผนการจัดการความรู้ (KM Action Plan) ปีการศึกษา ๒๕๖๕",
    organization=NURSING_ORG,
    approval="ผ่านความเห็นชอบจากคณะกรรมการบริหารวิทยาลัย ครั้งที่ ๕/๒๕๖๕ เมื่อวันที่ ๒๐ พฤษภาคม ๒๕๖๕",
    font="Norasi",
    landscape=False,
    header=(
        "ลำดับ",
        "ชื่อโครงการ/กิจกรรม",
        "กลุ่มเป้าหมาย",
        "ระยะเวลา/งบประมาณ",
        "องค์ความรู้ Tacit Knowledge",
        "Explicit Knowledge",
        "หน่วยงาน",
    ),
    two_row_header=False,
    ratio=(1.4, 3.2, 2.4, 3.0, 2.9, 2.9, 2.3),
    projects=(
        Project(
            seq=1,
            name="โครงการแลกเปลี่ยนเรียนรู้การสอนภาคปฏิบัติการพยาบาลในแหล่งฝึก",
            target_group="อาจารย์พยาบาลและพยาบาลพี่เลี้ยง จำนวน ๓๕ คน",
            period="มิ.ย. - ส.ค. ๒๕๖๕",
            budget="๘,๕๐๐ บาท",
            integration="",
            tacit="๑. เทคนิคการนิเทศนักศึกษาบนหอผู้ป่วย\n"
            "๒. การให้ข้อมูลป้อนกลับหลังการฝึกปฏิบัติ\n"
            "๓. การประเมินทักษะทางคลินิก",
            explicit="๑. คู่มือการนิเทศการฝึกภาคปฏิบัติ\n๒. แบบประเมินทักษะทางคลินิก",
            unit="กลุ่มวิชาการพยาบาลผู้ใหญ่",
        ),
        Project(
            seq=2,
            name="โครงการพัฒนาทักษะการวิจัยจากงานประจำ (R2R) สำหรับบุคลากรสายสนับสนุน",
            target_group="บุคลากรสายสนับสนุน จำนวน ๒๕ คน",
            period="ก.ย. ๒๕๖๕ - ม.ค. ๒๕๖๖",
            budget="๒๐,๐๐๐ บาท",
            integration="",
            tacit="๑. ประสบการณ์การตั้งโจทย์วิจัยจากปัญหาหน้างาน\n๒. การวิเคราะห์ข้อมูลเบื้องต้นด้วยโปรแกรมสำเร็จรูป",
            explicit="๑. คู่มือการทำวิจัยจากงานประจำ\n"
            "๒. ตัวอย่างรายงานวิจัย R2R\n"
            "๓. แบบฟอร์มขออนุมัติโครงการวิจัย",
            unit="งานวิจัยและนวัตกรรม",
        ),
        Project(
            seq=3,
            name="กิจกรรมถอดบทเรียนการดูแลนักศึกษาที่มีความเสี่ยงด้านสุขภาพจิต",
            target_group="อาจารย์ที่ปรึกษาและงานกิจการนักศึกษา",
            period="พ.ย. - ธ.ค. ๒๕๖๕",
            budget="",
            integration="",
            tacit="๑. การสังเกตสัญญาณเตือนของนักศึกษา\n๒. การให้คำปรึกษาเบื้องต้น",
            explicit="๑. แนวปฏิบัติการส่งต่อนักศึกษาเพื่อรับการดูแล\n๒. สรุปบทเรียนจากกรณีศึกษา",
            unit="งานกิจการนักศึกษา",
        ),
    ),
    footnote_label="หมายเหตุ :",
    footnote=" Tacit Knowledge หมายถึง ความรู้ที่อยู่ในตัวบุคคล เกิดจากประสบการณ์และการฝึกฝน "
    "Explicit Knowledge หมายถึง ความรู้ที่บันทึกไว้เป็นเอกสาร คู่มือ หรือสื่อต่าง ๆ",
    fiscal_year=2565,
    year_basis="academic",
    announced_on="2022-05-20",  # ๒๐ พฤษภาคม ๒๕๖๕
    author="งานพัฒนาคุณภาพการศึกษา วิทยาลัยพยาบาลเวียงหมอก",
    table_pt=14,
    row_page={1: 1, 2: 1, 3: 1},
    split_rows=(),
    pages=1,
)

PROJECT_PLANS: tuple[ProjectPlan, ...] = (SCI, NURSING)

# (plan key, seq) -> (period_start, period_end, budget_baht), by hand.
ProjectCanonical = tuple[str, str, int | None]
PROJECT_CANONICAL: dict[tuple[str, int], ProjectCanonical] = {
    ("sci", 1): ("2023-01-01", "2023-02-28", 12500),  # ม.ค.-ก.พ. 2566; 12,500
    ("sci", 2): ("2023-03-01", "2023-06-30", 45000),  # มีนาคม - มิถุนายน 2566; 45,000
    ("sci", 3): ("2022-10-01", "2023-09-30", None),  # ต.ค. 2565 - ก.ย. 2566; -
    ("nursing", 1): ("2022-06-01", "2022-08-31", 8500),  # มิ.ย. - ส.ค. ๒๕๖๕; ๘,๕๐๐ บาท
    ("nursing", 2): ("2022-09-01", "2023-01-31", 20000),  # ก.ย. ๒๕๖๕ - ม.ค. ๒๕๖๖
    ("nursing", 3): ("2022-11-01", "2022-12-31", None),  # พ.ย. - ธ.ค. ๒๕๖๕; no budget line
}


def check_project_canonical() -> None:
    keys = {(plan.key, p.seq) for plan in PROJECT_PLANS for p in plan.projects}
    assert keys == set(PROJECT_CANONICAL), sorted(keys ^ set(PROJECT_CANONICAL))
    for plan in PROJECT_PLANS:
        assert [p.seq for p in plan.projects] == list(range(1, len(plan.projects) + 1))
        assert set(plan.row_page) == {p.seq for p in plan.projects}
        for project in plan.projects:
            key = (plan.key, project.seq)
            start, end, budget = PROJECT_CANONICAL[key]
            _check_dates(key, start, end)
            printed = re.sub(r"[,\s]|บาท", "", arabic_digits(project.budget))
            assert (budget is None) == (printed in ("", "-")), key
            if budget is not None:
                assert int(printed) == budget, key
            # a printed year (BE) that the canonical dates agree with
            years = re.findall(r"25\d\d", arabic_digits(project.period))
            assert years and int(years[-1]) - 543 == date.fromisoformat(end).year, key
    # the printed approval date
    assert SCI.approval.endswith("15 กุมภาพันธ์ 2566") and SCI.announced_on == "2023-02-15"
    assert NURSING.approval.endswith("๒๐ พฤษภาคม ๒๕๖๕") and NURSING.announced_on == "2022-05-20"


# --------------------------------------------------------------- build (samples 2, 3)


def project_widths(plan: ProjectPlan, margins: tuple[float, float, float, float]) -> list[float]:
    page_width = A4_LONG_CM if plan.landscape else A4_SHORT_CM
    return column_widths(plan.ratio, page_width - margins[1] - margins[3] - 0.2)


def project_margins(plan: ProjectPlan) -> tuple[float, float, float, float]:
    return (1.27, 1.27, 1.27, 1.27) if plan.landscape else (1.5, 1.5, 1.5, 2.0)


def project_header(table: Table, plan: ProjectPlan, style: Style) -> None:
    if not plan.two_row_header:
        header_row(table, 0, plan.header, style)
        return
    # Row 1: the six leading cells and หน่วยงาน, and องค์ความรู้ over Tacit and Explicit;
    # row 2: only the two sub-column names. Both rows repeat on every page.
    top = [*plan.header[:6], "องค์ความรู้", "", plan.header[8]]
    second = ["", "", "", "", "", "", plan.header[6], plan.header[7], ""]
    header_row(table, 0, top, style)
    header_row(table, 1, second, style)
    for column in (0, 1, 2, 3, 4, 5, 8):
        table.cell(0, column).merge(table.cell(1, column))
    table.cell(0, 6).merge(table.cell(0, 7))
    for column in range(9):
        table.cell(0, column).vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def build_project_docx(plan: ProjectPlan, style: Style, path: Path) -> None:
    margins = project_margins(plan)
    on = date.fromisoformat(plan.announced_on)
    created = datetime(on.year, on.month, on.day, 9, 0, 0)
    document = new_document(
        plan.title, plan.author, created, landscape=plan.landscape, margins=margins
    )
    center = WD_ALIGN_PARAGRAPH.CENTER
    para(document, plan.title, Par(size=18, bold=True, align=center))
    para(document, plan.organization, Par(size=16, bold=True, align=center))
    para(document, plan.approval, Par(size=14, align=center, after_pt=6))
    head_rows = 2 if plan.two_row_header else 1
    table = new_table(document, head_rows + len(plan.projects), project_widths(plan, margins))
    project_header(table, plan, style)
    for offset, project in enumerate(plan.projects, start=head_rows):
        centered = frozenset({0, 3, 4} if plan.two_row_header else {0, 3})
        lines_row(table, offset, plan.cells(project), style, split=True, centered=centered)
    note = para(document, fmt=Par(size=13, before_pt=6))
    add_run(note, plan.footnote_label, 13, bold=True)
    add_run(note, plan.footnote, 13)
    if plan.font != FONT:
        restyle(document, plan.font)
    document.save(str(path))


# --------------------------------------------------------------- verify (samples 2, 3)


def _last_line(text: str) -> str:
    return text.split("\n")[-1]


def project_expectations(plan: ProjectPlan) -> list[Expect]:
    # word by word: pdfium reads a wrapped header cell's lines between its neighbours'
    header = [word for cell in plan.header for word in cell.split()]
    header += ["องค์ความรู้"] if plan.two_row_header else []
    out = [
        Expect(1, (plan.title, plan.organization, plan.approval[-30:]), "title block"),
        Expect(1, (), "header row", exact=tuple(header)),
    ]
    for project in plan.projects:
        page = plan.row_page[project.seq]
        cells = plan.cells(project)
        if project.seq in plan.split_rows:
            out.append(Expect(page, (project.name, cells[2]), f"row {project.seq} start"))
            longest = max(cells, key=lambda c: c.count("\n"))
            out.append(Expect(page + 1, (_last_line(longest),), f"row {project.seq} continuation"))
            out.append(Expect(page + 1, (), "repeated header row", exact=tuple(header)))
        else:
            last = [_last_line(c) for c in cells[1:] if c]
            out.append(Expect(page, (project.name, *last), f"row {project.seq}"))
    out.append(Expect(plan.pages, (plan.footnote_label + plan.footnote[:40],), "footnote"))
    return out


def verify_project(path: Path, plan: ProjectPlan) -> list[str]:
    problems = check_pages(
        path, plan.pages, lambda _: plan.landscape, signature_pages=(), font=plan.font
    )
    texts = page_texts(path)
    problems += check_expectations(texts, project_expectations(plan))
    squashed = [squash(text) for text in texts]
    for project in plan.projects:
        page = plan.row_page[project.seq]
        if project.seq not in plan.split_rows or page >= len(texts):
            continue
        # the row really splits: its beginning only on `page`, its end only on the next
        cells = plan.cells(project)
        longest = max(cells, key=lambda c: c.count("\n"))
        if needle(project.name) in squashed[page]:
            problems.append(f"row {project.seq}: its name is repeated on page {page + 1}")
        if needle(_last_line(longest)) in squashed[page - 1]:
            problems.append(f"row {project.seq} does not continue on page {page + 1}")
    if plan.two_row_header:
        for number, text in enumerate(squashed, start=1):
            if "Tacit" not in text or "Explicit" not in text:
                problems.append(f"page {number} lacks the second header row")
    if plan.key == "nursing":  # Thai digits throughout; R2R is a name, not a number
        problems += arabic_digit_pages(texts, 1, allowed="R2R")
    return problems


# ---------------------------------------------------------------- truth (samples 2, 3)


def project_truth_rows(plan: ProjectPlan) -> list[dict[str, Any]]:
    check_project_canonical()
    organization = make_truth.text(plan.organization)
    rows = []
    for project in plan.projects:
        start, end, budget = PROJECT_CANONICAL[(plan.key, project.seq)]
        rows.append(
            {
                "organization": organization,
                "fiscal_year": plan.fiscal_year,
                "announced_on": plan.announced_on,
                "reference_no": None,
                "signed_by": None,
                "department": organization,
                "km_goal": "",
                "deliverable": None,
                "seq": project.seq,
                "step": None,
                "activity": cell_text(project.name),
                "method": "",
                "period_text": cell_text(project.period),
                "period_start": start,
                "period_end": end,
                "indicator": "",
                "target": "",
                "target_percent": None,
                "responsible": cell_text(project.unit),
                "note": None,
                "page": plan.row_page[project.seq],
                "plan_type": "project_list",
                "year_basis": plan.year_basis,
                "element": None,
                "target_group": cell_text(project.target_group),
                "budget_baht": budget,
                "tacit_knowledge": cell_text(project.tacit),
                "explicit_knowledge": cell_text(project.explicit),
            }
        )
    return rows


PROJECT_ATTEMPTS = (Style(14, 1.27, 0.8), Style(13, 1.27, 0.8))


def build_project(plan: ProjectPlan, report: Callable[[str], None] = print) -> Style:
    def attempt(style: Style, tmp: Path) -> tuple[Path, list[str]]:
        pdf = render_docx(lambda path: build_project_docx(plan, style, path), tmp, plan.pdf.stem)
        return pdf, verify_project(pdf, plan)

    style = first_fit(plan.key, PROJECT_ATTEMPTS, attempt, plan.pdf, report)
    rows = project_truth_rows(plan)
    check_schema(rows, plan.pdf.name)
    write_jsonl(rows, plan.pdf.with_suffix(".truth.jsonl"))
    return style


# ================================================================ 4. sideways versions

# Stamped into the PDFs as they were first built (the builder has since moved to
# samples/build/); kept so that a rebuild stays byte-identical to the committed files.
PRODUCER = "kmplan samples/build_families.py"
# Text advancing up the page: the landscape page turned 90 degrees counter-clockwise,
# as a landscape table placed sideways on a portrait page by some print drivers.
_TURN_CCW = "0 1 -1 0 {height} 0 cm"


def build_rotated(source: Path = SCI_PDF, target: Path = ROTATED_PDF) -> None:
    """Every page of ``source`` drawn turned 90 degrees on a page of swapped size, with no
    /Rotate entry: a viewer shows it sideways, the text running bottom to top."""
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            width, height = x1 - x0, y1 - y0
            if "/Annots" in page.obj or "/Rotate" in page.obj:
                raise SystemExit(f"{source.name}: a page with annotations or /Rotate")
            for box in ("/CropBox", "/TrimBox", "/BleedBox", "/ArtBox"):
                if box in page.obj:
                    del page.obj[box]
            page.contents_coalesce()
            body = page.obj.Contents.read_bytes()
            turn = _TURN_CCW.format(height=f"{height:.3f}")
            prefix = f"q {turn} 1 0 0 1 {-x0:.3f} {-y0:.3f} cm\n".encode()
            page.obj.Contents = pikepdf.Stream(pdf, prefix + body + b"\nQ\n")
            page.mediabox = pikepdf.Array([0, 0, height, width])
        pdf.docinfo["/Producer"] = PRODUCER
        pdf.save(target, deterministic_id=True)


def sideways_turns(pages: int) -> list[int]:
    """The sideways scan's turn of each page (counter-clockwise): a quarter, the last page
    of two or more the other way."""
    return [270 if pages >= 2 and n == pages else 90 for n in range(1, pages + 1)]


def build_sideways_scan(source: Path = SCI_PDF, target: Path = SIDEWAYS_SCAN_PDF) -> list[int]:
    """Every page scanned as build_scans.py does, turned as sideways_turns says and placed
    on a page of swapped size. Returns each page's turn."""
    with pikepdf.open(source) as pdf:
        turns = sideways_turns(len(pdf.pages))
    turned_scan.scan_turned(source, target, turns, PRODUCER)
    return turns


def portrait_pages(path: Path, plan: ProjectPlan) -> list[str]:
    """The sideways versions put the landscape pages on portrait ones."""
    return check_pages(path, plan.pages, lambda _: False, signature_pages=())


def verify_rotated(path: Path, plan: ProjectPlan) -> list[str]:
    problems = portrait_pages(path, plan)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if page.rotation:
                problems.append(f"page {number} has /Rotate {page.rotation}")
            chars = [c for c in page.chars if c["text"].strip()]
            sideways = [c for c in chars if not c["upright"]]
            if not chars or len(sideways) < 0.95 * len(chars):
                problems.append(f"page {number}: {len(sideways)}/{len(chars)} chars sideways")
            # b > 0: the text advances up the page (bottom to top)
            if chars and sum(c["matrix"][1] > 0 for c in chars) < 0.95 * len(chars):
                problems.append(f"page {number}: text does not run bottom to top")
    texts = page_texts(path)
    problems += check_expectations(texts, [e for e in project_expectations(plan) if e.texts])
    return problems


def verify_sideways_scan(path: Path, plan: ProjectPlan, turns: Sequence[int]) -> list[str]:
    problems = portrait_pages(path, plan)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if page.chars or len(page.images) != 1:
                problems.append(f"page {number}: text or not exactly one image")
    for number, text in enumerate(page_texts(path), start=1):
        if text.strip():
            problems.append(f"page {number} has a text layer")
    if plan.pages >= 2 and sorted(set(turns)) != [90, 270]:
        problems.append(f"turns {turns}: expected 90 and one 270")
    return problems


def build_sideways(report: Callable[[str], None] = print) -> None:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    build_rotated()
    problems = verify_rotated(ROTATED_PDF, SCI)
    turns = build_sideways_scan()
    problems += verify_sideways_scan(SIDEWAYS_SCAN_PDF, SCI, turns)
    problems += turned_scan.verify_turned_scan(SCI_PDF, SIDEWAYS_SCAN_PDF, turns)
    upside_down = turned_scan.UPSIDE_DOWN_SCAN_PDF
    turned_scan.scan_turned(SCI_PDF, upside_down, turned_scan.UPSIDE_DOWN_TURNS, PRODUCER)
    problems += turned_scan.verify_turned_scan(SCI_PDF, upside_down, turned_scan.UPSIDE_DOWN_TURNS)
    if problems:
        raise SystemExit("sideways samples:\n" + "\n".join(problems))
    truth = SCI_PDF.with_suffix(".truth.jsonl")
    for target in (ROTATED_PDF, SIDEWAYS_SCAN_PDF, upside_down):
        shutil.copyfile(truth, target.with_suffix(".truth.jsonl"))
    report(f"sideways-scan turns: {turns}")
