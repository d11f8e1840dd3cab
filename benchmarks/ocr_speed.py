"""Seconds per scanned page: kmplan's OCR path against bare `tesseract` on the same images.

Both sides get the same grey page images, rendered once from the scanned sample at
kmplan's OCR resolution. Bare: `tesseract IMAGE - -l LANG --psm 3` (TSV out), one page at
a time, one process per page, with the traineddata kmplan reads with (the Thai script
model where installed; the tha model is timed too, for reference). kmplan: `ocr_page`
(turn, deskew, ruling lines, each cell read on its own through tesserocr, the text around
the tables as a page, Thai digits re-read), one page at a time. Both run in this process
one after the other, so the ratio compares the work per page, not parallelism.

Run: .venv/bin/python benchmarks/ocr_speed.py [PDF] [--pages N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import cv2
import pypdfium2 as pdfium

from extract.ocr.page import ocr_page
from extract.ocr.pool import render_page
from extract.ocr.tesseract import model_for
from extract.settings import ExtractSettings

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ROOT / "samples" / "tak-pao-km-plan-2566-scanned.pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=SCANNED)
    parser.add_argument("--pages", type=int, default=6, help="pages to time (default 6)")
    args = parser.parse_args()
    settings = ExtractSettings()
    document = pdfium.PdfDocument(args.pdf)
    numbers = list(range(1, min(args.pages, len(document)) + 1))
    # the plan pages matter most: take them from the end when the file is the sample
    if len(document) > args.pages:
        numbers = [1] + list(range(len(document) - args.pages + 2, len(document) + 1))
    images = {n: render_page(document, n, settings.ocr_dpi) for n in numbers}
    sizes = {n: (document[n - 1].get_width(), document[n - 1].get_height()) for n in numbers}
    # kmplan reads "tha" with the Thai script model where it is installed: bare Tesseract
    # is timed with that model (the ratio), and with the tha model for reference.
    langs = list(dict.fromkeys([model_for(settings.ocr_lang), settings.ocr_lang]))
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n, image in images.items():
            paths[n] = Path(tmp) / f"page-{n}.png"
            cv2.imwrite(str(paths[n]), image)
        bare = {lang: _bare(paths, lang, settings.ocr_dpi) for lang in langs}
    start = time.perf_counter()
    for n in numbers:
        ocr_page(images[n], n, *sizes[n], settings)
    ours = (time.perf_counter() - start) / len(numbers)
    print(f"file: {args.pdf.name}, pages {numbers}, {settings.ocr_dpi} dpi, one page at a time")
    for lang, seconds in bare.items():
        print(f"bare tesseract -l {lang:<6} --psm 3: {seconds:6.2f} s/page")
    print(f"kmplan ocr_page:                  {ours:6.2f} s/page")
    print(f"ratio kmplan / bare -l {langs[0]}: {ours / bare[langs[0]]:.2f}x  (goal: at most 1.3x)")


def _bare(paths: dict[int, Path], lang: str, dpi: int) -> float:
    """Seconds per page of `tesseract IMAGE - -l LANG --psm 3` (TSV out), one process each."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    start = time.perf_counter()
    for path in paths.values():
        subprocess.run(
            ["tesseract", str(path), "-", "-l", lang, "--psm", "3", "--dpi", str(dpi), "tsv"],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
    return (time.perf_counter() - start) / len(paths)


if __name__ == "__main__":
    main()
