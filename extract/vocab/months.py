"""Month names as printed (months.json): full, abbreviated with or without dots, English.

Here rather than in normalize because extract needs it too: a Gantt-style ระยะเวลา prints
the months as column headers, which extract must recognise to read the marks under them.
"""

from __future__ import annotations

import re

from extract.vocab import best_match, load, squash

# Only Thai letters, vowels and marks make up a month name; dots, commas, digits (a year
# printed beside the month) and stray punctuation around an abbreviation are dropped
# before the lookup.
_NOT_MONTH_CHAR = re.compile(r"[^\u0e01-\u0e4e A-Za-z]")
# A short squashed text ("มค", "ตค") is an abbreviation: one wrong letter makes another
# month, so those must match exactly; longer names may carry typos.
_SHORT_FORM = 3
_MONTH_CUTOFF = 75.0
# Best month must beat the best other month by this much, or the reading is a guess.
_MONTH_MARGIN = 10.0


def month_abbreviations() -> dict[int, str]:
    """Month (1-12) -> its abbreviation as Thai documents print it (ม.ค., ก.พ., ...): the
    first form with dots in months.json."""
    return {int(key): next(f for f in forms if "." in f) for key, forms in load("months").items()}


def month_number(text: str) -> int | None:
    """The month (1-12) a printed month name means, or None if it is not clearly one."""
    # Lower case: English names are printed Oct, OCT or October; Thai has no case.
    name = squash(_NOT_MONTH_CHAR.sub("", text)).lower()
    if not name:
        return None
    months = load("months")
    cutoff = 100.0 if len(name) <= _SHORT_FORM else _MONTH_CUTOFF
    found = best_match(name, months, cutoff)
    if found is None:
        return None
    others = {key: forms for key, forms in months.items() if key != found.key}
    runner_up = best_match(name, others, 0.0)
    if runner_up is not None and found.score - runner_up.score < _MONTH_MARGIN:
        return None
    return int(found.key)
