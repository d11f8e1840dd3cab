"""The layouts variant: the seed content as other agencies lay it out.

python-docx + LibreOffice as build_samples.py, with these differences:

* **Norasi** (fonts-tlwg-norasi) for all text, every size scaled by ``SCALE`` (Norasi is
  a normal-sized font: 14 pt where TH Sarabun-like fonts take 16 pt).
* **Thai digits** in every table cell and plan header line (๑, ต.ค.๖๕, ร้อยละ ๘๐, ๒๕๖๖).
* **No repeated header row**: only a plan's first table chunk has the column-header row;
  a continuation page starts directly with data rows.
* **Plan 3** breaks after row 1: its first page holds only the header row and row 1.
* **Plan 6** prints its title and header lines alone at the bottom of plan 5's last page;
  its table starts on the next page.
* **Plans 2 and 7** print their header lines inside the table, as a merged row under the
  column headers (the sample does this for plan 7 only).

Every chunk starts a new page, so the layout (``chunk_pages``) is fixed by design; the
builder checks it on the rendered PDF (pypdfium2 text) and shrinks the table font and
margins when a chunk does not fit.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import build_samples as bs
from build_samples import Expect, Par, Style
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from seed_source import Chunk, HeaderLine, Plan, PlanRow, Seed
from variant_common import check_expectations, pdfium_texts, thai_digits, write_variant_truth

HERE = Path(__file__).resolve().parent
LAYOUTS_PDF = HERE / "tak-pao-km-plan-2566-layouts.pdf"
FONT = "Norasi"
SCALE = 0.875  # 16 pt -> 14 pt

HEADER_IN_TABLE = frozenset({2, 7})
ORPHAN_HEADER_PLAN = 6  # title and header lines at the bottom of the previous plan's page
ORPHAN_SPACE_BEFORE_PT = 200  # above its title: the header block ends near the page foot
ROW1_ALONE_PLAN = 3  # first page: header row and row 1 only

ATTEMPTS = (
    Style(14, 1.27, 0.8),
    Style(13, 1.27, 0.8),
    Style(13, 1.0, 0.8),
    Style(12, 1.0, 0.8),
)


# --------------------------------------------------------------------- the layout


def variant_chunks(plan: Plan) -> tuple[Chunk, ...]:
    """The seed's chunks, except that plan 3's first chunk is split after row 1."""
    chunks = plan.chunks
    if plan.number == ROW1_ALONE_PLAN:
        first = chunks[0]
        chunks = (
            Chunk(first.header, first.rows[:1]),
            Chunk(first.header, first.rows[1:]),
            *chunks[1:],
        )
    return chunks


def chunk_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    """(plan, 0-based chunk) -> 1-based page: one page per chunk, from page 7."""
    pages: dict[tuple[int, int], int] = {}
    page = bs.FIRST_PLAN_PAGE
    for plan in plans:
        for index in range(len(variant_chunks(plan))):
            pages[(plan.number, index)] = page
            page += 1
    return pages


def header_pages(plans: Sequence[Plan]) -> dict[int, int]:
    """Plan -> page of its title and header lines."""
    chunks = chunk_pages(plans)
    return {
        plan.number: chunks[(plan.number, 0)] - (plan.number == ORPHAN_HEADER_PLAN)
        for plan in plans
    }


def row_pages(plans: Sequence[Plan]) -> dict[tuple[int, int], int]:
    chunks = chunk_pages(plans)
    return {
        (plan.number, row.seq): chunks[(plan.number, index)]
        for plan in plans
        for index, chunk in enumerate(variant_chunks(plan))
        for row in chunk.rows
    }


def expected_page_count(plans: Sequence[Plan]) -> int:
    return bs.FIRST_PLAN_PAGE - 1 + sum(len(variant_chunks(plan)) for plan in plans)


# ------------------------------------------------------------------------ build


def thai_row(row: PlanRow) -> PlanRow:
    return PlanRow(tuple(thai_digits(cell) for cell in row.cells))


def thai_line(line: HeaderLine) -> HeaderLine:
    return HeaderLine(line.label, thai_digits(line.value))


def plan_heading(document: object, plan: Plan, page_break: bool) -> None:
    # The orphaned header is pushed down to the foot of the page, where a word processor
    # leaves it when the table that follows does not fit under it.
    before = ORPHAN_SPACE_BEFORE_PT if plan.number == ORPHAN_HEADER_PLAN else 0
    bs.para(
        document,  # type: ignore[arg-type]
        plan.title,
        Par(
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            page_break=page_break,
            before_pt=before,
            after_pt=4,
        ),
    )
    if plan.number not in HEADER_IN_TABLE:
        for line in plan.header_lines:
            value = f" {thai_digits(line.value)}"
            bs.labelled(document, f"{line.label} :", value, Par(after_pt=2))  # type: ignore[arg-type]
    bs.para(document, fmt=Par(size=4))  # type: ignore[arg-type]


def build_plan(document: object, plan: Plan, style: Style, first: bool) -> None:
    orphan = plan.number == ORPHAN_HEADER_PLAN
    # The orphaned header follows the previous plan's last table on the same page.
    plan_heading(document, plan, page_break=not first and not orphan)
    widths = bs.column_widths(style, plan)
    lines = [thai_line(line) for line in plan.header_lines]
    for index, chunk in enumerate(variant_chunks(plan)):
        if index or orphan:
            bs.page_break_paragraph(document)  # type: ignore[arg-type]
        head = index == 0
        merged = head and plan.number in HEADER_IN_TABLE
        table = bs.new_table(document, head + merged + len(chunk.rows), widths)  # type: ignore[arg-type]
        if head:
            bs.header_row(table, 0, chunk.header, style)
        if merged:
            bs.merged_header_row(table, 1, lines, style)
        for offset, row in enumerate(chunk.rows, start=head + merged):
            bs.data_row(table, offset, thai_row(row), style)


def build_docx(seed: Seed, style: Style, path: Path) -> None:
    document = Document()
    bs.set_defaults(document)
    bs.page_setup(document.sections[0], landscape=False, margins=bs.PORTRAIT_MARGINS)
    properties = document.core_properties
    properties.title = seed.announcement.subject.removeprefix("เรื่อง ").strip()
    properties.author = properties.last_modified_by = "กองการเจ้าหน้าที่ อบจ.ตาก"
    properties.created = properties.modified = datetime(2023, 10, 11, 9, 0, 0)
    properties.revision = 1
    bs.build_portrait_pages(document, seed)
    section = document.add_section(WD_SECTION.NEW_PAGE)
    margin = style.margin_cm
    bs.page_setup(section, landscape=True, margins=(margin, margin, margin, margin))
    for index, plan in enumerate(seed.plans):
        build_plan(document, plan, style, first=index == 0)
    bs.para(document, fmt=Par(size=1))
    restyle(document)
    document.save(str(path))


def restyle(document: object) -> None:
    """Norasi everywhere, every font size scaled by SCALE (half-points, rounded)."""
    parts = [document.element, document.styles.element]  # type: ignore[attr-defined]
    for root in parts:
        for fonts in root.iter(qn("w:rFonts")):
            for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(key), FONT)
        for tag in ("w:sz", "w:szCs"):
            for size in root.iter(qn(tag)):
                size.set(qn("w:val"), str(max(2, round(int(size.get(qn("w:val"))) * SCALE))))


# ----------------------------------------------------------------------- verify


def expectations(seed: Seed) -> list[Expect]:
    out = [e for e in bs.expectations(seed) if e.page < bs.FIRST_PLAN_PAGE]
    chunks = chunk_pages(seed.plans)
    heads = header_pages(seed.plans)
    for plan in seed.plans:
        out.append(Expect(heads[plan.number], (plan.unit.value,), f"plan {plan.number} header"))
        for index, chunk in enumerate(variant_chunks(plan)):
            first, last = thai_row(chunk.rows[0]), thai_row(chunk.rows[-1])
            texts = (first.activity, first.method, last.method, last.indicator)
            out.append(
                Expect(
                    chunks[(plan.number, index)],
                    texts,
                    f"plan {plan.number} chunk {index + 1}",
                    exact=chunk.header[1:7] if index == 0 else (),
                )
            )
    return out


def verify(path: Path, seed: Seed) -> list[str]:
    problems: list[str] = []
    import pdfplumber

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
        if not all(name.startswith(FONT) for name in fonts):
            problems.append(f"fonts other than {FONT}: {sorted(fonts)}")
    texts = pdfium_texts(path)
    problems += check_expectations(texts, expectations(seed))
    # no repeated header row: the header cells appear once per plan
    for plan in seed.plans:
        pages = chunk_pages(seed.plans)
        for index in range(1, len(variant_chunks(plan))):
            text = bs.exact(texts[pages[(plan.number, index)] - 1])
            if bs.exact("ระยะเวลา") in text:
                problems.append(f"plan {plan.number} chunk {index + 1} repeats the header row")
    # Arabic digits must not be left in any table row
    for number in range(bs.FIRST_PLAN_PAGE, len(texts) + 1):
        if any(ch in "0123456789" for ch in texts[number - 1]):
            problems.append(f"page {number} still prints Arabic digits")
    return problems


def build(seed: Seed) -> None:
    failures: list[str] = []
    for style in ATTEMPTS:
        with tempfile.TemporaryDirectory(prefix="kmplan-layouts-") as tmp:
            docx_path = Path(tmp) / "tak-pao-km-plan-2566-layouts.docx"
            build_docx(seed, style, docx_path)
            rendered = bs.render_pdf(docx_path, Path(tmp))
            pinned = Path(tmp) / "pinned.pdf"
            bs.pin_metadata(rendered, pinned)
            problems = verify(pinned, seed)
            if not problems:
                shutil.copyfile(pinned, LAYOUTS_PDF)
                break
        failures.append(f"{style}: " + "; ".join(problems[:12]))
        print(f"layouts: {style} does not fit: {len(problems)} problems, {problems[:4]}")
    else:
        raise SystemExit("layouts variant: no style fits:\n" + "\n".join(failures))
    truth = write_variant_truth(seed, LAYOUTS_PDF, row_pages(seed.plans))
    print(
        f"wrote {LAYOUTS_PDF} and {truth.name} ({expected_page_count(seed.plans)} pages, {style})"
    )
    chunks = chunk_pages(seed.plans)
    heads = header_pages(seed.plans)
    for plan in seed.plans:
        parts = ", ".join(
            f"p{chunks[(plan.number, i)]} rows {c.rows[0].seq}-{c.rows[-1].seq}"
            for i, c in enumerate(variant_chunks(plan))
        )
        print(f"  plan {plan.number}: header lines p{heads[plan.number]}; {parts}")
