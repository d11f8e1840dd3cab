"""เป้าหมาย cells: the percentage a target states, and its comparator, count and unit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pythainlp.util import Trie

from extract import vocab
from normalize.text import clean_text

_NUMBER = r"(\d+(?:,\d{3})*(?:\.\d+)?)"
# "ร้อยละ 80" (also with a stray space "ร้อย ละ", or without the mai tho that OCR drops:
# "รอยละ 70" reads as nothing else), or "80%", "80 %", "80 เปอร์เซ็นต์".
# The first percentage in the cell is the target; later ones qualify it.
_PERCENT = re.compile(
    rf"ร้?อย\s*ละ\s*{_NUMBER}(?!\d)"
    rf"|(?<![\d.]){_NUMBER}\s*(?:%|\uff05|เปอร์เซ็น(?:ต์)?|percent)",
    re.IGNORECASE,
)
# A count with its unit: "1 เล่ม", "ไม่น้อยกว่า 5 แห่ง", "ปีละ 1 ครั้ง".
_COUNT = re.compile(rf"(?<![\d.,]){_NUMBER}\s*(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
# "ปีละ 1 ครั้ง" is once a year: the unit becomes ครั้ง/ปี.
_PER = re.compile(r"(ปี|เดือน|สัปดาห์|ไตรมาส|วัน)\s*ละ\s*$")
# "1 ครั้ง / ปี", "1 เรื่อง ต่อปี": the same as ปีละ 1 ครั้ง.
_PER_AFTER = re.compile(r"\s*(?:/|ต่อ)\s*(ปี|เดือน|สัปดาห์|ไตรมาส|วัน)")


@dataclass(frozen=True)
class TargetParts:
    percent: float | None = None
    comparator: str | None = None  # gt | gte | lt | lte | eq, as printed before the number
    count: float | None = None
    unit: str | None = None


def target_percent(text: str) -> float | None:
    """The first percentage stated in `text` (ร้อยละ 80, 100 %, ...), or None."""
    return parse_target(text).percent


def _number(printed: str) -> float:
    return float(printed.replace(",", ""))


def _comparator_before(text: str, position: int) -> str | None:
    """The comparator word that ends right before `position` (longest form wins)."""
    head = text[:position].rstrip()
    head = re.sub(r"(?:ร้?อย\s*ละ|จำนวน)\s*$", "", head).rstrip()
    head = _PER.sub("", head).rstrip()
    forms = sorted(
        ((form, key) for key, values in vocab.load("comparators").items() for form in values),
        key=lambda item: -len(item[0]),
    )
    for form, key in forms:
        if head.lower().endswith(form):
            return key
    return None


def _unit_word(unit: str | None) -> str | None:
    """The printed unit word of a count (ครั้ง of ครั้ง/ปี), which a trailing comparator
    follows: "5 เรื่อง ขึ้นไป"."""
    return unit.split("/", 1)[0] if unit else None


def _comparator_after(text: str, unit: str | None) -> str | None:
    """A comparator printed after the number (and its unit): "ร้อยละ 80 ขึ้นไป" is at least 80."""
    rest = text.lstrip()
    if unit and rest.startswith(unit):
        rest = rest[len(unit) :].lstrip()
    forms = sorted(
        ((form, key) for key, values in vocab.load("comparators_after").items() for form in values),
        key=lambda item: -len(item[0]),
    )
    return next((key for form, key in forms if rest.lower().startswith(form)), None)


@cache
def _count_words() -> tuple[Trie, frozenset[str]]:
    """The vocabulary's unit words and the words that are never a unit (percent words;
    words that join numbers: "2 ใน 3" is two in three, "1 ต่อ 10", "3 ถึง 5")."""
    words = vocab.load("count_units")
    never = frozenset(words["not_units"] + words["percent_words"])
    return Trie([*words["units"], *never]), never


def _unit_after(text: str) -> str | None:
    """The unit word that starts `text` (what follows a count). A word of the vocabulary
    (extract/vocab/count_units.json) is found by its longest form, without PyThaiNLP's
    word dictionary, whose trie takes about a second to build; any other word is the
    first word PyThaiNLP cuts from the text, so that a unit the vocabulary does not hold
    yet is still read."""
    head = text.lstrip()
    trie, never = _count_words()
    known = trie.prefixes(head)
    if known:
        word = max(known, key=len)
        return None if word in never else word
    return _first_word_unit(head)


def _first_word_unit(text: str) -> str | None:
    from pythainlp.tokenize import word_tokenize  # builds the dictionary's trie once

    words = [w for w in word_tokenize(text, keep_whitespace=False) if w.strip()]
    never = _count_words()[1]
    if not words or words[0] in never or not re.match("[\u0e01-\u0e4e]", words[0]):
        return None
    return words[0]


def parse_target(text: str) -> TargetParts:
    """Percentage, comparator, count and unit of a target, each None when not printed."""
    cleaned = clean_text(text)
    percent = _PERCENT.search(cleaned)
    count_match = next((m for m in _COUNT.finditer(cleaned) if not _is_percent(cleaned, m)), None)
    count = unit = None
    if count_match is not None:
        unit = _unit_after(cleaned[count_match.end() :])
        if unit is not None:
            count = _number(count_match.group(1))
            per = _PER.search(cleaned[: count_match.start()])
            after = _PER_AFTER.match(cleaned[count_match.end() :].lstrip()[len(unit) :])
            per_word = per.group(1) if per else after.group(1) if after else None
            unit = f"{unit}/{per_word}" if per_word else unit
    anchor = percent or (count_match if count is not None else None)
    comparator = None
    if anchor is not None:
        comparator = _comparator_before(cleaned, anchor.start()) or _comparator_after(
            cleaned[anchor.end() :], None if anchor is percent else _unit_word(unit)
        )
    return TargetParts(
        percent=None if percent is None else _number(percent.group(1) or percent.group(2)),
        comparator=comparator,
        count=count,
        unit=unit,
    )


def _is_percent(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].rstrip()
    return before.endswith(("ร้อยละ", "ร้อย ละ", "รอยละ")) or bool(
        re.match(r"\s*(?:%|\uff05|เปอร์เซ็น)", text[match.end() :])
    )
