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
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import build_samples as bs
import make_truth
from build_samples import Expect, Par, Style
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from seed_source import HeaderLine, Plan, PlanRow, Seed
from variant_common import check_expectations, pdfium_texts, thai_digits

HERE = Path(__file__).resolve().parent
SEED_YEAR = 2566
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
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
        return HERE / f"tak-pao-km-plan-{self.fiscal_year}.pdf"

    @property
    def reference_no(self) -> str:
        return f"ตก {self.ref_numbers[0]}/{self.ref_numbers[1]}".translate(_ARABIC)

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
        arabic = printed.translate(_ARABIC)
        if arabic not in _SHIFTED:
            return printed
        moved = str(int(arabic) + delta)
        return moved.translate(_THAI) if printed != arabic else moved

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


# -------------------------------------------------------------------- the layout


def chunk_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(seed plan number, 0-based chunk) -> 1-based page: one page per chunk, from page 7."""
    pages: dict[tuple[int, int], int] = {}
    page = bs.FIRST_PLAN_PAGE
    for plan in plans:
        for index in range(len(plan.chunks)):
            pages[(plan.number, index)] = page
            page += 1
    return pages


def row_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    chunks = chunk_pages(plans)
    return {
        (plan.number, row.seq): chunks[(plan.number, index)]
        for plan in plans
        for index, chunk in enumerate(plan.chunks)
        for row in chunk.rows
    }


def expected_page_count(plans: Sequence[Plan]) -> int:
    return bs.FIRST_PLAN_PAGE - 1 + sum(len(plan.chunks) for plan in plans)


# ------------------------------------------------------------------------- build


def _thai_row(row: PlanRow) -> PlanRow:
    return PlanRow(tuple(thai_digits(cell) for cell in row.cells))


def build_plan(document: Any, plan: Plan, style: Style, first: bool) -> None:
    bs.para(
        document,
        plan.title,
        Par(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=not first, after_pt=4),
    )
    lines = [HeaderLine(line.label, thai_digits(line.value)) for line in plan.header_lines]
    if not plan.header_in_table:
        for line in lines:
            bs.labelled(document, f"{line.label} :", f" {line.value}", Par(after_pt=2))
    bs.para(document, fmt=Par(size=4))
    widths = bs.column_widths(style, plan)
    for index, chunk in enumerate(plan.chunks):
        if index:
            bs.page_break_paragraph(document)
        head = index == 0
        merged = head and plan.header_in_table
        table = bs.new_table(document, head + merged + len(chunk.rows), widths)
        if head:
            bs.header_row(table, 0, chunk.header, style)
        if merged:
            bs.merged_header_row(table, 1, lines, style)
        for offset, row in enumerate(chunk.rows, start=head + merged):
            bs.data_row(table, offset, _thai_row(row), style)


def build_docx(seed: Seed, edition: Edition, style: Style, path: Path) -> None:
    document = Document()
    bs.set_defaults(document)
    bs.page_setup(document.sections[0], landscape=False, margins=bs.PORTRAIT_MARGINS)
    properties = document.core_properties
    properties.title = seed.announcement.subject.removeprefix("เรื่อง ").strip()
    properties.author = properties.last_modified_by = "กองการเจ้าหน้าที่ อบจ.ตาก"
    on = date.fromisoformat(edition.announced_on)
    properties.created = properties.modified = datetime(on.year, on.month, on.day, 9, 0, 0)
    properties.revision = 1
    bs.build_portrait_pages(document, seed)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    margin = style.margin_cm
    bs.page_setup(section, landscape=True, margins=(margin, margin, margin, margin))
    for index, plan in enumerate(seed.plans):
        build_plan(document, plan, style, first=index == 0)
    bs.para(document, fmt=Par(size=1))
    _restyle(document, edition.font)
    document.save(str(path))


def _restyle(document: Any, font: str, scale: float = 0.875) -> None:
    """``font`` everywhere, every size scaled (16 pt -> 14 pt: these fonts are larger)."""
    for root in (document.element, document.styles.element):
        for fonts in root.iter(qn("w:rFonts")):
            for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(key), font)
        for tag in ("w:sz", "w:szCs"):
            for size in root.iter(qn(tag)):
                size.set(qn("w:val"), str(max(2, round(int(size.get(qn("w:val"))) * scale))))


# ------------------------------------------------------------------------ verify


def expectations(seed: Seed) -> list[Expect]:
    out = [e for e in bs.expectations(seed) if e.page < bs.FIRST_PLAN_PAGE]
    chunks = chunk_pages(seed.plans)
    for plan in seed.plans:
        for index, chunk in enumerate(plan.chunks):
            first, last = _thai_row(chunk.rows[0]), _thai_row(chunk.rows[-1])
            texts = (first.activity, first.method, last.method, last.indicator)
            if index == 0:
                texts = (thai_digits(plan.goal.value), *texts)
            out.append(
                Expect(
                    chunks[(plan.number, index)],
                    texts,
                    f"plan {plan.number} chunk {index + 1}",
                    exact=chunk.header[1:7] if index == 0 else (),
                )
            )
    return out


def verify(path: Path, seed: Seed, font: str) -> list[str]:
    import pdfplumber

    problems: list[str] = []
    expected = expected_page_count(seed.plans)
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != expected:
            problems.append(f"{len(pdf.pages)} pages, layout expects {expected}")
        for number, page in enumerate(pdf.pages, start=1):
            if (page.width > page.height) != (number >= bs.FIRST_PLAN_PAGE):
                problems.append(f"page {number} has the wrong orientation")
        for number in (1, 2):
            if not pdf.pages[number - 1].images:
                problems.append(f"page {number} has no signature image")
        fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars[:50]}
        if not all(name.startswith(font) for name in fonts):
            problems.append(f"fonts other than {font}: {sorted(fonts)}")
    texts = pdfium_texts(path)
    problems += check_expectations(texts, expectations(seed))
    pages = chunk_pages(seed.plans)
    for plan in seed.plans:
        for index in range(1, len(plan.chunks)):
            if bs.exact("ระยะเวลา") in bs.exact(texts[pages[(plan.number, index)] - 1]):
                problems.append(f"plan {plan.number} chunk {index + 1} repeats the header row")
    for number in range(bs.FIRST_PLAN_PAGE, len(texts) + 1):
        if any(ch in "0123456789" for ch in texts[number - 1]):
            problems.append(f"page {number} still prints Arabic digits")
    return problems


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
    pages = row_pages(seed.plans)
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
    import json

    rows = truth_rows(seed, edition)
    make_truth.check_schema(rows)
    path = edition.pdf.with_suffix(".truth.jsonl")
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


ATTEMPTS = (
    Style(14, 1.27, 0.8),
    Style(13, 1.27, 0.8),
    Style(13, 1.0, 0.8),
    Style(12, 1.0, 0.8),
    Style(11, 1.0, 0.8),
)


def build(seed: Seed, edition: Edition) -> None:
    year_seed = edition_seed(seed, edition)
    failures: list[str] = []
    for style in ATTEMPTS:
        with tempfile.TemporaryDirectory(prefix=f"kmplan-{edition.fiscal_year}-") as tmp:
            docx_path = Path(tmp) / f"{edition.pdf.stem}.docx"
            build_docx(year_seed, edition, style, docx_path)
            rendered = bs.render_pdf(docx_path, Path(tmp))
            pinned = Path(tmp) / "pinned.pdf"
            bs.pin_metadata(rendered, pinned)
            problems = verify(pinned, year_seed, edition.font)
            if not problems:
                shutil.copyfile(pinned, edition.pdf)
                break
        failures.append(f"{style}: " + "; ".join(problems[:12]))
        print(
            f"{edition.fiscal_year}: {style} does not fit: {len(problems)} problems, {problems[:4]}"
        )
    else:
        raise SystemExit(f"FY{edition.fiscal_year}: no style fits:\n" + "\n".join(failures))
    truth = write_truth(year_seed, edition)
    pages = expected_page_count(year_seed.plans)
    print(f"wrote {edition.pdf.name} and {truth.name} ({pages} pages, {edition.font}, {style})")
