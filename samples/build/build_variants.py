"""Build the variant samples: the seed content as other fonts, producers and layouts print it.

Each variant is written next to the born-digital sample with its own truth file, which
is the clean truth (make_truth.py) with only ``page`` changed to where the variant's
rows begin. Every builder checks its layout on the rendered PDF before it writes.

  tak-pao-km-plan-2566-pua.pdf      variant_pua.py: the sample's text layer as Word + TH
                                    Sarabun PSK write it (private-use codes, decomposed
                                    sara am, no ActualText)
  tak-pao-km-plan-2566-layouts.pdf  variant_layouts.py: Norasi, Thai digits in the tables,
                                    no repeated header rows, orphaned plan headers
  tak-pao-km-plan-2566-html.pdf     variant_html.py: HTML + CSS printed by headless Chromium

Run (from the repository root):
  .venv/bin/python -m samples.build.build_variants [pua] [layouts] [html]   (default: all)
Needs: build_samples.py run first (pua), fontTools (pua), LibreOffice and fonts-tlwg-norasi
(layouts), chromium and fonts-noto-core (html).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from .make_truth import write_variant_truth
from .seed_source import Seed, load

VARIANTS = ("pua", "layouts", "html")


def build_pua(seed: Seed) -> None:
    from . import variant_pua

    with tempfile.TemporaryDirectory(prefix="kmplan-pua-") as tmp:
        out = Path(tmp) / variant_pua.PUA_PDF.name
        changes = variant_pua.make_pua(variant_pua.CLEAN_PDF, out)
        problems, counts = variant_pua.verify_pua(out, seed)
        if problems:
            raise SystemExit("pua variant failed its checks:\n" + "\n".join(problems))
        shutil.copyfile(out, variant_pua.PUA_PDF)
    truth = write_variant_truth(seed, variant_pua.PUA_PDF, variant_pua.pages(seed))
    print(f"wrote {variant_pua.PUA_PDF} and {truth.name}")
    for key, value in changes.items():
        print(f"  {key}: {value}")
    print(f"  plain pdfplumber reads these private-use codes: {counts}")


def build_layouts(seed: Seed) -> None:
    from . import variant_layouts

    variant_layouts.build(seed)


def build_html(seed: Seed) -> None:
    from . import variant_html

    variant_html.build(seed)


def main(argv: list[str]) -> None:
    chosen = argv or list(VARIANTS)
    unknown = set(chosen) - set(VARIANTS)
    if unknown:
        raise SystemExit(f"unknown variant(s) {sorted(unknown)}; choose from {VARIANTS}")
    seed = load()
    builders = {"pua": build_pua, "layouts": build_layouts, "html": build_html}
    for name in VARIANTS:
        if name in chosen:
            builders[name](seed)


if __name__ == "__main__":
    main(sys.argv[1:])
