"""clean_text: extraction artifacts removed, printed spelling kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalize.digits import to_arabic_digits
from normalize.text import clean_optional, clean_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # whitespace collapsed and trimmed, any kind of whitespace
        ("  ฝ่ายอำนวยการ \t สำนักปลัด\nองค์การ  ", "ฝ่ายอำนวยการ สำนักปลัด องค์การ"),
        ("a\u00a0\u00a0b", "a b"),
        # zero-width characters dropped
        ("การ\u200bเรียน\u200cรู้\u200d\ufeff", "การเรียนรู้"),
        # decomposed sara am (nikhahit + sara aa) recomposed
        ("ท\u0e4d\u0e32", "ท\u0e33"),
        ("ประจ\u0e4d\u0e32ปี", "ประจำปี"),
        # ... with the tone mark after or before the nikhahit: tone mark, then sara am
        ("น\u0e4d\u0e49\u0e32", "น\u0e49\u0e33"),
        ("น\u0e49\u0e4d\u0e32", "น\u0e49\u0e33"),
        # a space before a combining mark is an artifact; the mark is kept, not dropped
        ("ส ำนัก", "สำนัก"),
        ("ท \u0e4d\u0e32งาน", "ทำงาน"),
        ("พ ุ่ม", "พุ่ม"),
        ("ก ่อน", "ก่อน"),
        ("ความส ําเร็จ", "ความสำเร็จ"),
        # Thai digits become Arabic digits
        ("ตก ๕๑๐๐๘/๙๗๒๖", "ตก 51008/9726"),
        ("ร้อยละ ๘๐", "ร้อยละ 80"),
        # NFC, never NFKC: a full-width letter and sara am survive as printed
        ("e\u0301", "\u00e9"),
        ("\uff21", "\uff21"),
        # typos stay typos
        ("การประเมินผลและกัลนครอง ความรู้", "การประเมินผลและกัลนครอง ความรู้"),
        ("วิธีกำรสุ่ความสำเร้จ", "วิธีกำรสุ่ความสำเร้จ"),
        ("การเข้าถึงความรู", "การเข้าถึงความรู"),
        # two sara e typed for sara ae (PyThaiNLP's reorder)
        ("เเผน", "แผน"),
        # a tone mark typed before its vowel: same drawing, standard order
        ("ก\u0e48\u0e38ม", "ก\u0e38\u0e48ม"),
        # a combining mark repeated on one letter is drawn once
        ("ก\u0e48\u0e48อน", "ก\u0e48อน"),
        ("ท\u0e35\u0e35", "ท\u0e35"),
        # a repeated spacing vowel is a visible typo and stays (seed, Part 1)
        ("ความปรารถนาาร่วมกัน", "ความปรารถนาาร่วมกัน"),
        # a mark at the very start has no letter to sit on
        ("\u0e48กอง", "กอง"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_sara_am_stays_one_code_point() -> None:
    assert [hex(ord(c)) for c in clean_text("ทำ")] == ["0xe17", "0xe33"]


@pytest.mark.parametrize(
    ("raw", "expected"), [(None, None), ("", None), (" \u200b ", None), (" ก ", "ก")]
)
def test_clean_optional(raw: str | None, expected: str | None) -> None:
    assert clean_optional(raw) == expected


def test_to_arabic_digits() -> None:
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙ ก.ค.") == "0123456789 ก.ค."


_THAI_HEAVY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F),
        st.sampled_from(" \t\n\u00a0\u200b\u200c\u200d\ufeff-.()%"),
    ),
    max_size=40,
)


@settings(max_examples=800)
@given(st.one_of(_THAI_HEAVY, st.text(max_size=40)))
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=300)
@given(_THAI_HEAVY)
def test_clean_text_leaves_no_artifacts(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert not any(c in cleaned for c in "\u200b\u200c\u200d\ufeff\u00a0\t\n๐๑๒๓๔๕๖๗๘๙")
    assert re.search(" [\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]", cleaned) is None
