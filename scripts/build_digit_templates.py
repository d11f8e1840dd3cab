"""Build extract/ocr/data/thai_digits.npz: glyph templates for reading Thai digits.

Debian's Tesseract Thai model (tesseract-ocr-tha, tessdata_fast 4.00) knows only five of
the ten Thai digits (๐ ๑ ๒ ๓ ๕): it reads ๖ as ๒, ๘ as ๕, ๗ as ๓. kmplan re-reads number
words from the page image by comparing each glyph with these templates (extract/
thai_digits.py). The templates are the digits, a few punctuation marks and the Thai
consonants (so that a word holding letters is recognised as not a number), drawn in the
installed Thai fonts, plain and bold, at three stroke weights.

Run: .venv/bin/python scripts/build_digit_templates.py
Needs: Pillow, numpy, and Thai fonts (fonts-tlwg-laksaman, -garuda, -norasi, fonts-noto-core).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.ocr.thai_digits import LETTER, SIZE, normalize_glyph  # noqa: E402

OUT = ROOT / "extract" / "ocr" / "data" / "thai_digits.npz"
FONT_FAMILIES = (
    "Laksaman",
    "Garuda",
    "Norasi",
    "Noto Serif Thai",
    "Noto Sans Thai",
    "Noto Looped Thai",
    "Kinnari",
    "Loma",
    "Sarabun",
    "TH Sarabun New",
)
DIGITS = "๐๑๒๓๔๕๖๗๘๙"
PUNCT = "/()"
CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"


def font_files() -> list[str]:
    found = []
    for family in FONT_FAMILIES:
        for style in ("Regular", "Bold"):
            result = subprocess.run(
                ["fc-match", "-f", "%{file}|%{family}", f"{family}:style={style}"],
                capture_output=True,
                text=True,
                check=False,
            )
            path, _, got = result.stdout.partition("|")
            if family.lower() in got.lower() and path not in found:
                found.append(path)
    return found


def draw(ch: str, font: ImageFont.FreeTypeFont) -> np.ndarray:
    image = Image.new("L", (160, 160), 255)
    ImageDraw.Draw(image).text((40, 20), ch, font=font, fill=0)
    return np.asarray(image)


def variants(glyph: np.ndarray) -> list[np.ndarray]:
    image = Image.fromarray(glyph)
    out = []
    for filt in (None, ImageFilter.MinFilter(3), ImageFilter.MaxFilter(3)):
        shaped = image if filt is None else image.filter(filt)
        out.append(np.asarray(shaped) < 128)
    return out


def main() -> None:
    fonts = font_files()
    if not fonts:
        raise SystemExit("no Thai fonts found (apt-get install fonts-tlwg-laksaman)")
    vectors, labels = [], []
    for path in fonts:
        font = ImageFont.truetype(path, 64)
        for ch in DIGITS + PUNCT + CONSONANTS:
            for mask in variants(draw(ch, font)):
                vector = normalize_glyph(mask)
                if vector is not None:
                    vectors.append(vector)
                    labels.append(ch if ch in DIGITS + PUNCT else LETTER)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT, vectors=np.asarray(vectors, dtype=np.float16), labels=np.asarray(labels)
    )
    print(f"wrote {OUT} ({len(vectors)} templates of {SIZE}x{SIZE} from {len(fonts)} fonts)")
    for path in fonts:
        print("  " + path)


if __name__ == "__main__":
    main()
