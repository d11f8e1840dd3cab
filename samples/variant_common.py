"""Helpers shared by the variant sample builders (see build_variants.py).

Every variant prints the same seed content as the born-digital sample, so its truth is
the clean truth (make_truth.py) with only ``page`` changed to where the variant's rows
begin. Each builder promises a layout ((plan, seq) -> page), checks it on the rendered
PDF with the helpers here, and only then writes the PDF and its truth.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
from build_samples import check_expectations, squash  # noqa: F401 - re-exported
from make_truth import write_truth
from seed_source import Seed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ARABIC_TO_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

# The Windows private-use set of Thai fonts (TH Sarabun PSK and the other national fonts),
# as HarfBuzz's Thai fallback shaper lists it: code -> the standard character it draws.
# Only used here to check what a variant's text layer means, never to build the truth.
PUA_TO_THAI: dict[int, str] = {
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36",
    0xF704: "\u0e37", 0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a",
    0xF708: "\u0e4b", 0xF709: "\u0e4c", 0xF70A: "\u0e48", 0xF70B: "\u0e49",
    0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c", 0xF70F: "\u0e0d",
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
}  # fmt: skip


def thai_digits(text: str) -> str:
    return text.translate(ARABIC_TO_THAI_DIGITS)


def pdfium_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def base_letters(text: str) -> str:
    """``squash`` after mapping private-use codes back (they are not combining marks)."""
    return squash(text.translate(PUA_TO_THAI))


def plain_pdfplumber_texts(path: Path) -> list[str]:
    """What plain pdfplumber (no kmplan anywhere) reads, page by page, in a fresh interpreter."""
    code = (
        "import json, sys, pdfplumber\n"
        "with pdfplumber.open(sys.argv[1]) as pdf:\n"
        "    print(json.dumps([p.extract_text() or '' for p in pdf.pages]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def private_use_counts(texts: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for ch in text:
            if unicodedata.category(ch) == "Co":
                key = f"U+{ord(ch):04X}"
                counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def write_variant_truth(seed: Seed, pdf_path: Path, pages: dict[tuple[int, int], int]) -> Path:
    truth = pdf_path.with_suffix(".truth.jsonl")
    write_truth(seed, truth, pages)
    return truth
