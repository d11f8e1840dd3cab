"""Sara aa that a font's ToUnicode map reads as sara am: กำร where the page shows การ.

Some Thai fonts draw sara am as nikhahit + the sara aa glyph, and a broken ToUnicode map
then gives the sara aa glyph the code of sara am everywhere: ผลกำรลงคะแนน, หมำยเหตุ,
หน้ำที่ประธำน (the born-digital page of mixed-scanned-vote-log.pdf in ../shared/realworld).
Such text holds sara am where sara aa belongs and no sara aa at all, which is how
``affected`` tells it. A sara am is turned back only where PyThaiNLP's dictionary confirms
it, as the other dictionary-checked repairs in thai_glyphs do: the Thai run then reads as
fewer words with no more characters outside dictionary words, and the word holding the
sara aa is a dictionary word (ทำงาน stays: ทา|งาน is two words where ทำงาน is one).
"""

from __future__ import annotations

import re

from normalize.thai_glyphs import confirmed_word_at, reads_better

_SARA_AA = "\u0e32"
_SARA_AM = "\u0e33"
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
_MAX_ROUNDS = 50


def affected(text: str) -> bool:
    """Text that may carry this damage: sara am, and not one sara aa."""
    return _SARA_AM in text and _SARA_AA not in text


def repair_sara_aa_read_as_am(text: str) -> tuple[str, int]:
    """Each sara am that the dictionary reads as sara aa turned back; the text and the
    number of repairs. Never raises."""
    count = 0
    try:
        for _ in range(_MAX_ROUNDS):
            repaired = _one_repair(text)
            if repaired is None:
                break
            text = repaired
            count += 1
    except Exception:  # a tokenizer failure must not lose the page
        return text, count
    return text, count


def _one_repair(text: str) -> str | None:
    for run in _THAI_RUN.finditer(text):
        word = run.group(0)
        for index, char in enumerate(word):
            if char != _SARA_AM:
                continue
            candidate = word[:index] + _SARA_AA + word[index + 1 :]
            if reads_better(candidate, word) and confirmed_word_at(candidate, index):
                return text[: run.start()] + candidate + text[run.end() :]
    return None
