"""The PUA variant: the born-digital sample with a Word + TH Sarabun PSK style text layer.

Built from ``tak-pao-km-plan-2566.pdf`` (build_samples.py must have run), with pikepdf,
so the pages, the drawing and the layout are the sample's own; only the text layer
changes:

* **Glyph-true ToUnicode maps.** Each code of the two embedded Laksaman subsets is
  identified by its outline against the installed Laksaman fonts, which name their mark
  variants the way the Windows private-use set numbers them. The new map gives each
  glyph the code a TH Sarabun PSK PDF made by Word carries:
  - tone marks set low (``uni0E48.low`` ...) -> U+F70A-U+F70E;
  - the other variants likewise (``.low_left`` U+F705-F709, ``.left`` U+F701-F704,
    U+F710-F717, ``uni0E38.low`` U+F718-F71A), should the subsets hold any;
  - the nikhahit glyph LibreOffice draws sara am with (``uni0E4D`` + ``uni0E32``) -> the
    plain nikhahit, so every sara am reads decomposed, ํ + า (in the shaper's order:
    before a tone mark, น ํ ้ า);
  - in the bold font also the default upper and lower vowels (ั ิ ี ึ ื ็ ุ ู -> U+F710,
    U+F701-F704, U+F712, U+F718-F719), as producers do that write the shifted glyph's code
    for every mark;
  - every other glyph its own character. This also repairs the entries LibreOffice gets
    wrong (its sara uu glyph maps to mai tho, its low mai tri to sara u).
* **No ActualText.** LibreOffice's ``/Span <</ActualText ...>> BDC ... EMC`` pairs (none
  carries an MCID) are removed from the content streams, so a reader sees the private-use
  codes and the decomposed sara am, not LibreOffice's corrections.

Marks come out in the order LibreOffice draws them (รู้ reads ร ้ ู), as in many Word
PDFs.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont

from .build_samples import PDF_PATH as CLEAN_PDF
from .build_samples import expectations, row_pages
from .checks import check_expectations, page_texts
from .common import SAMPLES
from .seed_source import Seed

PUA_PDF = SAMPLES / "tak-pao-km-plan-2566-pua.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_FILES = {"Laksaman": "Laksaman.ttf", "Laksaman-Bold": "Laksaman-Bold.ttf"}

# Laksaman glyph-name suffix -> PUA code of each base character (Windows set).
VARIANT_PUA: dict[tuple[str, str], int] = {
    **{(f"{0x0E34 + i:04X}", "left"): 0xF701 + i for i in range(4)},  # ิ ี ึ ื
    **{(f"{0x0E48 + i:04X}", "low_left"): 0xF705 + i for i in range(5)},  # ่ ้ ๊ ๋ ์
    ("0E4B", "alt1"): 0xF708,  # Laksaman's name for mai chattawa low-left
    **{(f"{0x0E48 + i:04X}", "low"): 0xF70A + i for i in range(5)},
    ("0E31", "left"): 0xF710,
    ("0E4D", "left"): 0xF711,
    ("0E47", "left"): 0xF712,
    **{(f"{0x0E48 + i:04X}", "left"): 0xF713 + i for i in range(5)},
    **{(f"{0x0E38 + i:04X}", "low"): 0xF718 + i for i in range(3)},  # ุ ู ฺ
}
# Bold font only: the default glyphs of these marks also get the shifted glyph's code.
BOLD_DEFAULT_PUA = {
    "\u0e31": 0xF710, "\u0e34": 0xF701, "\u0e35": 0xF702, "\u0e36": 0xF703,
    "\u0e37": 0xF704, "\u0e47": 0xF712, "\u0e38": 0xF718, "\u0e39": 0xF719,
}  # fmt: skip
# The Windows private-use set of Thai fonts (TH Sarabun PSK and the other national fonts),
# as HarfBuzz's Thai fallback shaper lists it: code -> the standard character it draws.
# Only used here to check what the variant's text layer means, never to build the truth.
PUA_TO_THAI: dict[int, str] = {
    0xF700: "\u0e10", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36",
    0xF704: "\u0e37", 0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a",
    0xF708: "\u0e4b", 0xF709: "\u0e4c", 0xF70A: "\u0e48", 0xF70B: "\u0e49",
    0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c", 0xF70F: "\u0e0d",
    0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c",
    0xF718: "\u0e38", 0xF719: "\u0e39", 0xF71A: "\u0e3a",
}  # fmt: skip
_UNI = re.compile(r"^uni([0-9A-F]{4})(?:\.(\w+))?$")


# ------------------------------------------------------------------- glyph identity


def _outline(font: TTFont, name: str) -> tuple[object, ...]:
    glyf = font["glyf"]
    coords, ends, _ = glyf[name].getCoordinates(glyf)
    return (tuple(map(tuple, coords)), tuple(ends), font["hmtx"][name][0])


def _full_font_index(style: str) -> dict[tuple[object, ...], str]:
    font = TTFont(FONT_DIR / FONT_FILES[style])
    index: dict[tuple[object, ...], str] = {}
    for name in font.getGlyphOrder():
        index.setdefault(_outline(font, name), name)
    return index


def glyph_names(font_dict: pikepdf.Dictionary) -> dict[int, str]:
    """Code -> Laksaman glyph name, by matching each subset glyph's outline."""
    style = str(font_dict.BaseFont).split("+", 1)[1]
    subset = TTFont(io.BytesIO(font_dict.FontDescriptor.FontFile2.read_bytes()))
    index = _full_font_index(style)
    cmap = {code: g for table in subset["cmap"].tables for code, g in table.cmap.items()}
    return {code: index.get(_outline(subset, g), "?") for code, g in cmap.items()}


def read_tounicode(font_dict: pikepdf.Dictionary) -> dict[int, str]:
    text = font_dict.ToUnicode.read_bytes().decode("latin-1")
    if "beginbfrange" in text:
        raise SystemExit("unexpected bfrange in LibreOffice's ToUnicode map")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = "".join(chr(int(dst[i : i + 4], 16)) for i in range(0, len(dst), 4))
    return out


def glyph_text(name: str, old: str, bold: bool) -> str:
    """The text a Word + TH Sarabun PSK PDF gives this glyph."""
    match = _UNI.match(name)
    if match is None:  # Latin, digits, space, punctuation: LibreOffice maps them right
        return old
    base, suffix = match.groups()
    if suffix is None:
        char = chr(int(base, 16))
        if char == "\u0e4d":  # LibreOffice draws sara am as nikhahit + sara aa
            return "\u0e4d"
        if bold and char in BOLD_DEFAULT_PUA:
            return chr(BOLD_DEFAULT_PUA[char])
        return char
    if (base, suffix) not in VARIANT_PUA:
        raise SystemExit(f"no private-use code for glyph {name}")
    return chr(VARIANT_PUA[(base, suffix)])


def tounicode_cmap(mapping: dict[int, str]) -> bytes:
    entries = "\n".join(
        f"<{code:02X}> <{''.join(f'{ord(ch):04X}' for ch in text)}>"
        for code, text in sorted(mapping.items())
    )
    return (
        "/CIDInit/ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo<<\n/Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName/Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
        f"{len(mapping)} beginbfchar\n{entries}\nendbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode("ascii")


# ----------------------------------------------------------------- content streams


def _has_actual_text(operands: list[object]) -> bool:
    return (
        len(operands) == 2
        and isinstance(operands[1], pikepdf.Dictionary)
        and "/ActualText" in operands[1]
    )


def strip_actual_text(pdf: pikepdf.Pdf, page: pikepdf.Page) -> int:
    """Remove the BDC/EMC pairs that carry an ActualText; returns how many."""
    kept: list[pikepdf.ContentStreamInstruction] = []
    stack: list[bool] = []  # per open marked-content sequence: dropped?
    removed = 0
    for instruction in pikepdf.parse_content_stream(page):
        op = str(instruction.operator)
        if op == "BDC" and _has_actual_text(list(instruction.operands)):
            props = instruction.operands[1]
            if "/MCID" in props:
                raise SystemExit("an ActualText span with an MCID: not expected")
            stack.append(True)
            removed += 1
            continue
        if op in ("BDC", "BMC"):
            stack.append(False)
        elif op == "EMC":
            if stack.pop():
                continue
        kept.append(instruction)
    if stack:
        raise SystemExit("unbalanced marked content")
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(kept))
    return removed


# -------------------------------------------------------------------------- build


def make_pua(source: Path, target: Path) -> dict[str, object]:
    """Write the PUA variant of ``source``; returns what was changed."""
    changes: dict[str, object] = {}
    with pikepdf.open(source) as pdf:
        fonts: dict[tuple[int, int], pikepdf.Dictionary] = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                fonts[font.objgen] = font
        for font in fonts.values():
            base = str(font.BaseFont)
            names = glyph_names(font)
            old = read_tounicode(font)
            bold = base.endswith("-Bold")
            new = {code: glyph_text(names.get(code, "?"), text, bold) for code, text in old.items()}
            fixed = {
                f"{code:02X} {names[code]}": f"{old[code]!r} -> {new[code]!r}"
                for code in old
                if new[code] != old[code]
            }
            changes[base] = fixed
            font.ToUnicode = pdf.make_stream(tounicode_cmap(new))
        removed = sum(strip_actual_text(pdf, page) for page in pdf.pages)
        changes["ActualText spans removed"] = removed
        pdf.save(target, deterministic_id=True)
    return changes


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
    return list(json.loads(out.stdout))


def private_use_counts(texts: Sequence[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for ch in text:
            if unicodedata.category(ch) == "Co":
                key = f"U+{ord(ch):04X}"
                counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def verify_pua(path: Path, seed: Seed) -> tuple[list[str], dict[str, int]]:
    """Problems, and the private-use codes plain pdfplumber reads."""
    problems: list[str] = []
    with pikepdf.open(path) as pdf, pikepdf.open(CLEAN_PDF) as clean:
        if len(pdf.pages) != len(clean.pages):
            problems.append(f"{len(pdf.pages)} pages, the clean sample has {len(clean.pages)}")
        for number, page in enumerate(pdf.pages, start=1):
            if b"ActualText" in page.Contents.read_bytes():
                problems.append(f"page {number} still has an ActualText span")
            if page.mediabox != clean.pages[number - 1].mediabox:
                problems.append(f"page {number} changed size")
    plain = plain_pdfplumber_texts(path)
    counts = private_use_counts(plain)
    if not any(code.startswith("U+F70") for code in counts):
        problems.append(f"plain pdfplumber reads no U+F70x code (private use: {counts})")
    if not any("\u0e4d\u0e32" in text for text in plain):
        problems.append("plain pdfplumber reads no decomposed sara am (ํ + า)")
    if any("\u0e33" in text for text in plain):
        problems.append("plain pdfplumber still reads a precomposed sara am")
    # Same base letters on every page as the clean sample, and the layout it promises.
    texts = page_texts(path)
    problems += check_expectations(
        [text.translate(PUA_TO_THAI) for text in texts], expectations(seed)
    )
    return problems, counts


def pages(seed: Seed) -> dict[tuple[int, int], int]:
    """Same pages as the clean sample."""
    return row_pages(seed.plans)
