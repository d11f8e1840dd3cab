"""Cleaning of printed text fields: undo extraction artifacts, never correct spelling."""

from __future__ import annotations

import re
import unicodedata

from extract.vocab.glyph_codes import repair_pua
from normalize.digits import to_arabic_digits
from normalize.spacing import collapse_letter_spacing

# ZWSP, ZWNJ, ZWJ and BOM: invisible, yet they split words for search and matching.
_ZERO_WIDTH = re.compile("[\u200b-\u200d\ufeff]")
_WHITESPACE = re.compile(r"\s+")
# Thai above/below vowels, tone marks and signs, plus sara am: none of them can begin a
# word, so a space in front of one is an extraction artifact ("ส ำนัก", "พ ุ่ม"). It has
# to go before PyThaiNLP's remove_dangling, which would delete the mark instead.
_SPACE_BEFORE_MARK = re.compile("\\s+(?=[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e])")
# PDFs built with legacy Thai fonts emit sara am as nikhahit + sara aa, sometimes with the
# tone mark on either side of the nikhahit; the composed form puts the tone mark first.
_DECOMPOSED_SARA_AM = re.compile("([\u0e48-\u0e4b]?)\u0e4d\\s*([\u0e48-\u0e4b]?)\u0e32")
# A combining mark repeated on the same letter is drawn on top of itself: the page shows
# one. (Repeated spacing vowels, "ปรารถนาา", are visible typos and stay; that is why
# PyThaiNLP's normalize, whose remove_repeat_vowels drops them, is not used whole.)
_REPEATED_MARK = re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+")
# Each pass can expose a pattern for another (a removed space lets a tone mark meet
# a vowel it must be reordered with); a few passes always reach the fixed point.
_MAX_PASSES = 5


def _one_pass(text: str) -> str:
    # Here, not at the top: what only reads the warehouse does not load PyThaiNLP.
    from pythainlp.util import remove_dangling, reorder_vowels

    # Thai fonts' private-use glyph codes first: the rules below must see real marks.
    text = repair_pua(text)
    text = unicodedata.normalize("NFC", text)  # never NFKC/NFKD: they split sara am
    text = _ZERO_WIDTH.sub("", text)
    text = to_arabic_digits(text)
    text = _SPACE_BEFORE_MARK.sub("", text)
    # Before whitespace is collapsed: a double space is a real word gap in letter spacing.
    text = collapse_letter_spacing(text)
    text = _WHITESPACE.sub(" ", text).strip()
    text = _DECOMPOSED_SARA_AM.sub("\\1\\2\u0e33", text)
    # PyThaiNLP's reorder changes only the encoding of what is drawn: two sara e typed
    # for sara ae, a tone mark typed before its vowel, lakkhangyao typed for sara aa.
    text = reorder_vowels(text)
    text = _REPEATED_MARK.sub("\\1", text)
    # A mark left at the very start has no letter to sit on (spaces before marks are
    # gone already, so this no longer deletes marks inside the text).
    text = remove_dangling(text)
    return unicodedata.normalize("NFC", text)


def clean_text(text: str) -> str:
    """Printed text without extraction artifacts; idempotent, typos kept."""
    for _ in range(_MAX_PASSES):
        cleaned = _one_pass(text)
        if cleaned == text:
            break
        text = cleaned
    return text


def clean_optional(text: str | None) -> str | None:
    """clean_text for nullable fields: a missing or blank value is None."""
    if text is None:
        return None
    return clean_text(text) or None
