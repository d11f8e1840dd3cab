"""Parse the seed text of the Tak PAO KM action plan 2566 into printable parts.

The seed (``../shared/seed/tak-pao-km-plan-2566.txt`` beside the checkout, override with
the ``KMPLAN_SEED`` environment variable) is the text extracted from the real
announcement. This module turns it into the pieces the sample builder prints and the
truth writer reads: the covering memo, the announcement, a selection of Part 1, and
the nine department plans of Part 2 with their table chunks exactly as the seed
breaks them (a repeated column-header line means a new page).

Only converter artifacts are removed: the HTML fragments (``<ul style=...>``,
``</ul>``, ``<p>``, ``</p>``) and the markdown ``**``. Whitespace is collapsed to
single spaces. Every printed typo is kept.

Pure Python, no PDF libraries.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .common import SHARED

DEFAULT_SEED = SHARED / "seed" / "tak-pao-km-plan-2566.txt"

PLAN_TITLE = "แผนการจัดการความรู้ (KM Action Plan) : กระบวนการจัดการความรู้ (KM Process)"
UNIT_LABEL = "ชื่อหน่วยงาน"
GOAL_LABEL = "เป้าหมาย KM"
DELIVERABLE_LABELS = ("หน่วยที่วัดผลได้เป็นรูปธรรม", "หน่วยที่รับผิดชอบ")
N_COLUMNS = 8

_ARTIFACT = re.compile(r"<ul[^>]*>|</ul>|</?p>|\*\*")
_SPACE = re.compile(r"\s+")
_ROW = re.compile(r"^\d+\t")
_REF_LINE = re.compile(r"^ที่\s+(\S+)\s+([๐-๙]+)\s+([๐-๙]+)\s+วันที่\s+(.+)$")


def clean(text: str) -> str:
    """Drop converter artifacts, collapse whitespace, trim. Typos stay."""
    return _SPACE.sub(" ", _ARTIFACT.sub(" ", text)).strip()


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank seed lines (cleaned), with the 1-based number of the first."""

    lineno: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Memo:
    """บันทึกข้อความ, the covering memo (page 1)."""

    title: str
    agency: str  # "ส่วนราชการ ..."
    ref_org: str  # "ตก"
    ref_numbers: tuple[str, str]  # ("๕๑๐๐๘", "๙๗๒๖"): the seed lost the slash between them
    date_text: str  # "๑๑ ตุลาคม ๒๕๖๖"
    subject: tuple[str, ...]  # "เรื่อง ..." and its continuation line
    addressees: tuple[str, ...]  # "เรียน ..." and its continuation line
    body: tuple[str, ...]
    closing: str  # "จึงเรียนมาเพื่อทราบ"
    signer_name: str  # "(นาย...)"
    signer_title: str

    @property
    def reference_no(self) -> str:
        """As printed in the PDF, Thai digits: "ตก ๕๑๐๐๘/๙๗๒๖"."""
        return f"{self.ref_org} {self.ref_numbers[0]}/{self.ref_numbers[1]}"


@dataclass(frozen=True)
class Announcement:
    """ประกาศองค์การบริหารส่วนจังหวัดตาก (page 2)."""

    heading: str
    subject: str
    year_line: str
    body: tuple[str, ...]
    closing: str  # "จึงประกาศให้ทราบโดยทั่วกัน"
    dated: str  # "ประกาศ ณ วันที่ ..."
    signer_name: str
    signer_title: str


@dataclass(frozen=True)
class Section:
    """A Part 1 heading and its paragraphs (list items are one paragraph each)."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class HeaderLine:
    """One of the three lines above a plan table, split at its printed label."""

    label: str
    value: str

    @property
    def text(self) -> str:
        return f"{self.label} : {self.value}"


@dataclass(frozen=True)
class PlanRow:
    """One numbered table row: 8 cleaned cells, in printed column order."""

    cells: tuple[str, ...]

    @property
    def seq(self) -> int:
        return int(self.cells[0])

    @property
    def activity(self) -> str:
        return self.cells[1]

    @property
    def method(self) -> str:
        return self.cells[2]

    @property
    def period(self) -> str:
        return self.cells[3]

    @property
    def indicator(self) -> str:
        return self.cells[4]

    @property
    def target(self) -> str:
        return self.cells[5]

    @property
    def responsible(self) -> str:
        return self.cells[6]

    @property
    def note(self) -> str:
        return self.cells[7]


@dataclass(frozen=True)
class Chunk:
    """The part of a plan table printed on one page, under its own column-header row."""

    header: tuple[str, ...]  # the 8 printed header cells (variants and typos kept)
    rows: tuple[PlanRow, ...]


@dataclass(frozen=True)
class Plan:
    """One department's KM Action Plan (Part 2)."""

    number: int  # 1-based, document order
    title: str
    unit: HeaderLine  # ชื่อหน่วยงาน : ...
    goal: HeaderLine  # เป้าหมาย KM : ...
    deliverable: HeaderLine  # หน่วยที่วัดผลได้เป็นรูปธรรม / หน่วยที่รับผิดชอบ : ...
    chunks: tuple[Chunk, ...]
    header_in_table: bool  # True: the header lines are a merged row inside the table

    @property
    def rows(self) -> tuple[PlanRow, ...]:
        return tuple(row for chunk in self.chunks for row in chunk.rows)

    @property
    def header_lines(self) -> tuple[HeaderLine, HeaderLine, HeaderLine]:
        return (self.unit, self.goal, self.deliverable)


@dataclass(frozen=True)
class Seed:
    memo: Memo
    announcement: Announcement
    cover: tuple[str, ...]  # title page of the KM handbook
    preface: Section  # คำนำ
    part1: tuple[Section, ...]  # numbered sections 1-16 of Part 1
    plans: tuple[Plan, ...]


# ------------------------------------------------------------------------ reading


def seed_path() -> Path:
    return Path(os.environ.get("KMPLAN_SEED", str(DEFAULT_SEED)))


def read_lines(path: Path | None = None) -> list[str]:
    return (path or seed_path()).read_text(encoding="utf-8").split("\n")


def blocks(lines: Sequence[str], start: int = 0, stop: int | None = None) -> list[Block]:
    """Group non-blank lines of ``lines[start:stop]`` into blank-separated blocks."""
    out: list[Block] = []
    current: list[str] = []
    first = 0
    for index in range(start, len(lines) if stop is None else stop):
        text = clean(lines[index])
        if text:
            if not current:
                first = index + 1
            current.append(text)
        elif current:
            out.append(Block(first, tuple(current)))
            current = []
    if current:
        out.append(Block(first, tuple(current)))
    return out


def find_line(lines: Sequence[str], text: str, start: int = 0) -> int:
    """0-based index of the first line at or after ``start`` whose cleaned text is ``text``."""
    for index in range(start, len(lines)):
        if clean(lines[index]) == text:
            return index
    raise ValueError(f"seed has no line {text!r} after line {start + 1}")


# ---------------------------------------------------------------- memo and notice


def parse_memo(lines: Sequence[str]) -> Memo:
    start = find_line(lines, "บันทึกข้อความ")
    stop = find_line(lines, "ประกาศองค์การบริหารส่วนจังหวัดตาก", start)
    title, agency, ref, subject, to, *body, closing, signer = blocks(lines, start, stop)
    match = _REF_LINE.match(ref.text)
    if match is None:
        raise ValueError(f"memo reference line not understood: {ref.text!r}")
    org, first, second, date_text = match.groups()
    return Memo(
        title=title.text,
        agency=agency.text,
        ref_org=org,
        ref_numbers=(first, second),
        date_text=date_text,
        subject=subject.lines,
        addressees=to.lines,
        body=tuple(block.text for block in body),
        closing=closing.text,
        signer_name=signer.lines[0],
        signer_title=signer.lines[1],
    )


def parse_announcement(lines: Sequence[str]) -> Announcement:
    start = find_line(lines, "ประกาศองค์การบริหารส่วนจังหวัดตาก")
    stop = find_line(lines, "แผนการจัดการความรู้ในองค์กร", start)
    head, *body, closing, dated, signer = blocks(lines, start, stop)
    heading, subject, year_line = head.lines
    return Announcement(
        heading=heading,
        subject=subject,
        year_line=year_line,
        body=tuple(block.text for block in body),
        closing=closing.text,
        dated=dated.text,
        signer_name=signer.lines[0],
        signer_title=signer.lines[1],
    )


# ------------------------------------------------------------------------ part 1


def parse_cover(lines: Sequence[str]) -> tuple[str, ...]:
    start = find_line(lines, "แผนการจัดการความรู้ในองค์กร")
    stop = find_line(lines, "คำนำ", start)
    return tuple(line for block in blocks(lines, start, stop) for line in block.lines)


def parse_preface(lines: Sequence[str]) -> Section:
    start = find_line(lines, "คำนำ")
    stop = find_line(lines, "สารบัญ", start)
    heading, *rest = blocks(lines, start, stop)
    paragraphs = [block.text for block in rest[:-1]]
    paragraphs.extend(rest[-1].lines)  # the signing unit: two short lines
    return Section(heading.text, tuple(paragraphs))


_SECTION_HEADING = re.compile(r"^(\d{1,2})\. \S")


def parse_part1(lines: Sequence[str]) -> tuple[Section, ...]:
    """Numbered sections 1-16 of Part 1 (after the table of contents)."""
    contents = find_line(lines, "สารบัญ")
    start = find_line(lines, "ส่วนที่ 1", find_line(lines, "ส่วนที่ 2", contents))
    stop = find_line(lines, PLAN_TITLE, start)
    sections: list[Section] = []
    expected = 1
    heading: str | None = None
    paragraphs: list[str] = []
    for block in blocks(lines, start + 1, stop):
        for line in block.lines:
            match = _SECTION_HEADING.match(line)
            if match and int(match.group(1)) == expected:
                if heading is not None:
                    sections.append(Section(heading, tuple(paragraphs)))
                heading, paragraphs, expected = line, [], expected + 1
            elif heading is not None:
                paragraphs.append(line)
    if heading is not None:
        sections.append(Section(heading, tuple(paragraphs)))
    return tuple(sections)


def part1_section(seed: Seed, number: int) -> Section:
    for section in seed.part1:
        if section.heading.startswith(f"{number}. "):
            return section
    raise KeyError(number)


# ------------------------------------------------------------------------ part 2


def plan_starts(lines: Sequence[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if clean(line) == PLAN_TITLE]


def parse_plans(lines: Sequence[str]) -> tuple[Plan, ...]:
    starts = plan_starts(lines)
    ends = [*starts[1:], len(lines)]
    return tuple(
        _parse_plan(number, lines[start:end])
        for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1)
    )


def _parse_plan(number: int, lines: Sequence[str]) -> Plan:
    header_texts: list[str] = []
    chunks: list[Chunk] = []
    header_in_table = False
    for raw in lines[1:]:
        if not raw.strip():
            continue
        if raw.startswith("ลำดับ\t"):
            chunks.append(Chunk(_cells(raw), ()))
        elif _ROW.match(raw):
            last = chunks[-1]
            chunks[-1] = Chunk(last.header, (*last.rows, PlanRow(_cells(raw))))
        elif chunks:  # header lines printed as a merged row inside the table (plan 7)
            header_texts.append(raw.split("\t")[0])
            header_in_table = True
        else:
            header_texts.append(raw)
    unit, goal, deliverable = _header_lines(header_texts)
    return Plan(
        number=number,
        title=clean(lines[0]),
        unit=unit,
        goal=goal,
        deliverable=deliverable,
        chunks=tuple(chunks),
        header_in_table=header_in_table,
    )


def _cells(line: str) -> tuple[str, ...]:
    cells = tuple(clean(cell) for cell in line.split("\t"))
    if len(cells) != N_COLUMNS:
        raise ValueError(f"expected {N_COLUMNS} cells, got {len(cells)}: {line[:60]!r}")
    return cells


def _header_lines(texts: Sequence[str]) -> tuple[HeaderLine, HeaderLine, HeaderLine]:
    """Split the printed header text into its three labelled lines.

    Plan 1 prints the deliverable on the same seed line as the goal; splitting at the
    labels (not at seed lines) separates them.
    """
    joined = clean(" ".join(texts))
    labels = (UNIT_LABEL, GOAL_LABEL, *DELIVERABLE_LABELS)
    pattern = re.compile("(" + "|".join(re.escape(label) for label in labels) + r") :")
    found = list(pattern.finditer(joined))
    parts: dict[str, HeaderLine] = {}
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following else len(joined)
        label = match.group(1)
        key = "deliverable" if label in DELIVERABLE_LABELS else label
        parts[key] = HeaderLine(label, joined[match.end() : end].strip())
    return parts[UNIT_LABEL], parts[GOAL_LABEL], parts["deliverable"]


# ------------------------------------------------------------------------- entry


@cache
def load(path: Path | None = None) -> Seed:
    lines = read_lines(path)
    return Seed(
        memo=parse_memo(lines),
        announcement=parse_announcement(lines),
        cover=parse_cover(lines),
        preface=parse_preface(lines),
        part1=parse_part1(lines),
        plans=parse_plans(lines),
    )


def main() -> None:
    seed = load()
    print(f"memo: {seed.memo.reference_no} {seed.memo.date_text}")
    print(f"announcement: {seed.announcement.heading} / {seed.announcement.dated}")
    print(f"part 1: {len(seed.part1)} sections")
    for plan in seed.plans:
        sizes = [len(chunk.rows) for chunk in plan.chunks]
        print(f"plan {plan.number}: {plan.unit.value} chunks={sizes}")


if __name__ == "__main__":
    main()
