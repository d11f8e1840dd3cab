"""Plan titles and plan-header labels looked for in PDFium's text of a page, for the page
filter (extract/page_filter.py). The filter must find at least every page on which
labels.py finds a title or a label in pdfplumber's lines, so the search here is looser:
PDFium reads some Thai clusters with their marks misplaced or doubled (ความร้ ู for
ความรู้, จัดจั for จัด) or with sara am for sara aa (กำร for การ), and breaks lines where
pdfplumber does not. Both sides are compared without Thai marks, at lower cutoffs, and a
label is looked for before each colon across line breaks.
"""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz, process

from extract import vocab

# Thai vowel and tone marks above and below the line, which PDFium misplaces.
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_TITLE = "แผนการจัดการความรู้"
# labels.py reads titles and labels at 80, labels without a colon at 92.
_TITLE_CUTOFF = 75.0
_LABEL_CUTOFF = 75.0
_LEADING_CUTOFF = 85.0
_COLON = re.compile(r"[:\uff1a]")
# An English gloss at the end of a skeleton: "(measurableunit)".
_GLOSS = re.compile(r"\([a-z&/.,-]*\)$")
# How far before a colon its label may begin (characters), past the longest label.
_LABEL_SLACK = 10


def skeleton(text: str) -> str:
    """`text` squashed (vocab.squash), without Thai marks, sara am read as sara aa,
    lower-cased."""
    return _MARKS.sub("", vocab.squash(text)).replace("\u0e33", "\u0e32").lower()


@cache
def _label_forms() -> tuple[list[str], int]:
    forms = sorted({skeleton(f) for fs in vocab.load("plan_labels").values() for f in fs})
    longest = max(len(form) for form in forms) + _LABEL_SLACK
    return forms, longest


@cache
def _titles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The KM plan titles labels.is_plan_title reads, as skeletons: Thai, English."""
    thai = {skeleton(_TITLE)} | {
        skeleton(f) for f in vocab.load("km_plan_titles")["titles"] if not f.isascii()
    }
    english = {skeleton(f) for f in vocab.load("km_plan_titles")["titles"] if f.isascii()}
    return tuple(sorted(thai)), tuple(sorted(english))


def title_cue(line: str) -> bool:
    """The line may open with a plan title (labels.is_plan_title)."""
    squashed = skeleton(line)
    thai, english = _titles()
    if any(form in squashed for form in english):
        return True
    for title in thai:
        heads = [squashed[:n] for n in range(len(title) - 2, len(title) + 3)]
        if max(fuzz.ratio(head, title) for head in heads) >= _TITLE_CUTOFF:
            return True
    return False


def colon_label_cue(text: str) -> bool:
    """Some colon in `text` may have a plan-header label right before it."""
    forms, longest = _label_forms()
    for colon in _COLON.finditer(text):
        window = skeleton(text[max(0, colon.start() - longest) : colon.start()])
        # A gloss between label and colon ("(Measurable Unit)"): the label may end before it.
        bare = _GLOSS.sub("", window)
        if _ends_with_label(window, forms) or (bare != window and _ends_with_label(bare, forms)):
            return True
    return False


def _ends_with_label(window: str, forms: list[str]) -> bool:
    """A label form ends `window`, as labels._label_before tries every start point."""
    return any(
        process.extractOne(window[start:], forms, scorer=fuzz.ratio, score_cutoff=_LABEL_CUTOFF)
        for start in range(len(window))
    )


def leading_label_cue(line: str) -> bool:
    """The line may open with a label printed without its colon (labels._leading_label)."""
    words = line.split()
    forms, _ = _label_forms()
    for count in (1, 2, 3):
        head = skeleton(" ".join(words[:count]))
        if head and process.extractOne(
            head, forms, scorer=fuzz.ratio, score_cutoff=_LEADING_CUTOFF
        ):
            return True
    return False


def plan_cue(text: str) -> bool:
    """PDFium's text of a page may hold a plan title or a plan-header label."""
    if "kmactionplan" in skeleton(text) or colon_label_cue(text):
        return True
    return any(title_cue(line) or leading_label_cue(line) for line in text.splitlines())
