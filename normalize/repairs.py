"""What glyph repair changed in a document: per cell, and as a share of its characters.

Only repairs of broken text count (private-use glyph codes, decomposed or doubled marks,
marks out of order, spaces in front of marks, invisible characters). Collapsing
whitespace and turning Thai digits into Arabic ones is normal cleaning, not repair.
"""

from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict
from rapidfuzz.distance import Levenshtein

from normalize.digits import to_arabic_digits
from normalize.sara_aa import affected, repair_sara_aa_read_as_am
from normalize.spacing import has_letter_spacing
from normalize.text import clean_text
from normalize.thai_glyphs import repair_damaged_thai, restore_dropped_tone_marks

# A space in front of a vowel that cannot begin a word (sara a, sara aa, lakkhangyao):
# the mark of a text layer whose ToUnicode map lost sara am (ประจ าปี) or that sorted a
# mark behind the next letter (ทางวชิ าการ). Only such text gets the dictionary repairs.
_DAMAGED = re.compile("[\u0e01-\u0e4e][^\\S\n]+[\u0e30\u0e32\u0e45]")

_WHITESPACE = re.compile(r"\s+")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private-use-glyph", re.compile("[\uf700-\uf8ff]")),
    ("decomposed-sara-am", re.compile("\u0e4d\\s*[\u0e48-\u0e4b]?\u0e32")),
    ("zero-width-char", re.compile("[\u200b-\u200d\ufeff]")),
    ("space-before-mark", re.compile("\\s[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]")),
    ("doubled-mark", re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1")),
)


class CellRepair(BaseModel):
    """One text field whose printed characters had to be repaired."""

    model_config = ConfigDict(frozen=True)

    page: int | None
    plan_no: int | None
    seq: int | None
    field: str
    kinds: list[str]
    printed: str  # as extracted, whitespace collapsed
    repaired: str
    changed_chars: int


def plain(text: str) -> str:
    """Extracted text with only the normal cleaning applied (digits, whitespace, NFC)."""
    text = unicodedata.normalize("NFC", to_arabic_digits(text))
    return _WHITESPACE.sub(" ", text).strip()


def repair_kinds(printed: str) -> list[str]:
    kinds = [name for name, pattern in _KINDS if pattern.search(printed)]
    if has_letter_spacing(printed):
        kinds.append("letter-spacing")
    return kinds or ["mark-order"]


def _dictionary_repairs(text: str) -> tuple[str, list[str]]:
    """The dictionary-checked repairs, each only on text that shows its damage; the text
    and the kinds that changed it (mark-order is the default kind, not listed)."""
    found: list[str] = []
    if _DAMAGED.search(text):
        repaired, _ = repair_damaged_thai(text)
        if repaired.count("\u0e33") > text.count("\u0e33"):
            found.append("lost-sara-am")
        text = repaired
    if affected(text):
        text, count = repair_sara_aa_read_as_am(text)
        if count:
            found.append("sara-aa-read-as-am")
    return text, found


class RepairLog:
    """Cleans text fields and keeps account of the repairs it had to make."""

    def __init__(self) -> None:
        self.repairs: list[CellRepair] = []
        self.damaged_pages: set[int] = set()
        self._chars = 0
        self._changed = 0

    def clean(
        self,
        text: str | None,
        *,
        field: str,
        page: int | None = None,
        plan_no: int | None = None,
        seq: int | None = None,
        ocr: bool = False,
    ) -> str:
        before = plain(text or "")
        after = clean_text(text or "")
        kinds = repair_kinds(before)
        if ocr:
            after, restored = restore_dropped_tone_marks(after)
            kinds = kinds + ["ocr-tone-mark"] if restored else kinds
        after, found = _dictionary_repairs(after)
        if found:
            kinds = [k for k in kinds if k != "mark-order"] + found
        if "lost-sara-am" in found and page is not None:
            # A page whose text layer lost characters: a candidate for OCR.
            self.damaged_pages.add(page)
        self._chars += len(before)
        if before != after:
            changed = Levenshtein.distance(before, after)
            self._changed += changed
            self.repairs.append(
                CellRepair(
                    page=page,
                    plan_no=plan_no,
                    seq=seq,
                    field=field,
                    kinds=kinds,
                    printed=before,
                    repaired=after,
                    changed_chars=changed,
                )
            )
        return after

    @property
    def share(self) -> float:
        """Changed characters per extracted character (0.0 for a document needing none)."""
        return self._changed / self._chars if self._chars else 0.0
