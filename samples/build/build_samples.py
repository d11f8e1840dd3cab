"""Build samples/tak-pao-km-plan-2566.pdf: a born-digital KM action-plan announcement.

The text comes from the seed (see seed_source.py). python-docx writes a .docx (with the
helpers of docx_kit.py), LibreOffice renders it and pikepdf pins the PDF's dates and ID so
a rebuild gives the same bytes (render.py), and the layout is verified on the rendered PDF
(checks.py): page count, page orientation, the signature image, and that every plan-table
chunk starts on the page this module promises (``chunk_pages``). If a chunk overflows its
page, the table font and margins are shrunk; if nothing fits the build fails loudly.

Layout (1-based pages, fixed by design):
  1        memo บันทึกข้อความ (portrait)
  2        announcement ประกาศ with the signature image (portrait)
  3-6      Part 1: cover, คำนำ, sections 1-2, section 12 (portrait)
  7-25     the 9 plans (landscape), one page per table chunk as the seed breaks them

The re-typed editions (variant_layouts.py, variant_years.py) print the same pages with
this module's ``build_docx``, ``build_plan`` and ``verify_retyped``.

Run (from the repository root): .venv/bin/python -m samples.build.build_samples
Needs LibreOffice (soffice) and the Laksaman font (fonts-tlwg-laksaman).
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm
from docx.table import Table
from PIL import Image, ImageDraw

from .checks import (
    Expect,
    arabic_digit_pages,
    check_expectations,
    check_pages,
    page_texts,
    repeated_header_rows,
)
from .common import SAMPLES, SIGNATURE_PATH
from .docx_kit import (
    A4_LONG_CM,
    BODY_PT,
    Par,
    Style,
    add_run,
    column_widths,
    fill_cell,
    header_lines,
    header_row,
    labelled,
    landscape_section,
    merged_header_row,
    new_document,
    new_table,
    page_break_paragraph,
    para,
    restyle,
    row_properties,
    signature_block,
    split_label,
)
from .render import first_fit, render_docx
from .seed_source import HeaderLine, Plan, PlanRow, Seed, load, part1_section

PDF_PATH = SAMPLES / "tak-pao-km-plan-2566.pdf"
AUTHOR = "กองการเจ้าหน้าที่ อบจ.ตาก"
CREATED = datetime(2023, 10, 11, 9, 0, 0)  # the announcement's date

# ---------------------------------------------------------------- page layout

FRONT_PAGES = ("memo", "announcement")
PART1_PAGES = ("cover", "preface", "part1-sections-1-2", "part1-section-12")
PREFACE_PARAGRAPHS = 2  # of 3: the third does not fit the page
FIRST_PLAN_PAGE = len(FRONT_PAGES) + len(PART1_PAGES) + 1


def chunk_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(plan number, 0-based chunk index) -> 1-based page: one page per chunk."""
    pages: dict[tuple[int, int], int] = {}
    page = FIRST_PLAN_PAGE
    for plan in plans:
        for index in range(len(plan.chunks)):
            pages[(plan.number, index)] = page
            page += 1
    return pages


def row_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(plan number, seq) -> 1-based page on which that table row begins."""
    chunk_page = chunk_pages(plans)
    return {
        (plan.number, row.seq): chunk_page[(plan.number, index)]
        for plan in plans
        for index, chunk in enumerate(plan.chunks)
        for row in chunk.rows
    }


def expected_page_count(plans: Sequence[Plan]) -> int:
    return FIRST_PLAN_PAGE - 1 + sum(len(plan.chunks) for plan in plans)


def is_plan_page(number: int) -> bool:
    """The plans' pages are landscape, the memo, announcement and Part 1 portrait."""
    return number >= FIRST_PLAN_PAGE


ATTEMPTS = (  # first that fits wins; (14, 1.5) and (14, 1.27) overflow 3-5 chunks
    Style(14, 1.27, 0.8),
    Style(13, 1.27, 0.8),
    Style(13, 1.0, 0.8),
    Style(12, 1.0, 0.8),
    Style(11, 1.0, 0.8),
)

# printed width ratio of the 8 columns: ลำดับ กิจกรรม วิธีการ ระยะเวลา ตัวชี้วัด เป้าหมาย ผู้รับผิดชอบ หมายเหตุ
COLUMN_RATIO = (1.45, 3.2, 6.1, 2.4, 4.0, 4.2, 3.4, 1.45)
# each department formatted its own table; plans 2 and 5 print bullet lists under กิจกรรม
COLUMN_RATIO_BY_PLAN = {
    2: (1.45, 4.6, 5.4, 2.3, 3.8, 3.8, 3.4, 1.45),
    5: (1.45, 4.6, 5.0, 2.2, 4.2, 4.2, 3.0, 1.45),
}
CENTERED_COLUMNS = frozenset({0, 3})
PERIOD_COLUMN = 3

# ------------------------------------------------------------------ signature


def make_signature(path: Path = SIGNATURE_PATH) -> None:
    """A deterministic handwritten-looking scribble in blue-black ink (transparent PNG)."""
    scale, width, height = 4, 430, 170
    image = Image.new("L", (width * scale, height * scale), 0)
    draw = ImageDraw.Draw(image)
    rng = random.Random(2566)
    for stroke in _signature_strokes(rng):
        _draw_stroke(draw, [(x * scale, y * scale) for x, y in stroke], 2.6 * scale, rng)
    alpha = image.resize((width, height), Image.Resampling.LANCZOS)
    ink = Image.new("RGBA", (width, height), (22, 34, 96, 0))
    ink.putalpha(alpha)
    ink.save(path, optimize=True)


def _signature_strokes(rng: random.Random) -> list[list[tuple[float, float]]]:
    """Slanted prolate-cycloid loops of uneven size (a tall capital first), a flourish."""
    cycles, per_cycle, base = 11, 90, 112.0
    heights = [80.0, *(rng.uniform(18, 50) for _ in range(cycles))]
    loops = [15.0, *(rng.uniform(6, 12) for _ in range(cycles))]
    name: list[tuple[float, float]] = []
    for step in range(cycles * per_cycle + 1):
        t = 2 * math.pi * step / per_cycle
        k = min(step // per_cycle, cycles - 1)
        height, loop = heights[k], loops[k]
        x = 40 + 4.6 * t - loop * math.sin(t)
        y = base - 4 * t / (2 * math.pi * cycles) * 10 - height * (1 - math.cos(t)) / 2
        name.append((x + 0.32 * (base - y), y))
    end_x, end_y = name[-1]
    flourish = [
        (
            end_x + 14 * math.sin(v * math.pi) - (end_x - 20) * v,
            end_y + (base + 22 - end_y) * math.sin(min(1.0, v / 0.3) * math.pi / 2) - 8 * v,
        )
        for v in (i / 200 for i in range(201))
    ]
    return [name, flourish]


def _draw_stroke(
    draw: ImageDraw.ImageDraw,
    points: Sequence[tuple[float, float]],
    base: float,
    rng: random.Random,
) -> None:
    """Pen pressure varies along the stroke; round joins avoid gaps."""
    for index, (start, end) in enumerate(zip(points, points[1:], strict=False)):
        pressure = 0.65 + 0.35 * math.sin(index / 23) + rng.uniform(-0.05, 0.05)
        width = max(1.0, base * pressure)
        draw.line([start, end], fill=255, width=round(width))
        radius = width / 2
        draw.ellipse([end[0] - radius, end[1] - radius, end[0] + radius, end[1] + radius], fill=255)


# ------------------------------------------------------------- portrait pages


def build_memo(document: DocxDocument, seed: Seed) -> None:
    memo = seed.memo
    para(document, memo.title, Par(size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after_pt=6))
    labelled(document, *split_label(memo.agency, "ส่วนราชการ"), Par(after_pt=2))
    ref = para(document, fmt=Par(after_pt=2))
    ref.paragraph_format.tab_stops.add_tab_stop(Cm(8.0), WD_TAB_ALIGNMENT.LEFT)
    add_run(ref, "ที่", BODY_PT, bold=True)
    add_run(ref, f" {memo.reference_no}\t", BODY_PT)
    add_run(ref, "วันที่", BODY_PT, bold=True)
    add_run(ref, f" {memo.date_text}", BODY_PT)
    subject = labelled(
        document,
        *split_label(" ".join(memo.subject), "เรื่อง"),
        Par(left_indent_cm=1.25, first_indent_cm=-1.25, after_pt=8),
    )
    subject.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    para(
        document,
        " ".join(memo.addressees),
        Par(left_indent_cm=1.25, first_indent_cm=-1.25, after_pt=8),
    )
    for text in memo.body:
        para(document, text, Par(first_indent_cm=2.5, after_pt=8))
    para(document, memo.closing, Par(first_indent_cm=2.5, after_pt=18))
    signature_block(document, memo.signer_name, memo.signer_title)


def build_announcement(document: DocxDocument, seed: Seed) -> None:
    notice = seed.announcement
    center = Par(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(document, notice.heading, Par(size=18, bold=True, align=center.align, page_break=True))
    para(document, notice.subject, center)
    para(document, notice.year_line, Par(bold=True, align=center.align, after_pt=6))
    for text in notice.body:
        para(document, text, Par(first_indent_cm=2.5, after_pt=3))
    para(document, notice.closing, Par(first_indent_cm=2.5, after_pt=6))
    para(document, notice.dated, Par(left_indent_cm=5.0))
    signature_block(document, notice.signer_name, notice.signer_title)


def build_cover(document: DocxDocument, seed: Seed) -> None:
    title, org = seed.cover[:4], seed.cover[4:]
    for index, text in enumerate(title):
        fmt = Par(
            size=24,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            page_break=index == 0,
            before_pt=150 if index == 0 else 0,
        )
        para(document, text, fmt)
    for index, text in enumerate(org):
        para(
            document,
            text,
            Par(
                size=20,
                bold=True,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                before_pt=200 if index == 0 else 0,
            ),
        )


def build_preface(document: DocxDocument, seed: Seed) -> None:
    preface = seed.preface
    para(
        document,
        preface.heading,
        Par(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True, after_pt=12),
    )
    *body, unit, division = preface.paragraphs
    for text in body[:PREFACE_PARAGRAPHS]:
        para(document, text, Par(first_indent_cm=2.5, after_pt=6))
    right = Par(align=WD_ALIGN_PARAGRAPH.CENTER, left_indent_cm=8.0)
    para(document, unit, Par(align=right.align, left_indent_cm=8.0, before_pt=18))
    para(document, division, right)


_LIST_ITEM = re.compile(r"^(\d+\.|-)\s")


def build_part1_page(
    document: DocxDocument, seed: Seed, numbers: Sequence[int], part_heading: str | None
) -> None:
    first = True
    if part_heading:
        para(
            document,
            part_heading,
            Par(size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, page_break=True, after_pt=8),
        )
        first = False
    for number in numbers:
        section = part1_section(seed, number)
        para(document, section.heading, Par(bold=True, page_break=first, before_pt=6, after_pt=4))
        first = False
        for text in section.paragraphs:
            item = _LIST_ITEM.match(text) is not None
            para(
                document,
                text,
                Par(
                    left_indent_cm=1.0 if item else 0.0,
                    first_indent_cm=0.0 if item else 1.5,
                    after_pt=4,
                ),
            )


def build_portrait_pages(document: DocxDocument, seed: Seed) -> None:
    build_memo(document, seed)
    build_announcement(document, seed)
    build_cover(document, seed)
    build_preface(document, seed)
    build_part1_page(document, seed, (1, 2), "ส่วนที่ 1")
    build_part1_page(document, seed, (12,), None)


# ------------------------------------------------------------ landscape plans


def split_items(text: str) -> list[str]:
    """Split a cell before each "-" that follows whitespace and starts a bullet item."""
    return [part for part in re.split(r"\s+(?=-\s*\S)", text) if part]


def data_row(table: Table, index: int, plan_row: PlanRow, style: Style) -> None:
    row = table.rows[index]
    row_properties(row._tr, header=False)
    for column, (cell, text) in enumerate(zip(row.cells, plan_row.cells, strict=True)):
        center = column in CENTERED_COLUMNS
        align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        texts = [text] if column == PERIOD_COLUMN else split_items(text)
        fill_cell(cell, texts or [""], Par(size=style.table_pt, align=align, line=style.table_line))


def plan_widths(style: Style, plan: Plan) -> list[float]:
    ratio = COLUMN_RATIO_BY_PLAN.get(plan.number, COLUMN_RATIO)
    return column_widths(ratio, A4_LONG_CM - 2 * style.margin_cm - 0.2)


def as_printed(text: str) -> str:
    return text


def printed_lines(plan: Plan, cells: Callable[[str], str] = as_printed) -> list[HeaderLine]:
    return [HeaderLine(line.label, cells(line.value)) for line in plan.header_lines]


def plan_heading(
    document: DocxDocument,
    plan: Plan,
    lines: Sequence[HeaderLine],
    *,
    page_break: bool,
    before_pt: float = 0.0,
) -> None:
    """The plan's title, and its header lines unless the table prints them."""
    para(
        document,
        plan.title,
        Par(
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            page_break=page_break,
            before_pt=before_pt,
            after_pt=4,
        ),
    )
    if not plan.header_in_table:
        header_lines(document, lines)
    para(document, fmt=Par(size=4))


def plan_tables(
    document: DocxDocument,
    plan: Plan,
    style: Style,
    lines: Sequence[HeaderLine],
    *,
    cells: Callable[[str], str] = as_printed,
    repeat_header: bool = True,
    break_first: bool = False,
) -> None:
    """One table per chunk, each on a new page (the first too with ``break_first``).
    ``repeat_header``: every chunk starts with the column-header row, else only the first.
    ``cells`` gives the printed text of a cell (e.g. in Thai digits)."""
    widths = plan_widths(style, plan)
    for index, chunk in enumerate(plan.chunks):
        if index or break_first:
            page_break_paragraph(document)
        head = repeat_header or index == 0
        merged = plan.header_in_table and index == 0
        table = new_table(document, head + merged + len(chunk.rows), widths)
        if head:
            header_row(table, 0, chunk.header, style)
        if merged:
            merged_header_row(table, int(head), lines, style)
        for offset, row in enumerate(chunk.rows, start=head + merged):
            data_row(table, offset, PlanRow(tuple(cells(cell) for cell in row.cells)), style)


def build_plan(
    document: DocxDocument,
    plan: Plan,
    style: Style,
    first: bool,
    *,
    cells: Callable[[str], str] = as_printed,
    repeat_header: bool = True,
) -> None:
    lines = printed_lines(plan, cells)
    plan_heading(document, plan, lines, page_break=not first)
    plan_tables(document, plan, style, lines, cells=cells, repeat_header=repeat_header)


PlanBuilder = Callable[[DocxDocument, Plan, Style, bool], None]


def build_docx(
    seed: Seed,
    style: Style,
    path: Path,
    *,
    created: datetime = CREATED,
    plan_builder: PlanBuilder = build_plan,
    font: str | None = None,
) -> None:
    """The announcement: portrait front pages, then the plans on landscape pages, built
    by ``plan_builder``; with ``font``, everything re-typed in it (docx_kit.restyle)."""
    title = seed.announcement.subject.removeprefix("เรื่อง ").strip()
    document = new_document(title, AUTHOR, created)
    build_portrait_pages(document, seed)
    landscape_section(document, style.margin_cm)
    for index, plan in enumerate(seed.plans):
        plan_builder(document, plan, style, index == 0)
    para(document, fmt=Par(size=1))  # a document must not end with a table
    if font is not None:
        restyle(document, font)
    document.save(str(path))


# -------------------------------------------------------------------- verify


def front_expectations(seed: Seed) -> list[Expect]:
    """The memo, the announcement and Part 1, each on its page."""
    memo, notice = seed.memo, seed.announcement
    return [
        Expect(1, (memo.title, memo.reference_no, memo.closing), "memo"),
        Expect(2, (notice.heading, notice.closing, notice.signer_name), "announcement"),
        Expect(3, seed.cover[:1], "cover"),
        Expect(
            4,
            (
                seed.preface.heading,
                seed.preface.paragraphs[PREFACE_PARAGRAPHS - 1][-40:],
                seed.preface.paragraphs[-1],
            ),
            "preface",
        ),
        Expect(
            5,
            (part1_section(seed, 1).heading, part1_section(seed, 2).paragraphs[-1][-40:]),
            "part 1 sections 1-2",
        ),
        Expect(
            6,
            (part1_section(seed, 12).heading, part1_section(seed, 12).paragraphs[-1][:40]),
            "part 1 section 12",
        ),
    ]


def unit_line(plan: Plan) -> tuple[str, ...]:
    return (plan.unit.value,)


def chunk_expectations(
    plans: Sequence[Plan],
    *,
    cells: Callable[[str], str] = as_printed,
    lead: Callable[[Plan], tuple[str, ...]] = unit_line,
    repeat_header: bool = True,
) -> list[Expect]:
    """Each table chunk on its page: its first and last rows, ``lead(plan)`` on the
    first chunk's page, and the header cells wherever the header row is printed."""
    pages = chunk_pages(plans)
    out = []
    for plan in plans:
        for index, chunk in enumerate(plan.chunks):
            first, last = chunk.rows[0], chunk.rows[-1]
            texts = tuple(
                cells(text) for text in (first.activity, first.method, last.method, last.indicator)
            )
            if index == 0:
                texts = (*lead(plan), *texts)
            out.append(
                Expect(
                    pages[(plan.number, index)],
                    texts,
                    f"plan {plan.number} chunk {index + 1}",
                    exact=chunk.header[1:7] if repeat_header or index == 0 else (),
                )
            )
    return out


def expectations(seed: Seed) -> list[Expect]:
    return front_expectations(seed) + chunk_expectations(seed.plans)


def verify(path: Path, seed: Seed) -> list[str]:
    """Problems with the rendered layout; empty when it is what the layout promises."""
    count = expected_page_count(seed.plans)
    problems = check_pages(path, count, is_plan_page)
    return problems + check_expectations(page_texts(path), expectations(seed))


def verify_retyped(path: Path, seed: Seed, expects: Sequence[Expect], font: str) -> list[str]:
    """The checks of an edition re-typed in ``font`` with Thai digits and no repeated
    header rows (variant_layouts.py, variant_years.py): pages and fonts, ``expects``, no
    header row on a continuation page, no Arabic digit on the plan pages."""
    texts = page_texts(path)
    count = expected_page_count(seed.plans)
    continuation = [page for (_, index), page in chunk_pages(seed.plans).items() if index]
    return (
        check_pages(path, count, is_plan_page, font=font, font_chars=50)
        + check_expectations(texts, expects)
        + repeated_header_rows(texts, continuation)
        + arabic_digit_pages(texts, FIRST_PLAN_PAGE)
    )


# ---------------------------------------------------------------------- main


def build(seed: Seed, style: Style, workdir: Path) -> tuple[Path, list[str]]:
    """The PDF of ``seed`` in ``style``, rendered in ``workdir``, and its layout problems."""
    pinned = render_docx(lambda path: build_docx(seed, style, path), workdir, PDF_PATH.stem)
    return pinned, verify(pinned, seed)


def build_verified(seed: Seed, report: Callable[[str], None] = print) -> Style:
    if not SIGNATURE_PATH.exists():
        make_signature()
        report(f"wrote {SIGNATURE_PATH}")
    return first_fit(
        "samples", ATTEMPTS, lambda style, tmp: build(seed, style, tmp), PDF_PATH, report
    )


def main() -> None:
    seed = load()
    style = build_verified(seed)
    pages = chunk_pages(seed.plans)
    print(
        f"wrote {PDF_PATH} ({expected_page_count(seed.plans)} pages, table "
        f"{style.table_pt} pt, landscape margins {style.margin_cm} cm)"
    )
    print("pages: 1 memo, 2 announcement, 3-6 part 1 (portrait); plans (landscape):")
    for plan in seed.plans:
        chunk_list = ", ".join(
            f"p{pages[(plan.number, i)]} rows {c.rows[0].seq}-{c.rows[-1].seq}"
            for i, c in enumerate(plan.chunks)
        )
        print(f"  plan {plan.number} ({plan.unit.value}): {chunk_list}")


if __name__ == "__main__":
    main()
