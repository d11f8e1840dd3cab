"""Build samples/tak-pao-km-plan-2566-audit.pdf: a plan with known audit violations.

The seed's memo and announcement (pages 1-2), then two copies of the seed's plan 7 (the
personnel division's KM Process table, header lines inside the table), printed as HTML by
headless Chromium with variant_html.py's machinery (Noto Sans Thai, one page per table
chunk). What was changed, on purpose (the findings are in the .findings.jsonl beside the
PDF, written by hand from this list):

plan 1 (องค์การเจ้าหน้าที่), pages 3-4:
  * row 5 (การเข้าถึงความรู้, step 5) removed: the plan misses step 5; rows print
    ลำดับ 1, 2, 3, 4, 6, 7;
  * row 2's ผู้รับผิดชอบ cell left empty.
plan 2 (กองการเจ้าหน้าที่), pages 5-6:
  * row 3's target without its number (ร้อยละ 90 dropped);
  * row 4's period ธันวาคม 2565: step 4 starts before step 3 (มกราคม 2566);
  * row 6's period ตามความเหมาะสม (no date kmplan can read);
  * row 7's period ตุลาคม 2566: after FY2566 (1 Oct 2022 - 30 Sep 2023).

Run (from the repository root):  .venv/bin/python -m samples.build.build_audit
Needs chromium, fonts-noto-core and poppler-utils (pdftotext). Rebuilds are byte-identical.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from . import variant_html as vh
from .checks import needle, squash
from .common import SAMPLES, SIGNATURE_PATH
from .render import pin_metadata
from .seed_source import Chunk, HeaderLine, Plan, PlanRow, Seed, load

PDF = SAMPLES / "tak-pao-km-plan-2566-audit.pdf"
RESPONSIBLE, TARGET, PERIOD = 6, 5, 3  # cell columns
# The first row of each table chunk and the page it must start (checked on the PDF).
CHUNK_PAGES = {(1, 0): 3, (1, 1): 4, (2, 0): 5, (2, 1): 6}


def changed(row: PlanRow, column: int, text: str) -> PlanRow:
    cells = list(row.cells)
    cells[column] = text
    return PlanRow(tuple(cells))


def plan_one(seed_plan: Plan) -> Plan:
    first, second = seed_plan.chunks
    rows = list(first.rows)
    rows[1] = changed(rows[1], RESPONSIBLE, "")
    later = tuple(row for row in second.rows if row.seq != 5)
    chunks = (dataclasses.replace(first, rows=tuple(rows)), Chunk(second.header, later))
    return dataclasses.replace(seed_plan, number=1, chunks=chunks)


def plan_two(seed_plan: Plan) -> Plan:
    first, second = seed_plan.chunks
    rows = list(first.rows)
    rows[2] = changed(rows[2], TARGET, "ข้อมูลที่รวบรวม และแบ่งแยกประเภท และสายงานมีความถูกต้องครบถ้วน")
    later = list(second.rows)
    later[0] = changed(later[0], PERIOD, "ธันวาคม 2565")
    later[2] = changed(later[2], PERIOD, "ตามความเหมาะสม")
    later[3] = changed(later[3], PERIOD, "ตุลาคม 2566")
    unit = HeaderLine(seed_plan.unit.label, "องค์การบริหารส่วนจังหวัดตาก (กองการเจ้าหน้าที่)")
    chunks = (dataclasses.replace(first, rows=tuple(rows)), Chunk(second.header, tuple(later)))
    return dataclasses.replace(seed_plan, number=2, unit=unit, chunks=chunks)


def document_html(seed: Seed, plans: list[Plan]) -> str:
    body = "\n".join([vh.memo_page(seed), vh.announcement_page(seed), *map(vh.plan_section, plans)])
    return (
        '<!DOCTYPE html>\n<html lang="th"><head><meta charset="utf-8">'
        f"<title>audit sample</title><style>{vh.CSS}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def verify(path: Path, plans: list[Plan]) -> list[str]:
    """Each chunk's first and last row on the page CHUNK_PAGES promises; 6 pages."""
    pages = len(pdfium.PdfDocument(str(path)))
    if pages != 6:
        return [f"{pages} pages, the layout has 6"]
    texts = [squash(text) for text in vh.poppler_texts(path, 6)]
    problems = []
    for (plan_number, index), page in CHUNK_PAGES.items():
        chunk = plans[plan_number - 1].chunks[index]
        for row in (chunk.rows[0], chunk.rows[-1]):
            if needle(row.method) not in texts[page - 1]:
                problems.append(f"plan {plan_number} row {row.seq} is not on page {page}")
    return problems


def build() -> None:
    seed = load()
    plans = [plan_one(seed.plans[6]), plan_two(seed.plans[6])]
    with tempfile.TemporaryDirectory(prefix="kmplan-audit-") as tmp:
        work = Path(tmp)
        shutil.copyfile(SIGNATURE_PATH, work / SIGNATURE_PATH.name)
        html_path = work / "audit.html"
        html_path.write_text(document_html(seed, plans), encoding="utf-8")
        printed = work / "printed.pdf"
        vh.print_pdf(html_path, printed, work)
        pinned = work / "pinned.pdf"
        pin_metadata(printed, pinned)
        problems = verify(pinned, plans)
        if problems:
            raise SystemExit("audit sample failed its checks:\n" + "\n".join(problems))
        shutil.copyfile(pinned, PDF)
    print(f"wrote {PDF}")


if __name__ == "__main__":
    build()
