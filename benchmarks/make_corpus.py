"""Build a corpus of N distinct KM action plans from the samples, for benchmarks.

    .venv/bin/python benchmarks/make_corpus.py N OUTDIR [--seed S] [--sample PDF]

Each document is the sample PDF with its text rewritten in the content streams (pikepdf),
not a byte-identical copy: the fiscal year (and the years in the periods and dates) moves,
the province in the organization's name changes, and the reference number and the
announcement day get new digits. Department names stay as in the sample: they are split
between many text operators around Thai marks, too fragile to rewrite. Only glyphs the
sample's embedded font subsets already hold are used, so every document renders and
extracts like the sample; no LibreOffice is needed.
"""

from __future__ import annotations

import argparse
import difflib
import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "tak-pao-km-plan-2566.pdf"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
PROVINCES = [
    "ตาก", "ตรัง", "ระนอง", "ยะลา", "สตูล", "ชุมพร", "ลพบุรี", "สระบุรี", "ราชบุรี", "ชัยนาท",
    "นครนายก", "ปทุมธานี", "ตราด", "ชลบุรี", "ระยอง", "กระบี่", "พังงา", "นราธิวาส", "สุรินทร์",
    "ยโสธร", "เลย", "บุรีรัมย์", "อุดรธานี", "สกลนคร", "นครพนม", "พิจิตร", "สุโขทัย", "อุทัยธานี",
]  # fmt: skip
YEAR_SHIFTS = [0, -1, -4, -10, -11, -14, 1, 2]  # those every font can print are drawn from

_YEAR4 = re.compile(r"(?<![0-9๐-๙])([2๒][5๕][0-9๐-๙]{2})(?![0-9๐-๙])")
_YEAR2 = re.compile(r"(?<=\.)(\s?)([0-9๐-๙]{2})(?![0-9๐-๙])")
_REFERENCE = re.compile(r"(?<=ตก )([0-9๐-๙]{3,5})(?![0-9๐-๙])")


@dataclass
class Font:
    to_unicode: dict[int, str]
    from_unicode: dict[str, int]
    widths: dict[int, float]

    def can_print(self, text: str) -> bool:
        return all(ch in self.from_unicode for ch in text)

    def width(self, text: str) -> float:
        return sum(self.widths.get(self.from_unicode[ch], 0.0) for ch in text)

    def fits(self, new: str, old: str) -> bool:
        """`new` prints and is no wider than `old`: the text after it does not overlap."""
        return self.can_print(new) and self.width(new) <= self.width(old) + 1e-6


def read_fonts(pdf: pikepdf.Pdf) -> dict[tuple[int, int], Font]:
    fonts: dict[tuple[int, int], Font] = {}
    for page in pdf.pages:
        for _, font in page.Resources.get("/Font", {}).items():
            if font.objgen in fonts or "/ToUnicode" not in font:
                continue
            cmap = FileUnicodeMap()
            CMapParser(cmap, io.BytesIO(font.ToUnicode.read_bytes())).run()
            to_uni = {int(k): v for k, v in cmap.cid2unichr.items() if len(v) == 1}
            from_uni: dict[str, int] = {}
            for code, char in sorted(to_uni.items()):
                from_uni.setdefault(char, code)
            first = int(font.get("/FirstChar", 0))
            widths = {first + i: float(w) for i, w in enumerate(font.get("/Widths", []))}
            fonts[font.objgen] = Font(to_uni, from_uni, widths)
    return fonts


def _same_script(old: str, new_value: str) -> str:
    """`new_value` (Arabic digits) in the digits `old` was printed with."""
    if old and old[0] in THAI_DIGITS:
        return "".join(THAI_DIGITS[int(d)] for d in new_value)
    return new_value


Rewrite = Callable[[str, Font], str]


def make_rewrite(rng: random.Random, fonts: list[Font]) -> tuple[Rewrite, dict[str, object]]:
    """Choose this document's variation; return a text -> text function for one text op."""
    printable_shifts = [
        s for s in YEAR_SHIFTS if all(f.can_print(_same_script("๒", str(2566 + s))) for f in fonts)
    ]
    shift = rng.choice(printable_shifts or [0])
    printable = [p for p in PROVINCES if all(f.fits(p, "ตาก") for f in fonts)]
    province = rng.choice(printable) if printable else "ตาก"
    day = rng.randint(1, 28)

    def digits(font: Font, n: int, thai: bool) -> str:
        pool = [d for d in (THAI_DIGITS if thai else "0123456789") if d in font.from_unicode]
        return "".join(rng.choice(pool) for _ in range(n)) if pool else ""

    def rewrite(text: str, font: Font) -> str:
        def year4(m: re.Match[str]) -> str:
            new = _same_script(m[1], str(int(_arabic(m[1])) + shift))
            return new if font.can_print(new) else m[1]

        def year2(m: re.Match[str]) -> str:
            new = _same_script(m[2], f"{(int(_arabic(m[2])) + shift) % 100:02d}")
            return m[1] + (new if font.can_print(new) else m[2])

        def reference(m: re.Match[str]) -> str:
            new = digits(font, len(m[1]), m[1][0] in THAI_DIGITS)
            return new if len(new) == len(m[1]) else m[1]

        text = _YEAR4.sub(year4, text)
        text = _YEAR2.sub(year2, text)
        text = _REFERENCE.sub(reference, text)
        text = re.sub(r"(?<=วันที่ )([๐-๙]{1,2})(?= )", lambda m: _thai(day, font, m[1]), text)
        if font.fits(province, "ตาก"):
            text = text.replace("จังหวัดตาก", "จังหวัด" + province)
        return text

    return rewrite, {"year": 2566 + shift, "province": province, "day": day}


def _arabic(text: str) -> str:
    return "".join(str(THAI_DIGITS.index(c)) if c in THAI_DIGITS else c for c in text)


def _thai(day: int, font: Font, old: str) -> str:
    new = _same_script("๐", str(day))
    return new if font.can_print(new) else old


def rewrite_page(
    pdf: pikepdf.Pdf, page: pikepdf.Page, fonts: dict[tuple[int, int], Font], rewrite: Rewrite
) -> None:
    resources = page.Resources.get("/Font", {})
    ops = pikepdf.parse_content_stream(page)
    font: Font | None = None
    out = []
    for operands, op in ops:
        name = str(op)
        if name == "Tf":
            font = fonts.get(resources[operands[0]].objgen) if operands[0] in resources else None
        elif name in ("Tj", "TJ") and font is not None:
            operands = _rewrite_show(operands, name, font, rewrite)
            op = pikepdf.Operator("TJ") if isinstance(operands[0], pikepdf.Array) else op
        out.append(pikepdf.ContentStreamInstruction(operands, op))
    page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _rewrite_show(operands: list, name: str, font: Font, rewrite: Rewrite) -> list:  # type: ignore[type-arg]
    """Rewrite one Tj/TJ. Each change must fall inside one string of a TJ array, so the
    kerning numbers between the strings (which place Thai marks) stay where they were."""
    parts = list(operands[0]) if name == "TJ" else [operands[0]]
    glyphs: list[tuple[int, int]] = []  # (part index, byte) of every glyph shown
    for index, part in enumerate(parts):
        if isinstance(part, pikepdf.String):
            glyphs.extend((index, b) for b in bytes(part))
    text = "".join(font.to_unicode.get(b, "\ufffd") for _, b in glyphs)
    new = rewrite(text, font)
    if new == text:
        return operands
    edited = _apply_edits(glyphs, text, new, font)
    if edited is None:
        return operands
    strings: dict[int, bytearray] = {i: bytearray() for i, p in enumerate(parts)}
    for index, byte in edited:
        strings[index].append(byte)
    rebuilt = [
        pikepdf.String(bytes(strings[i])) if isinstance(p, pikepdf.String) else p
        for i, p in enumerate(parts)
    ]
    return [pikepdf.Array(rebuilt)] if name == "TJ" else [rebuilt[0]]


def _apply_edits(
    glyphs: list[tuple[int, int]], text: str, new: str, font: Font
) -> list[tuple[int, int]] | None:
    out: list[tuple[int, int]] = []
    matcher = difflib.SequenceMatcher(a=text, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(glyphs[i1:i2])
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:  # same length: glyph by glyph
            out.extend((glyphs[i][0], font.from_unicode[new[j]]) for i, j in
                       zip(range(i1, i2), range(j1, j2), strict=True))  # fmt: skip
            continue
        touched = {glyphs[i][0] for i in range(i1, i2)} or {glyphs[max(i1 - 1, 0)][0]}
        if len(touched) != 1:
            return None  # the change straddles a kerning number: leave this op alone
        part = touched.pop()
        out.extend((part, font.from_unicode[c]) for c in new[j1:j2])
    return out


def make_document(sample: Path, out: Path, rng: random.Random) -> dict[str, object]:
    with pikepdf.open(sample) as pdf:
        fonts = read_fonts(pdf)
        rewrite, chosen = make_rewrite(rng, list(fonts.values()))
        for page in pdf.pages:
            rewrite_page(pdf, page, fonts, rewrite)
        pdf.docinfo["/Title"] = f"KM action plan {chosen['province']} {chosen['year']}"
        pdf.save(out, compress_streams=True, deterministic_id=True)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many documents")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=2566)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(1, args.n + 1):
        out = args.outdir / f"km-plan-{i:05d}.pdf"
        chosen = make_document(args.sample, out, rng)
        if i <= 3 or i == args.n:
            print(f"{out.name}: {chosen}")
    print(f"wrote {args.n} documents to {args.outdir}")


if __name__ == "__main__":
    main()
