"""งบประมาณ cells of project lists: an amount in baht, and the period/budget cell split.

Printed as "12,500", "๑๒,๕๐๐ บาท", "45,000.-", "1.2 ล้านบาท", or "-" / ไม่ใช้งบประมาณ for
none. A cell holding anything else (two amounts, words) is not read: NULL and a problem,
never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from normalize.text import clean_text

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"^(?:งบประมาณ\s*:?\s*)?(?:จำนวน\s*)?(?P<number>{_NUMBER})\s*\.?-?\s*"
    r"(?P<million>ล้าน)?\s*(?:บาท)?\s*\.?-?$"
)
# No budget: a dash, or words saying none is used.
_NONE = re.compile(
    r"^(?:งบประมาณ\s*:?\s*)?"
    r"(?:[-\u2010-\u2015\u2212]+|ไม่ใช้งบประมาณ|ไม่มี|ไม่ได้ใช้งบประมาณ)$"
)
# The budget part at the end of a ระยะเวลา/งบประมาณ cell: an amount with บาท, a grouped
# amount (a bare 2565 at the end is the period's year), a labelled amount, or a dash.
_TRAILING_BUDGET = re.compile(
    rf"(?:^|\s)(?P<budget>(?:งบประมาณ\s*:?\s*(?:{_NUMBER})\s*(?:ล้าน)?\s*(?:บาท)?"
    rf"|(?:{_NUMBER})\s*(?:ล้าน)?\s*บาท\s*\.?-?"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*\.?-?"
    r"|งบประมาณ\s*:?\s*-|ไม่ใช้งบประมาณ|-))\s*$"
)


@dataclass(frozen=True)
class BudgetResult:
    baht: float | None
    problem: str | None = None


def parse_budget(printed: str) -> BudgetResult:
    text = clean_text(printed)
    if not text or _NONE.match(text):
        return BudgetResult(None)
    found = _AMOUNT.match(text)
    if found is None:
        return BudgetResult(None, f"{text!r} is not an amount in baht")
    amount = float(found["number"].replace(",", ""))
    return BudgetResult(amount * 1_000_000 if found["million"] else amount)


def split_period_budget(printed: str) -> tuple[str, str]:
    """A ระยะเวลา/งบประมาณ cell as (period, budget); budget "" when none is printed."""
    text = clean_text(printed)
    found = _TRAILING_BUDGET.search(text)
    if found is None or not text[: found.start("budget")].strip():
        # Only a budget (or nothing that looks like one): the period is what is printed.
        return (text, "") if found is None else ("", found["budget"])
    return text[: found.start("budget")].strip().rstrip("/").strip(), found["budget"].strip()
