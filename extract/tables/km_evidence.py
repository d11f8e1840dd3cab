"""Whether a document whose tables were read as plans is a KM plan at all.

A plan table's columns (กิจกรรม | ระยะเวลา | งบประมาณ | ผู้รับผิดชอบ) are those of many
plans: a faculty's quality-improvement plan or an agency's procurement plan prints them
too. A document is a KM plan when any of these says so:
- a line outside the tables (a title, a cover page, a running header, a memo's prose) or a
  table's title or header row holds a KM plan title (km_plan_titles.json) or the words of
  KM (km_evidence.json "km_words": การจัดการความรู้, KM, Knowledge Management), as a plan
  header's เป้าหมาย KM line does (a bare เป้าหมาย : also reads as the KM goal's label, so
  the label read is no evidence, its words are);
- a header cell only the KM templates print (km_evidence.json "km_headers":
  วิธีการสู่ความสำเร็จ, องค์ความรู้, Tacit Knowledge);
- rows whose cells open with the names of two different KM steps, or of two different
  Change Management elements (steps.json, elements.json): one such name may be chance
  (การเรียนรู้, การสื่อสาร open ordinary sentences), two are a plan's.

A document with none of them is refused (FailureReason.NOT_KM_PLAN), naming the other
kind of plan its title calls it where one does (km_evidence.json "other_plans"). Text is
compared as plan_cues.skeleton (no spaces, no Thai marks, sara am as sara aa, private-use
glyph codes mapped back), so a title whose text layer misplaced its marks or lost a sara
am (แผนการจดัการความรู้, ประจ าปี) still counts. Words in body cells are no evidence: a
quality plan's row may well be to "draw up a KM plan" (จัดทำแผนการจัดการความรู้).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from extract import vocab
from extract.models import RawPlan
from extract.tables.plan_cues import skeleton
from extract.vocab.codes import FailureReason

# Bullets and numbering in front of a step's name: "- ", "1.", "2)", "(3)", "ขั้นตอนที่ 3".
_LEADING_MARKERS = re.compile(
    r"^(?:[-\u2010-\u2015\u2022\u25cf\u25aa*>\s]+|\d+\s*[.)]\s*|\(\s*\d+\s*\)\s*"
    r"|ขั้น(?:ตอน)?ที่\s*\d+\s*[.:)]?\s*)+"
)
# A cell opens with a step's name when its head (a few letters either way, for typos) is
# this close to one of the name's forms.
_STEP_CUTOFF = 85.0
_STEP_SLACK = 2
# Different names of one vocabulary a document's rows must open with.
_NAMES_NEEDED = 2
# The longest title quoted in the refusal (characters).
_TITLE_SHOWN = 50
# A line shorter than this (letters) is a page number or a stray mark, not a first line.
_SHORTEST_LINE = 4


@dataclass(frozen=True)
class _Forms:
    thai: tuple[str, ...]  # skeletons, looked for anywhere in a text's skeleton
    latin: re.Pattern[str] | None  # whole words; all-capital forms (KM) by their case


def _forms(printed: Iterable[str]) -> _Forms:
    printed = list(printed)
    thai = tuple(sorted({skeleton(f) for f in printed if not f.isascii()}))
    words = [(r"\s*".join(map(re.escape, f.split())), f.isupper()) for f in printed if f.isascii()]
    if not words:
        return _Forms(thai, None)
    parts = [w if upper else f"(?i:{w})" for w, upper in words]
    return _Forms(thai, re.compile(rf"(?<![A-Za-z])(?:{'|'.join(parts)})(?![A-Za-z])"))


def _found(forms: _Forms, text: str) -> bool:
    if forms.latin is not None and forms.latin.search(text):
        return True
    squashed = skeleton(text)
    return any(form in squashed for form in forms.thai)


@cache
def _km_words() -> _Forms:
    evidence = vocab.load("km_evidence")
    return _forms([*vocab.load("km_plan_titles")["titles"], *evidence["km_words"]])


@cache
def _km_headers() -> _Forms:
    return _forms(vocab.load("km_evidence")["km_headers"])


@cache
def _other_plans() -> tuple[str, ...]:
    return tuple(skeleton(f) for f in vocab.load("km_evidence")["other_plans"])


@cache
def _row_names(vocabulary: str) -> dict[int, tuple[list[str], list[str]]]:
    """For each length of a cell's head, the skeletons of the canonical row names of
    `vocabulary` (steps, elements) within a few letters of it, and their keys."""
    by_length: dict[int, tuple[list[str], list[str]]] = {}
    for key, printed in vocab.load(vocabulary).items():
        for form in {skeleton(f) for f in printed}:
            for n in range(max(1, len(form) - _STEP_SLACK), len(form) + _STEP_SLACK + 1):
                forms, keys = by_length.setdefault(n, ([], []))
                forms.append(form)
                keys.append(key)
    return by_length


def says_km(text: str) -> bool:
    """A KM plan title or the words of KM are in `text` (a line or a header cell)."""
    return _found(_km_words(), text)


def km_header(text: str) -> bool:
    """`text` is a header cell that says KM, or one only the KM templates print."""
    return says_km(text) or _found(_km_headers(), text)


def row_name(text: str, vocabulary: str) -> str | None:
    """The key of the canonical row name (steps, elements) that `text` opens with."""
    head = skeleton(_LEADING_MARKERS.sub("", text))
    if not head:
        return None
    for n, (forms, keys) in _row_names(vocabulary).items():
        found = process.extractOne(head[:n], forms, scorer=fuzz.ratio, score_cutoff=_STEP_CUTOFF)
        if found is not None:
            return keys[found[2]]
    return None


def rows_name_km(plans: Sequence[RawPlan]) -> bool:
    """Rows open with two different KM steps, or two different elements."""
    for vocabulary in ("steps", "elements"):
        named: set[str] = set()
        for plan in plans:
            for row in plan.rows:
                texts = [cell.text for cell in row.cells.values()] + list(row.extra.values())
                named.update(key for t in texts if (key := row_name(t, vocabulary)))
                if len(named) >= _NAMES_NEEDED:
                    return True
    return False


def plans_say_km(plans: Sequence[RawPlan]) -> bool:
    """The plans' titles, headers, header lines or rows say they are KM plans."""
    for plan in plans:
        if plan.title is not None and says_km(plan.title):
            return True
        if plan.own_columns:  # read only in a document that called itself a KM plan
            return True
        if any(km_header(match.printed) for match in plan.columns):
            return True
    return rows_name_km(plans)


@dataclass
class KmEvidence:
    """What the lines and header rows read so far say about the document being a KM plan;
    fed in page order, then `refusal(plans)` decides."""

    said: bool = False
    other_title: str | None = None  # the first line naming another kind of plan
    first_line: str | None = None
    # The line before: a cover's title in large type wraps (แผนปฏิบัติการ / จัดการความรู้).
    _previous: str = field(default="", repr=False)

    def line(self, text: str) -> None:
        """A line outside the tables (title, cover, running header, memo prose)."""
        if self.said:
            return
        if says_km(f"{self._previous} {text}"):
            self.said = True
            return
        self._previous = text
        if self.other_title is None and skeleton(text).startswith(_other_plans()):
            self.other_title = text.strip()
        if self.first_line is None and sum(ch.isalpha() for ch in text) >= _SHORTEST_LINE:
            self.first_line = text.strip()

    def header_cells(self, texts: Iterable[str]) -> None:
        """The cells of a table's title or header row."""
        if not self.said:
            self.said = any(km_header(text) for text in texts)

    def refusal(self, plans: Sequence[RawPlan]) -> str | None:
        """Why the document is no KM plan, or None when anything says it is one."""
        if self.said or plans_say_km(plans):
            return None
        return not_km_reason(self.other_title, self.first_line)


def not_km_reason(other_title: str | None, first_line: str | None) -> str:
    """The one-line refusal, quoting the title (or else the first line) the document prints."""
    shown = other_title or first_line
    if shown is None:
        seen = ""
    else:
        quoted = shown if len(shown) <= _TITLE_SHOWN else shown[: _TITLE_SHOWN - 1] + "…"
        seen = f" (its {'title' if other_title else 'first line'}: '{quoted}')"
    return FailureReason.NOT_KM_PLAN.say(seen=seen)
