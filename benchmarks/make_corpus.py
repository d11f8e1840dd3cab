"""Build a corpus of N distinct KM action plans from the samples, for benchmarks.

    .venv/bin/python -m benchmarks.make_corpus N OUTDIR [--seed S] [--bases B] [--cache DIR]

(run from the repository root: the sample builders are the package samples.build)

Two stages, because a LibreOffice render costs seconds and a pikepdf rewrite a fraction of one:

1. **Bases** (default min(N, 8)) are re-rendered by the sample builder
   (samples/build/build_samples.py: python-docx, then LibreOffice, then its layout check)
   from the seed, with the ชื่อหน่วยงาน
   line of every plan naming another department, drawn from DEPARTMENTS. Department names
   are rendered, never patched into a finished PDF: a Thai name is many text operators
   (LibreOffice places each vowel and tone mark with its own offset) in a font subset that
   holds only the glyphs the sample used, so editing them in place garbled extraction.
   Bases are cached by content (seed, builder sources, names) in --cache.
2. **Documents**: each is a base with its text rewritten in the content streams (pikepdf):
   the fiscal year (and the years in the periods and dates) moves, the province in the
   organization's name changes, and the reference number and the announcement day get new
   digits. These edits only swap glyphs inside one string of a TJ array, using glyphs the
   base's font subsets hold and no wider than the text they replace, so every document
   renders and extracts like its base.

Documents i and i + B share a base (same departments) but differ in year, province,
reference or day, so every document has its own sha256 and its own content.

OUTDIR/manifest.jsonl records what went into each document, one JSON object a line: file,
sha256, base, organization, fiscal_year, announced_on, reference_no and departments (in plan
order, as printed in the parentheses of ชื่อหน่วยงาน).
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import hashlib
import io
import json
import os
import random
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pikepdf
from pdfminer.cmapdb import CMapParser, FileUnicodeMap

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.jsonl"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)  # fmt: skip
SEED_YEAR = 2566
SEED_PROVINCE = "ตาก"
ORGANIZATION = "องค์การบริหารส่วนจังหวัด"
PROVINCES = [
    "ตาก", "ตรัง", "ระนอง", "ยะลา", "สตูล", "ชุมพร", "ลพบุรี", "สระบุรี", "ราชบุรี", "ชัยนาท",
    "นครนายก", "ปทุมธานี", "ตราด", "ชลบุรี", "ระยอง", "กระบี่", "พังงา", "นราธิวาส", "สุรินทร์",
    "ยโสธร", "เลย", "บุรีรัมย์", "อุดรธานี", "สกลนคร", "นครพนม", "พิจิตร", "สุโขทัย", "อุทัยธานี",
]  # fmt: skip
# Departments of Thai local governments (PAO, municipalities, SAO). Each fits the
# ชื่อหน่วยงาน line on one line, as the sample's longest does, so the layout holds.
DEPARTMENTS = [
    "สำนักปลัด", "สำนักปลัดองค์การบริหารส่วนจังหวัด", "สำนักงานเลขานุการองค์การบริหารส่วนจังหวัด",
    "กองช่าง", "กองคลัง", "กองการศึกษา ศาสนาและวัฒนธรรม", "กองสาธารณสุขและสิ่งแวดล้อม",
    "กองสาธารณสุข", "กองยุทธศาสตร์และงบประมาณ", "กองแผนและงบประมาณ", "กองการเจ้าหน้าที่",
    "กองพัสดุและทรัพย์สิน", "กองสวัสดิการสังคม", "กองส่งเสริมการเกษตร", "กองพัฒนาชุมชน",
    "กองป้องกันและบรรเทาสาธารณภัย", "กองกิจการสภาองค์การบริหารส่วนจังหวัด",
    "กองส่งเสริมคุณภาพชีวิต", "กองการท่องเที่ยวและกีฬา", "กองทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "กองวิชาการและแผนงาน", "กองการแพทย์", "กองกฎหมายและคดี", "กองการพาณิชย์",
    "หน่วยตรวจสอบภายใน", "สำนักงานส่งเสริมวิสาหกิจ", "สถานธนานุบาล", "กองเทศกิจ",
]  # fmt: skip
YEAR_SHIFTS = [0, -1, -4, -10, -11, -14, 1, 2]  # those every font can print are drawn from
DEFAULT_BASES = 8

_YEAR4 = re.compile(r"(?<![0-9๐-๙])([2๒][5๕][0-9๐-๙]{2})(?![0-9๐-๙])")
_YEAR2 = re.compile(r"(?<=\.)(\s?)([0-9๐-๙]{2})(?![0-9๐-๙])")
_REFERENCE = re.compile(r"(?<=ตก )([0-9๐-๙]{3,5})(?![0-9๐-๙])")
_DAY = re.compile(r"(?<=วันที่ )([๐-๙]{1,2})(?= )")


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kmplan" / "corpus-bases"


# ------------------------------------------------------------------ stage 1: bases


def _samples() -> tuple[Any, Any]:
    """The sample builder and the seed reader (imported when a base is rendered: they need
    python-docx, which the benchmarks' other users do not)."""
    from samples.build import build_samples, seed_source

    return build_samples, seed_source


def _builder_sources() -> list[Path]:
    """The files whose change changes a rendered base: the builder and what it imports."""
    from samples.build import build_samples, checks, common, docx_kit, render, seed_source

    return [
        Path(m.__file__ or "")
        for m in (build_samples, seed_source, docx_kit, render, checks, common)
    ]


def draw_departments(rng: random.Random, plans: int) -> tuple[str, ...]:
    return tuple(rng.sample(DEPARTMENTS, plans))


def _rename(unit: str, department: str) -> str:
    """The ชื่อหน่วยงาน value with another department in its parentheses; a closing
    parenthesis the sample lost (plan 5) stays lost."""
    opening = unit.index("(")
    return f"{unit[: opening + 1]}{department}{')' if unit.rstrip().endswith(')') else ''}"


def base_seed(seed: Any, departments: Sequence[str]) -> Any:
    if len(departments) != len(seed.plans):
        raise ValueError(f"{len(seed.plans)} plans need as many departments")
    plans = tuple(
        dataclasses.replace(
            plan, unit=dataclasses.replace(plan.unit, value=_rename(plan.unit.value, name))
        )
        for plan, name in zip(seed.plans, departments, strict=True)
    )
    return dataclasses.replace(seed, plans=plans)


def _cache_key(departments: Sequence[str], seed_file: Path) -> str:
    digest = hashlib.sha256(json.dumps(list(departments), ensure_ascii=False).encode())
    for source in (seed_file, *_builder_sources()):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:20]


def render_base(departments: Sequence[str], cache: Path) -> Path:
    """The seed's announcement re-rendered with these departments (cached)."""
    bs, seed_source = _samples()
    key = _cache_key(departments, seed_source.seed_path())
    out = cache / f"base-{key}.pdf"
    if out.exists():
        return out
    if not bs.SIGNATURE_PATH.exists():
        raise SystemExit(
            f"{bs.SIGNATURE_PATH} is missing: run python -m samples.build.build_samples first"
        )
    seed = base_seed(seed_source.load(), departments)
    failures: list[str] = []
    for style in bs.ATTEMPTS:  # the builder's own fallbacks when a table overflows its page
        with tempfile.TemporaryDirectory(prefix="kmplan-corpus-") as tmp:
            pdf, problems = bs.build(seed, style, Path(tmp))
            if not problems:
                cache.mkdir(parents=True, exist_ok=True)
                partial = out.with_suffix(".part")
                shutil.copyfile(pdf, partial)
                partial.replace(out)  # a killed build leaves no half-written base behind
                return out
        failures.append(f"{style}: {'; '.join(problems[:4])}")
    raise SystemExit(f"no layout fits departments {list(departments)}:\n" + "\n".join(failures))


# -------------------------------------------------------------- stage 2: documents


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


def _arabic(text: str) -> str:
    return "".join(str(THAI_DIGITS.index(c)) if c in THAI_DIGITS else c for c in text)


@dataclass(frozen=True)
class Variation:
    """What one document changes in its base."""

    shift: int  # fiscal years added
    province: str
    day: int  # of the memo and the announcement
    reference: str  # Arabic digits of the reference's first number


Rewrite = Callable[[str, Font], str]


def draw_variation(rng: random.Random, fonts: list[Font]) -> Variation:
    """Years and provinces only those every font of the base can print (the province also
    no wider than the sample's): a change that one font could not make would leave two
    versions in print. Digits from any font; where one is missing the text stays as it was,
    and `Rewriter.applied` says so."""
    printable_shifts = [
        s
        for s in YEAR_SHIFTS
        if all(f.can_print(_same_script("๒", str(SEED_YEAR + s))) for f in fonts)
    ]
    printable = [p for p in PROVINCES if all(f.fits(p, SEED_PROVINCE) for f in fonts)]
    return Variation(
        shift=rng.choice(printable_shifts or [0]),
        province=rng.choice(printable or [SEED_PROVINCE]),
        day=rng.randint(1, 28),
        reference="".join(rng.choice("0123456789") for _ in range(5)),
    )


class Rewriter:
    """A text -> text function for the glyphs of one text operator, which remembers the
    reference number and day it printed (a font may lack a digit: the text then stays)."""

    def __init__(self, variation: Variation) -> None:
        self.variation = variation
        self.applied: dict[str, str] = {}

    def __call__(self, text: str, font: Font) -> str:
        shift, variation = self.variation.shift, self.variation

        def year4(m: re.Match[str]) -> str:
            new = _same_script(m[1], str(int(_arabic(m[1])) + shift))
            return new if font.can_print(new) else m[1]

        def year2(m: re.Match[str]) -> str:
            new = _same_script(m[2], f"{(int(_arabic(m[2])) + shift) % 100:02d}")
            return m[1] + (new if font.can_print(new) else m[2])

        def reference(m: re.Match[str]) -> str:
            new = _same_script(m[1], variation.reference[: len(m[1])])
            if len(new) != len(m[1]) or not font.can_print(new):
                return m[1]
            self.applied["reference"] = _arabic(new)
            return new

        def day(m: re.Match[str]) -> str:
            new = _same_script("๐", str(variation.day))
            if not font.can_print(new):
                return m[1]
            self.applied.setdefault("day", str(variation.day))
            return new

        text = _YEAR4.sub(year4, text)
        text = _YEAR2.sub(year2, text)
        text = _REFERENCE.sub(reference, text)
        text = _DAY.sub(day, text)
        if font.fits(variation.province, SEED_PROVINCE):
            text = text.replace("จังหวัด" + SEED_PROVINCE, "จังหวัด" + variation.province)
        return text


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


@dataclass(frozen=True)
class Written:
    """One manifest line: what a document holds, as kmplan should read it back."""

    file: str
    sha256: str
    base: str
    organization: str
    fiscal_year: int
    announced_on: str
    reference_no: str
    departments: tuple[str, ...]


def make_document(
    base: Path, departments: Sequence[str], seed: Any, out: Path, rng: random.Random
) -> Written:
    with pikepdf.open(base) as pdf:
        fonts = read_fonts(pdf)
        variation = draw_variation(rng, list(fonts.values()))
        rewriter = Rewriter(variation)
        for page in pdf.pages:
            rewrite_page(pdf, page, fonts, rewriter)
        year = SEED_YEAR + variation.shift
        pdf.docinfo["/Title"] = f"KM action plan {variation.province} {year}"
        pdf.save(out, compress_streams=True, deterministic_id=True)
    return _written(out, base, departments, seed, rewriter)


def _written(
    out: Path, base: Path, departments: Sequence[str], seed: Any, rewriter: Rewriter
) -> Written:
    variation, memo = rewriter.variation, seed.memo
    day_text, month_text, year_text = memo.date_text.split()
    day = int(rewriter.applied.get("day", _arabic(day_text)))
    year = int(_arabic(year_text)) + variation.shift - 543
    first, second = (_arabic(n) for n in memo.ref_numbers)
    first = rewriter.applied.get("reference", first)
    return Written(
        file=out.name,
        sha256=hashlib.sha256(out.read_bytes()).hexdigest(),
        base=base.name,
        organization=ORGANIZATION + variation.province,
        fiscal_year=SEED_YEAR + variation.shift,
        announced_on=date(year, THAI_MONTHS.index(month_text) + 1, day).isoformat(),
        reference_no=f"{memo.ref_org} {first}/{second}",
        departments=tuple(departments),
    )


def build_corpus(
    n: int,
    outdir: Path,
    *,
    seed: int = SEED_YEAR,
    bases: int | None = None,
    cache: Path | None = None,
    report: Callable[[str], None] | None = None,
) -> list[Written]:
    """Write km-plan-00001.pdf ... and manifest.jsonl into `outdir`; return the manifest."""
    _, seed_source = _samples()
    seed_text = seed_source.load()
    rng = random.Random(seed)
    count = max(1, min(n, bases or DEFAULT_BASES))
    drawn = [draw_departments(rng, len(seed_text.plans)) for _ in range(count)]
    rendered = []
    for number, departments in enumerate(drawn, start=1):
        rendered.append(render_base(departments, cache or default_cache()))
        if report:
            report(f"base {number}/{count}: {rendered[-1].name}")
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(n):
        out = outdir / f"km-plan-{i + 1:05d}.pdf"
        written.append(make_document(rendered[i % count], drawn[i % count], seed_text, out, rng))
    with (outdir / MANIFEST).open("w", encoding="utf-8") as manifest:
        for line in written:
            manifest.write(json.dumps(dataclasses.asdict(line), ensure_ascii=False) + "\n")
    return written


def read_manifest(outdir: Path) -> list[Written]:
    lines = (outdir / MANIFEST).read_text(encoding="utf-8").splitlines()
    return [Written(**{**json.loads(line), "departments": tuple(json.loads(line)["departments"])})
            for line in lines if line]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many documents")
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=SEED_YEAR)
    parser.add_argument(
        "--bases", type=int, default=DEFAULT_BASES, help="LibreOffice renders (department sets)"
    )
    parser.add_argument("--cache", type=Path, default=None, help="where rendered bases are kept")
    args = parser.parse_args()
    written = build_corpus(
        args.n, args.outdir, seed=args.seed, bases=args.bases, cache=args.cache, report=print
    )
    for line in written[:3]:
        print(f"{line.file}: {line.organization} {line.fiscal_year} {list(line.departments)}")
    print(f"wrote {len(written)} documents and {MANIFEST} to {args.outdir}")


if __name__ == "__main__":
    main()
