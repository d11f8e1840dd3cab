"""Seconds per scanned page: kmplan's OCR path against bare `tesseract` on the same images.

Both sides get the same grey page images, rendered once from the scanned sample at
kmplan's OCR resolution. Bare: `tesseract IMAGE - -l tha --psm 3` (TSV out), one page at a
time, one process per page. kmplan: `ocr_page` (deskew, ruling lines, Tesseract, Thai
digits re-read, empty cells read again, words into cells), one page at a time. Both run in
this process one after the other, so the ratio compares the work per page, not parallelism.

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

from kmplan.extract.ocr_page import ocr_page
from kmplan.extract.ocr_pool import render_page
from kmplan.extract.settings import ExtractSettings

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
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for n, image in images.items():
            paths[n] = Path(tmp) / f"page-{n}.png"
            cv2.imwrite(str(paths[n]), image)
        start = time.perf_counter()
        for n in numbers:
            subprocess.run(
                ["tesseract", str(paths[n]), "-", "-l", settings.ocr_lang, "--psm", "3",
                 "--dpi", str(settings.ocr_dpi), "tsv"],
                check=True, capture_output=True, env=env,
            )  # fmt: skip
        bare = (time.perf_counter() - start) / len(numbers)
    start = time.perf_counter()
    for n in numbers:
        ocr_page(images[n], n, *sizes[n], settings)
    ours = (time.perf_counter() - start) / len(numbers)
    print(f"file: {args.pdf.name}, pages {numbers}, {settings.ocr_dpi} dpi, one page at a time")
    print(f"bare tesseract -l {settings.ocr_lang} --psm 3:  {bare:6.2f} s/page")
    print(f"kmplan ocr_page:                {ours:6.2f} s/page")
    print(f"ratio kmplan / bare: {ours / bare:.2f}x  (goal: at most 1.3x)")


if __name__ == "__main__":
    main()
