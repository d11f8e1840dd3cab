"""กิจกรรม cells to the canonical row name of their family by what the name says: the KM
process step (1-7) of a km_process row, the element (1-6) of a change_management row.

Printed names carry glyph-mapping typos and continue with sub-bullets, and plans list
the steps out of order, so the step is read from the leading phrase of the cell by
character-level similarity to the `steps` vocabulary, never from the row's seq.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.vocab import load, squash
from normalize.text import clean_text

_CUTOFF = 70.0
# Two different steps this close are a coin toss: report none rather than guess.
_MARGIN = 5.0
# A prefix match leaves the rest of the cell unexplained, so it counts for less than
# an equally good match of the whole leading phrase.
_PREFIX_WEIGHT = 0.9
# Typos change a name's length by a few letters; prefixes are tried within this window.
_PREFIX_SLACK = 3
# The generic name of KM itself: a cell saying only this names no step, and without it
# "การจัดการความรู้ในองค์กร" would pass for step 3 (การจัดความรู้ให้เป็นระบบ).
_NOT_A_STEP = ("การจัดการความรู้", "การจัดการองค์ความรู้", "knowledge management")

_HTML_TAG = re.compile(r"<[^>]*>")
# Bullets and numbering in front of the step name: "- ", "1.", "2)", "(3)", "ขั้นตอนที่ 3".
_LEADING_MARKERS = re.compile(
    r"^(?:[-\u2010-\u2015\u2022\u25cf\u25aa*>\s]+|\d+\s*[.)]\s*|\(\s*\d+\s*\)\s*"
    r"|ขั้น(?:ตอน)?ที่\s*\d+\s*[.:)]?\s*)+"
)
# Where the step name ends: a sub-bullet, an opening parenthesis, a colon or numbering.
_NAME_END = re.compile(r"\s[-\u2010-\u2015\u2022\u25cf\u25aa*]|[(\[:]|\s\d+\s*[.)]")


@dataclass(frozen=True)
class StepMatch:
    step: int  # the canonical key: step 1-7, element 1-6
    score: float  # 0..100, similarity of the leading phrase to `form`
    form: str  # the vocabulary form it resembles most


def leading_phrase(activity: str) -> str:
    """The step name part of an activity cell: before its first sub-bullet or parenthesis."""
    text = clean_text(_HTML_TAG.sub(" ", activity))
    text = _LEADING_MARKERS.sub("", text)
    return _NAME_END.split(text, maxsplit=1)[0].strip()


def _key(text: str) -> str:
    return squash(text).lower()


def _similarity(phrase: str, form: str) -> float:
    whole = fuzz.ratio(phrase, form)
    if len(phrase) <= len(form) + _PREFIX_SLACK:
        return whole
    lengths = range(max(1, len(form) - _PREFIX_SLACK), len(form) + _PREFIX_SLACK + 1)
    prefix = max(fuzz.ratio(phrase[:n], form) for n in lengths)
    return max(whole, prefix * _PREFIX_WEIGHT)


def _best_per_step(phrase: str, vocabulary: str) -> list[tuple[float, int, str]]:
    scored = []
    for key, forms in load(vocabulary).items():
        score, form = max((_similarity(phrase, _key(f)), f) for f in forms)
        scored.append((score, int(key), form))
    return sorted(scored, reverse=True)


def classify_step(activity_text: str) -> StepMatch | None:
    """The KM step an activity cell names, or None when no step is clearly named."""
    return classify_name(activity_text, "steps")


def classify_element(activity_text: str) -> StepMatch | None:
    """The Change Management element (1-6) an activity cell names, or None."""
    return classify_name(activity_text, "elements")


def classify_name(activity_text: str, vocabulary: str) -> StepMatch | None:
    """The canonical name of `vocabulary` (steps, elements) an activity cell names, or None
    when none is clearly named."""
    phrase = _key(leading_phrase(activity_text))
    if not phrase:
        return None
    ranked = _best_per_step(phrase, vocabulary)
    score, step, form = ranked[0]
    if score < _CUTOFF or score - ranked[1][0] < _MARGIN:
        return None
    if max(_similarity(phrase, _key(f)) for f in _NOT_A_STEP) >= score:
        return None
    return StepMatch(step=step, score=round(score, 1), form=form)
