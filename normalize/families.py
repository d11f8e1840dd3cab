"""Which plan family a table is: its columns first, then its title, then its row names.

The Change Management table prints the KM Process table's columns, so only the title
("... (Change Management Process)") or, where the title is missing, the row names (the six
elements against the seven steps) tell those two apart. The evidence is the family
files' (extract/vocab/families); nothing here names a family.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract import vocab
from extract.models import HeaderMatch
from extract.vocab.families import Family, families, family, known_extra_columns
from extract.vocab.kinds import PlanType
from normalize.steps import classify_name

# A title phrase misprinted by a letter or two still names its family.
_TITLE_CUTOFF = 90.0
_SHORTEST_FUZZY_TITLE = 8
_EXTRA_CUTOFF = 80.0


@dataclass(frozen=True)
class FamilyDecision:
    plan_type: PlanType
    # "columns", "title", "row names", "own columns" (a table of the organization's own
    # columns that neither title nor row names place) or "default"
    basis: str
    row_vocabulary: str | None  # steps, elements or None (project lists)
    row_field: str | None  # step, element or None


def decide_family(
    candidates: Sequence[PlanType],
    title: str | None,
    activities: Sequence[str],
    *,
    own_columns: bool = False,
) -> FamilyDecision:
    """The family of a plan whose header fits `candidates` (best first). A table of the
    organization's own columns (`own_columns`) that its title and row names do not place
    is read as the first candidate (KM Process: activity, period, indicator, target,
    responsible are its columns), by rule, not as a guess between look-alikes: the
    contract's plan_type has no value for a plan on no template."""
    pool = [family(name) for name in candidates] or list(families())
    if len(pool) == 1:
        return _decision(pool[0], "columns")
    by_title = _title_family(pool, title)
    if by_title is not None:
        return _decision(by_title, "title")
    # An organization's own table lists its own topics: one that happens to begin with an
    # element's words (การสื่อสารกับผู้ป่วย) does not make a Change Management table.
    by_rows = _row_family(pool, activities, majority=own_columns)
    if by_rows is not None:
        return _decision(by_rows, "row names")
    return _decision(pool[0], "own columns" if own_columns else "default")


def _decision(fam: Family, basis: str) -> FamilyDecision:
    return FamilyDecision(fam.plan_type, basis, fam.row_vocabulary, fam.row_field)


def _title_family(pool: Sequence[Family], title: str | None) -> Family | None:
    if not title:
        return None
    squashed = vocab.squash(title).lower()
    best: tuple[float, int, Family] | None = None
    for fam in pool:
        for form in fam.titles:
            key = vocab.squash(form).lower()
            if key in squashed:
                score = 100.0
            elif _SHORTEST_FUZZY_TITLE <= len(key) <= len(squashed):
                # The phrase must fit inside the title: partial_ratio would otherwise
                # look for the (shorter) title inside the phrase.
                score = fuzz.partial_ratio(key, squashed)
            else:
                continue
            if score >= _TITLE_CUTOFF and (best is None or (score, len(key)) > best[:2]):
                best = (score, len(key), fam)
    return None if best is None else best[2]


def _row_family(
    pool: Sequence[Family], activities: Sequence[str], *, majority: bool = False
) -> Family | None:
    """The family most of whose rows name one of its canonical row names; None on a tie
    (or, with `majority`, unless more than half the rows name one)."""
    counts = []
    for fam in pool:
        if fam.row_vocabulary is None:
            continue
        named = sum(classify_name(text, fam.row_vocabulary) is not None for text in activities)
        counts.append((named, fam))
    if not counts:
        return None
    counts.sort(key=lambda c: c[0], reverse=True)
    top = counts[0][0]
    if top == 0 or (len(counts) > 1 and counts[1][0] == top):
        return None
    if majority and 2 * top <= len(activities):
        return None
    return counts[0][1]


def unmapped_headers(columns: Sequence[HeaderMatch]) -> list[str]:
    """Printed headers that no family names (their cells are kept as extra columns)."""
    return [
        m.printed.strip()
        for m in columns
        if m.column is None
        and m.printed.strip()
        and vocab.best_match(m.printed, known_extra_columns(), _EXTRA_CUTOFF) is None
    ]
