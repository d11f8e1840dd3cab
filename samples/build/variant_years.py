"""The same organization's KM action plans for other fiscal years (FY2565 and FY2567).

Each edition is the seed (the real FY2566 announcement) with the changes an agency makes
from one year to the next, listed in ``EDITIONS`` and documented in samples/README.md:

* every period moves by the year difference (``มกราคม 2566`` -> ``มกราคม 2567``,
  ``ต.ค.65`` -> ``ต.ค.66``), and so do the fiscal-year mentions of the memo, the
  announcement, Part 1 and of goals such as ``ประจำปี 2566`` (other years, e.g. the
  regulation year ``พ.ศ. 2559`` or the royal decree's ``พ.ศ.๒๕๔๖``, stay);
* another memo date, announcement date, reference number and signer (fictional names);
* some departments are printed differently (a corrected name, an ``อบจ.ตาก`` suffix, a
  stray space), one department has no plan, and two goals are rewritten.

The look differs from the FY2566 sample: another font (Norasi for FY2565, Garuda for
FY2567), Thai digits in every table cell and plan-header line, and no header row on
continuation pages. Every table chunk starts a page, so the layout is fixed by design and
checked on the rendered PDF, as the other builders do.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument

from . import build_samples as bs
from . import make_truth
from .checks import Expect
from .common import SAMPLES, arabic_digits, check_schema, thai_digits, write_jsonl
from .docx_kit import Style
from .render import first_fit, render_docx
from .seed_source import HeaderLine, Plan, PlanRow, Seed

SEED_YEAR = 2566
# The years that a fiscal-year shift moves: the fiscal year and the year before it.
_SHIFTED = {str(SEED_YEAR - 1), str(SEED_YEAR)}
_YEAR4 = re.compile(r"(?<![0-9๐-๙])([0-9๐-๙]{4})(?![0-9๐-๙])")
_YEAR2 = re.compile(r"(?<=\.)\s*(6[56])(?![0-9])")  # ต.ค.65, ก.ย.66 (periods only)


@dataclass(frozen=True)
class Edition:
    """One fiscal year's announcement: what differs from the seed."""

    fiscal_year: int
    font: str
    memo_date: str  # Thai digits, as printed after วันที่ in the memo
    announced: str  # as printed after ประกาศ ณ วันที่
    announced_on: str  # the same date, ISO (CE), for the truth
    meeting: str  # the committee meeting date in the announcement's body
    ref_numbers: tuple[str, str]
    signer: str  # as printed, in parentheses
    signer_title: str
    omit: frozenset[int] = frozenset()  # seed plan numbers without a plan this year
    units: dict[int, str] = field(default_factory=dict)  # seed plan -> printed unit
    goals: dict[int, str] = field(default_factory=dict)  # seed plan -> rewritten goal

    @property
    def delta(self) -> int:
        return self.fiscal_year - SEED_YEAR

    @property
    def pdf(self) -> Path:
        return SAMPLES / f"tak-pao-km-plan-{self.fiscal_year}.pdf"

    @property
    def reference_no(self) -> str:
        return arabic_digits(f"ตก {self.ref_numbers[0]}/{self.ref_numbers[1]}")

    @property
    def signed_by(self) -> str:
        return self.signer.strip("()")


ORG = "องค์การบริหารส่วนจังหวัดตาก"

EDITIONS: dict[int, Edition] = {
    2565: Edition(
        fiscal_year=2565,
        font="Norasi",
        memo_date="๒๗ ตุลาคม ๒๕๖๔",
        announced="๒๗ ตุลาคม พ.ศ. ๒๕๖๔",
        announced_on="2021-10-27",
        meeting="๑๕ ตุลาคม ๒๕๖๔",
        ref_numbers=("๕๑๐๐๘", "๑๐๒๑๔"),
        signer="(นายธนพล ศรีวิชัยกุล)",
        signer_title="รองนายกองค์การบริหารส่วนจังหวัดตาก",
        # สำนักงานส่งเสริมวิสาหกิจ has no plan yet: it is added in FY2566.
        omit=frozenset({5}),
        # the personnel division under its correct name (FY2566 printed องค์การเจ้าหน้าที่)
        units={7: f"{ORG} (กองการเจ้าหน้าที่)"},
        goals={
            6: "การจัดทำคู่มือการขอรับเงินอุดหนุนค่าอาหารกลางวันสำหรับสถานศึกษาในสังกัด",
            9: "การพัฒนาทักษะการตรวจสอบภายในตามมาตรฐานการตรวจสอบภายในสำหรับหน่วยงานภาครัฐ",
        },
    ),
    2567: Edition(
        fiscal_year=2567,
        font="Garuda",
        memo_date="๒๔ พฤศจิกายน ๒๕๖๖",
        announced="๒๔ พฤศจิกายน พ.ศ. ๒๕๖๖",
        announced_on="2023-11-24",
        meeting="๙ พฤศจิกายน ๒๕๖๖",
        ref_numbers=("๕๑๐๐๘", "๑๑๓๘๗"),
        signer="(นางสาวพิมพ์ชนก อินทรสุวรรณ)",
        signer_title="ปลัดองค์การบริหารส่วนจังหวัดตาก",
        # หน่วยตรวจสอบภายใน has no plan this year: dropped.
        omit=frozenset({9}),
        units={
            3: f"{ORG} (กองยุทธศาสตร์ และงบประมาณ)",  # a stray space
            7: f"{ORG} (กองการเจ้าหน้าที่ อบจ.ตาก)",  # with the organization's short name
        },
        goals={
            4: "การพัฒนาความรู้ด้านการเบิกจ่ายเงินผ่านระบบบัญชีคอมพิวเตอร์ขององค์กรปกครอง"
            "ส่วนท้องถิ่นให้ถูกต้องและทันตามกำหนดเวลา",
            8: "การพัฒนาระบบบริหารจัดการโรงพยาบาลส่งเสริมสุขภาพตำบลที่ถ่ายโอนให้มีประสิทธิภาพ",
        },
    ),
}


# ------------------------------------------------------------------- the changes


def shift_years(text: str, delta: int, *, periods: bool = False) -> str:
    """Move the fiscal-year mentions (2565, 2566, in Thai or Arabic digits) by ``delta``;
    in a period cell also the two-digit years after a month abbreviation (ต.ค.65)."""

    def four(match: re.Match[str]) -> str:
        printed = match.group(1)
        arabic = arabic_digits(printed)
        if arabic not in _SHIFTED:
            return printed
        moved = str(int(arabic) + delta)
        return thai_digits(moved) if printed != arabic else moved

    text = _YEAR4.sub(four, text)
    if periods:
        text = _YEAR2.sub(
            lambda m: m.group(0).replace(m.group(1), str(int(m.group(1)) + delta)), text
        )
    return text


def _shift_strings(value: Any, delta: int) -> Any:
    """Every string inside a (nested) dataclass or tuple, year-shifted."""
    if isinstance(value, str):
        return shift_years(value, delta)
    if isinstance(value, tuple):
        return tuple(_shift_strings(item, delta) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: _shift_strings(getattr(value, f.name), delta) for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def _plan(plan: Plan, edition: Edition) -> Plan:
    delta = edition.delta
    rows = lambda chunk_rows: tuple(  # noqa: E731
        PlanRow(tuple(shift_years(c, delta, periods=i == 3) for i, c in enumerate(r.cells)))
        for r in chunk_rows
    )
    chunks = tuple(dataclasses.replace(c, rows=rows(c.rows)) for c in plan.chunks)
    unit = HeaderLine(plan.unit.label, edition.units.get(plan.number, plan.unit.value))
    goal = HeaderLine(
        plan.goal.label, edition.goals.get(plan.number, shift_years(plan.goal.value, delta))
    )
    deliverable = HeaderLine(plan.deliverable.label, shift_years(plan.deliverable.value, delta))
    return dataclasses.replace(plan, unit=unit, goal=goal, deliverable=deliverable, chunks=chunks)


def edition_seed(seed: Seed, edition: Edition) -> Seed:
    """The seed as this fiscal year's announcement prints it."""
    delta = edition.delta
    body = tuple(text.replace("๑๔ กันยายน ๒๕๖๖", edition.meeting) for text in seed.announcement.body)
    notice = _shift_strings(dataclasses.replace(seed.announcement, body=body), delta)
    notice = dataclasses.replace(
        notice,
        dated=f"ประกาศ ณ วันที่ {edition.announced}",
        signer_name=edition.signer,
        signer_title=edition.signer_title,
    )
    memo = dataclasses.replace(
        _shift_strings(seed.memo, delta),
        ref_numbers=edition.ref_numbers,
        date_text=edition.memo_date,
        signer_name=edition.signer,
        signer_title=edition.signer_title,
    )
    return Seed(
        memo=memo,
        announcement=notice,
        cover=_shift_strings(seed.cover, delta),
        preface=_shift_strings(seed.preface, delta),
        part1=_shift_strings(seed.part1, delta),
        plans=tuple(_plan(p, edition) for p in seed.plans if p.number not in edition.omit),
    )


# ------------------------------------------------------------------ build, verify


def build_plan(document: DocxDocument, plan: Plan, style: Style, first: bool) -> None:
    """Thai digits in every cell and header line; no header row on continuation pages."""
    bs.build_plan(document, plan, style, first, cells=thai_digits, repeat_header=False)


def goal_line(plan: Plan) -> tuple[str, ...]:
    return (thai_digits(plan.goal.value),)


def expectations(seed: Seed) -> list[Expect]:
    return bs.front_expectations(seed) + bs.chunk_expectations(
        seed.plans, cells=thai_digits, lead=goal_line, repeat_header=False
    )


# ------------------------------------------------------------------------- truth


def shift_date(iso: str, delta: int) -> str:
    """The same day ``delta`` years later; a month's last day stays its last day."""
    day = date.fromisoformat(iso)
    month_end = (day + timedelta(days=1)).day == 1
    if month_end:
        first_next = date(day.year + delta + (day.month == 12), day.month % 12 + 1, 1)
        return (first_next - timedelta(days=1)).isoformat()
    return date(day.year + delta, day.month, day.day).isoformat()


def truth_rows(seed: Seed, edition: Edition) -> list[dict[str, Any]]:
    """make_truth's hand-made rows of the seed, with this edition's changes applied."""
    pages = bs.row_pages(seed.plans)
    rows = []
    for plan in seed.plans:
        for row in plan.rows:
            record = make_truth.truth_row(plan, row, pages[(plan.number, row.seq)])
            record.update(
                fiscal_year=edition.fiscal_year,
                announced_on=edition.announced_on,
                reference_no=edition.reference_no,
                signed_by=edition.signed_by,
                period_start=shift_date(record["period_start"], edition.delta),
                period_end=shift_date(record["period_end"], edition.delta),
            )
            rows.append(record)
    return rows


def write_truth(seed: Seed, edition: Edition) -> Path:
    rows = truth_rows(seed, edition)
    check_schema(rows, edition.pdf.name)
    path = edition.pdf.with_suffix(".truth.jsonl")
    write_jsonl(rows, path)
    return path


def build(seed: Seed, edition: Edition) -> None:
    year_seed = edition_seed(seed, edition)
    on = date.fromisoformat(edition.announced_on)
    created = datetime(on.year, on.month, on.day, 9, 0, 0)

    def attempt(style: Style, tmp: Path) -> tuple[Path, list[str]]:
        pdf = render_docx(
            lambda path: bs.build_docx(
                year_seed, style, path, created=created, plan_builder=build_plan, font=edition.font
            ),
            tmp,
            edition.pdf.stem,
        )
        return pdf, bs.verify_retyped(pdf, year_seed, expectations(year_seed), edition.font)

    style = first_fit(str(edition.fiscal_year), bs.ATTEMPTS, attempt, edition.pdf)
    truth = write_truth(year_seed, edition)
    pages = bs.expected_page_count(year_seed.plans)
    print(f"wrote {edition.pdf.name} and {truth.name} ({pages} pages, {edition.font}, {style})")
