"""The unit after a count: found in the units vocabulary (extract/vocab/count_units.json)
without PyThaiNLP's word dictionary, whose trie takes about a second to build (issue 14);
other words still through the dictionary."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extract import vocab
from normalize.targets import TargetParts, parse_target

from ..conftest import BORN_DIGITAL, ROOT


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # the longest form of the vocabulary wins: ฐานข้อมูล, not ฐาน
        ("มีฐานข้อมูลความรู้ 1 ฐานข้อมูล", TargetParts(count=1, unit="ฐานข้อมูล")),
        # a unit word followed by the thing counted: ชุด of ชุดข้อมูล
        ("จำนวน 3 ชุดข้อมูล", TargetParts(count=3, unit="ชุด")),
        ("1 ช่องทาง", TargetParts(count=1, unit="ช่องทาง")),
        ("ไม่น้อยกว่า 2 โครงการต่อปี", TargetParts(comparator="gte", count=2, unit="โครงการ/ปี")),
        ("ผู้เข้าร่วม 30 คน", TargetParts(count=30, unit="คน")),
        ("อย่างน้อย 1 องค์ความรู้", TargetParts(comparator="gte", count=1, unit="องค์ความรู้")),
        # words that join numbers are never a unit, wherever they are looked up
        ("ผ่านเกณฑ์ 4 ใน 5 ข้อ", TargetParts()),
        ("1 ต่อ 10", TargetParts()),
    ],
)
def test_units_of_the_vocabulary(text: str, parts: TargetParts) -> None:
    assert parse_target(text) == parts


def test_a_unit_the_vocabulary_lacks_is_still_read() -> None:
    assert parse_target("จัดซื้อ 2 ตู้") == TargetParts(count=2, unit="ตู้")


# Whether this process built PyThaiNLP's dictionary trie (word_dict_trie is its cache).
TRIE_BUILT = (
    "tokenize = sys.modules.get('pythainlp.tokenize')\n"
    "print(tokenize is not None and tokenize.word_dict_trie.cache_info().currsize > 0)\n"
)
# Runs in a fresh interpreter: in the test process, other tests have built the dictionary.
DICTIONARY_BUILT = (
    """
import sys
from normalize.targets import parse_target
for text in sys.argv[1:]:
    parse_target(text)
"""
    + TRIE_BUILT
)


def _dictionary_built(*texts: str) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", DICTIONARY_BUILT, *texts],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip() == "True"


def test_vocabulary_units_need_no_dictionary() -> None:
    units = vocab.load("count_units")["units"]
    assert not _dictionary_built(*(f"ไม่น้อยกว่า 2 {unit}" for unit in units))
    assert _dictionary_built("จัดซื้อ 2 ตู้")  # the word dictionary, for a word it lacks


WORK_ON_SAMPLE = (
    """
import sys
from extract.settings import ExtractSettings
from pipeline.work import process_document
path = sys.argv[1]
with open(path, "rb") as handle:
    result = process_document(path, handle.read(), ExtractSettings())
print(type(result).__name__)
"""
    + TRIE_BUILT
)


def test_a_clean_born_digital_document_builds_no_dictionary() -> None:
    """Its text layer needs no dictionary-checked repair and its units are in the
    vocabulary: the worker never builds the dictionary's trie."""
    done = subprocess.run(
        [sys.executable, "-c", WORK_ON_SAMPLE, str(BORN_DIGITAL)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert done.stdout.split() == ["WorkDone", "False"]
