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

Every chunk starts a new page, so the layout (build_samples.chunk_pages of the plans as
``layout_plan`` rearranges them) is fixed by design; the builder checks it on the rendered
PDF (pypdfium2 text) and shrinks the table font and margins when a chunk does not fit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from docx.document import Document as DocxDocument

from . import build_samples as bs
from .checks import Expect
from .common import SAMPLES, thai_digits
from .docx_kit import Style
from .make_truth import write_variant_truth
from .render import first_fit, render_docx
from .seed_source import Chunk, Plan, Seed

LAYOUTS_PDF = SAMPLES / "tak-pao-km-plan-2566-layouts.pdf"
FONT = "Norasi"  # every size scaled by docx_kit.restyle: 16 pt -> 14 pt

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


def layout_plan(plan: Plan) -> Plan:
    """The plan as this variant prints it: its chunks, and its header lines in the table
    for plans 2 and 7. Same rows in the same order."""
    return dataclasses.replace(
        plan, chunks=variant_chunks(plan), header_in_table=plan.number in HEADER_IN_TABLE
    )


def layout_seed(seed: Seed) -> Seed:
    return dataclasses.replace(seed, plans=tuple(layout_plan(plan) for plan in seed.plans))


def header_pages(plans: Sequence[Plan]) -> dict[int, int]:
    """Plan -> page of its title and header lines."""
    chunks = bs.chunk_pages(plans)
    return {
        plan.number: chunks[(plan.number, 0)] - (plan.number == ORPHAN_HEADER_PLAN)
        for plan in plans
    }


# ------------------------------------------------------------------------ build


def build_plan(document: DocxDocument, plan: Plan, style: Style, first: bool) -> None:
    """As build_samples.build_plan, in Thai digits, with no header row on continuation
    pages; the orphaned header follows the previous plan's last table on the same page
    (pushed down to the page foot, where a word processor leaves it when the table that
    follows does not fit under it) and its table starts the next page."""
    orphan = plan.number == ORPHAN_HEADER_PLAN
    lines = bs.printed_lines(plan, thai_digits)
    before = ORPHAN_SPACE_BEFORE_PT if orphan else 0
    bs.plan_heading(document, plan, lines, page_break=not first and not orphan, before_pt=before)
    bs.plan_tables(
        document, plan, style, lines, cells=thai_digits, repeat_header=False, break_first=orphan
    )


# ----------------------------------------------------------------------- verify


def expectations(seed: Seed) -> list[Expect]:
    """``seed`` as layout_seed gives it."""
    heads = header_pages(seed.plans)
    out = bs.front_expectations(seed)
    out += [Expect(heads[p.number], (p.unit.value,), f"plan {p.number} header") for p in seed.plans]
    return out + bs.chunk_expectations(
        seed.plans, cells=thai_digits, lead=lambda plan: (), repeat_header=False
    )


# ------------------------------------------------------------------------ build


def build(seed: Seed) -> None:
    printed = layout_seed(seed)

    def attempt(style: Style, tmp: Path) -> tuple[Path, list[str]]:
        pdf = render_docx(
            lambda path: bs.build_docx(printed, style, path, plan_builder=build_plan, font=FONT),
            tmp,
            LAYOUTS_PDF.stem,
        )
        return pdf, bs.verify_retyped(pdf, printed, expectations(printed), FONT)

    style = first_fit("layouts", ATTEMPTS, attempt, LAYOUTS_PDF)
    truth = write_variant_truth(seed, LAYOUTS_PDF, bs.row_pages(printed.plans))
    count = bs.expected_page_count(printed.plans)
    print(f"wrote {LAYOUTS_PDF} and {truth.name} ({count} pages, {style})")
    chunks = bs.chunk_pages(printed.plans)
    heads = header_pages(printed.plans)
    for plan in printed.plans:
        parts = ", ".join(
            f"p{chunks[(plan.number, i)]} rows {c.rows[0].seq}-{c.rows[-1].seq}"
            for i, c in enumerate(plan.chunks)
        )
        print(f"  plan {plan.number}: header lines p{heads[plan.number]}; {parts}")
