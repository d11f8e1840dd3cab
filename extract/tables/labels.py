"""Find the labelled plan-header fields (ชื่อหน่วยงาน : ..., เป้าหมาย KM : ...) in text.

Labels are matched by similarity, so a typo'd label still counts, and several labels on
one line (a goal followed by its deliverable) are split apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract import vocab

LABEL_CUTOFF = 80.0
# Without a colon only a near-exact label counts: plain prose starts with such words too.
_LEADING_CUTOFF = 92.0
_TITLE_CUTOFF = 80.0
# A title line is short (squashed characters); a longer line is a sentence.
_LONGEST_TITLE = 120
# How plan titles begin, squashed (no spaces).
_TITLE_WORDS = ("แผนการจัดการความรู้", "แผนการจัดการองค์ความรู้")
# ":" or the full-width colon some Thai fonts and IMEs produce.
_COLON = re.compile(r"\s*[:\uff1a]\s*")
# An English gloss printed between a Thai label and its colon:
# หน่วยที่วัดผลได้เป็นรูปธรรม (Measurable Unit) : ...
_GLOSS = re.compile(r"\s*\(\s*[A-Za-z][A-Za-z\s&/.,-]*\)\s*$")
# A dash printed where the colon belongs: ชื่อหน่วยงาน – เทศบาล...
_LEADING_DASH = re.compile(r"^[\s\-\u2010-\u2015\u2212]+")


@dataclass(frozen=True)
class LabelledValue:
    key: str  # unit | km_goal | deliverable
    value: str


def _label_before(text: str, end: int) -> tuple[str, int] | None:
    """The label key ending at `end` and where it starts, trying every start point."""
    labels = vocab.load("plan_labels")
    longest = max(len(form) for forms in labels.values() for form in forms) + 6
    best: tuple[float, str, int] | None = None
    # Any start point: a label that opens a new paragraph of a merged cell is glued to
    # the previous paragraph's last word (อบจ.ตากหน่วยที่รับผิดชอบ).
    for start in range(max(0, end - longest), end):
        found = vocab.best_match(text[start:end], labels, LABEL_CUTOFF)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, found.key, start)
    return None if best is None else (best[1], best[2])


def split_labels(text: str) -> list[LabelledValue]:
    """Every `label : value` in `text`, in order; [] when no known label precedes a colon."""
    marks: list[tuple[str, int, int]] = []  # key, label start, value start
    for colon in _COLON.finditer(text):
        if not marks and _is_title_head(text[: colon.start()]):
            # แผนการจัดการความรู้ (KM Action Plan) : กระบวนการ... is the plan's title; its
            # head would pass for a label (การจัดการความรู้ of เป้าหมายการจัดการความรู้).
            continue
        # The Thai label in front of a gloss first: the gloss may itself resemble a label
        # (KM Goal), and the label's start is where the previous value ends.
        gloss = _GLOSS.search(text, 0, colon.start())
        found = _label_before(text, gloss.start()) if gloss is not None else None
        if found is None:
            found = _label_before(text, colon.start())
        if found is not None:
            marks.append((found[0], found[1], colon.end()))
    if not marks:
        return _leading_label(text)
    values = []
    for i, (key, _, value_start) in enumerate(marks):
        value_end = marks[i + 1][1] if i + 1 < len(marks) else len(text)
        value = text[value_start:value_end].strip().strip("*").strip()
        values.append(LabelledValue(key=key, value=value))
    return values


def _is_title_head(text: str) -> bool:
    """Whether `text` (what precedes a colon) is the head of a plan title."""
    squashed = vocab.squash(text)
    return "kmactionplan" in squashed.lower() or squashed.startswith(_TITLE_WORDS)


@cache
def title_forms() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The KM plan titles (extract/vocab/km_plan_titles.json), squashed: the Thai ones,
    which open a title line, and the English ones (lower-cased), which may stand anywhere
    in it."""
    forms = vocab.load("km_plan_titles")["titles"]
    thai = tuple(vocab.squash(f) for f in forms if not f.isascii())
    english = tuple(vocab.squash(f).lower() for f in forms if f.isascii())
    return thai, english


def is_plan_title(text: str) -> bool:
    """The line above a plan: แผนการจัดการความรู้ (KM Action Plan) ..., แผนปฏิบัติการจัดการ
    ความรู้ ..., KM Plan ..."""
    squashed = vocab.squash(text)
    lowered = squashed.lower()
    if "kmactionplan" in lowered:
        return True
    if len(squashed) >= _LONGEST_TITLE:
        return False
    thai, english = title_forms()
    if any(form in lowered for form in english):
        return True
    return any(
        vocab.best_match(squashed[: len(form)], {"title": [form]}, _TITLE_CUTOFF) is not None
        for form in thai
    )


def _leading_label(text: str) -> list[LabelledValue]:
    """A label printed without its colon: ชื่อหน่วยงาน องค์การบริหารส่วนตำบล... (strict match)."""
    words = text.split()
    for count in (1, 2):
        if len(words) <= count:
            break
        head = " ".join(words[:count])
        found = vocab.best_match(head, vocab.load("plan_labels"), _LEADING_CUTOFF)
        # A bare common word (หน่วยงาน) opens ordinary sentences: it needs its colon.
        if found is not None and len(found.form) >= 10:
            value = _LEADING_DASH.sub("", " ".join(words[count:]))
            return [LabelledValue(key=found.key, value=value)]
    return []
