"""Build the samples of the further KM plan families, each with its truth file.

  change     tak-pao-km-plan-2566-change.pdf       Change Management tables (with KM Process)
  sci        sci-faculty-km-plan-2566.pdf          project list, fiscal year, two-row header
  nursing    nursing-college-km-plan-2565.pdf      project list, academic year, Thai digits
  sideways   sci-faculty-km-plan-2566-rotated.pdf, -sideways-scan.pdf (pages turned 90 and
             270 degrees) and -upside-down-scan.pdf (180 and 0; turned_scan.py), from sci

The source data, builders and hand-written canonical tables live in variant_families.py;
samples/README.md ("Plan families") describes what each sample varies. Every PDF is checked
on its rendered pages before it and its truth are written; rebuilds are byte-identical.

Run (from the repository root):
     .venv/bin/python -m samples.build.build_families [change] [sci] [nursing] [sideways]
     (default: all, in that order; sideways needs the sci sample)
Needs LibreOffice, fonts-tlwg-laksaman, fonts-tlwg-norasi, poppler-utils and jsonschema.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pdfplumber import open as open_pdf

from . import turned_scan
from . import variant_families as vf
from .seed_source import load

TARGETS = ("change", "sci", "nursing", "sideways")


def _pages(path: Path) -> int:
    with open_pdf(path) as pdf:
        return len(pdf.pages)


def main(argv: list[str]) -> None:
    targets = argv or list(TARGETS)
    unknown = set(targets) - set(TARGETS)
    if unknown:
        raise SystemExit(f"unknown target(s) {sorted(unknown)}; choose from {TARGETS}")
    if "change" in targets:
        seed = load()
        style = vf.build_change(seed)
        pages = vf.change_layout(seed)
        print(f"wrote {vf.CHANGE_PDF.name} ({vf.change_page_count(seed)} pages, {style})")
        for (family, plan, chunk), page in sorted(pages.items(), key=lambda item: item[1]):
            print(f"  p{page}: plan {plan} {family.upper()} chunk {chunk + 1}")
    for plan in (vf.SCI, vf.NURSING):
        if plan.key in targets:
            style = vf.build_project(plan)
            print(f"wrote {plan.pdf.name} ({plan.pages} pages, {plan.font}, {style})")
            print(f"  rows begin on pages {plan.row_page}; split rows {plan.split_rows}")
    if "sideways" in targets:
        vf.build_sideways()
        for path in (vf.ROTATED_PDF, vf.SIDEWAYS_SCAN_PDF, turned_scan.UPSIDE_DOWN_SCAN_PDF):
            print(f"wrote {path.name} ({_pages(path)} pages)")


if __name__ == "__main__":
    main(sys.argv[1:])
