"""Repair of Thai text that a PDF's fonts or ToUnicode maps damaged.

Three kinds of damage, from the safest repair to the most guarded:

* ``repair_pua`` (in extract/vocab/glyph_codes, since extract needs it too): fonts made
  for Windows (TH Sarabun PSK, TH SarabunIT๙, Tahoma, Angsana, Cordia, ...) and for the
  old Macintosh Thai system carry extra glyphs for marks moved left or down and for ญ/ฐ
  without their lower tail, and many PDF producers write those glyphs' private-use code
  points into the text layer. Each code stands for exactly one
  standard character, so mapping them back is a pure table look-up; ``clean_text``
  runs it first.
* ``repair_mark_order``: a text layer sorted left to right puts a mark drawn slightly
  right of its letter behind the next letter (ปงีบประมาณ, อดุ หนนุ), sometimes with a
  space after it. Undone only where the dictionary confirms the result.
* ``repair_lost_sara_am``: a ToUnicode map without sara am leaves a space where the
  nikhahit was (ประจ าปี). Rebuilt only where the dictionary confirms the result.

The last two are for pages known to be damaged; they are not part of ``clean_text``
because a dictionary can be wrong about names and new words.

Mark order, sara e + sara e and repeated marks are ``clean_text``'s work (PyThaiNLP's
``reorder_vowels`` and a repeated-mark rule there); nothing here duplicates it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pythainlp.util import Trie

# --- dictionary-checked repairs --------------------------------------------------------

_CONSONANT = "\u0e01-\u0e2e"
# Marks drawn above or below their letter (not sara am, which takes its own advance).
_MARK = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_THAI_CHAR = re.compile("[\u0e01-\u0e5b]")
_THAI_LETTER = re.compile("[\u0e01-\u0e4e]")
# A letter, an optional tone mark, a space where the nikhahit was, then sara aa.
_LOST_SARA_AM = re.compile(f"([{_CONSONANT}])([\u0e48-\u0e4b]?)[^\\S\\n]+\u0e32")
_LOST_SARA_AM_BEFORE = re.compile(f"([{_CONSONANT}])([\u0e48-\u0e4b]?)[^\\S\\n]+$")
# Letters that take their own advance: consonants, sara a/aa/am, leading vowels.
_SPACING = "\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e44"
# A cluster of marks sitting after the letter that follows its own: <b1><b2><marks>,
# b1 a consonant (only consonants carry marks).
_DISPLACED = re.compile(f"(?<=[{_CONSONANT}])([{_SPACING}])([{_MARK}]+)")
# The same at the end of a word, followed by a space and a Thai letter (อดุ หนนุ).
_DISPLACED_BEFORE_SPACE = re.compile(
    f"(?<=[{_CONSONANT}])([{_SPACING}])([{_MARK}]+)[^\\S\\n]+(?=[{_SPACING}])"
)
_MAX_ROUNDS = 200

Score = tuple[int, int]


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=1)
def _longest_word() -> int:
    return max(map(len, _words()), default=1)


def load_word_list() -> None:
    """Load the dictionary's word list (not its trie) now, for the processes forked from
    this one: a fork server's workers then share one copy (pipeline/warm.py)."""
    from pythainlp.tokenize import newmm  # noqa: F401 - the segmenter, imported once

    _longest_word()


# Runs cut with a dictionary of their own words before the whole dictionary's trie is built
# (about a second): a page with a few damaged words never pays for it, a damaged scan does.
_OWN_WORDS_RUNS = 400
_runs_cut = 0
# In every run's own dictionary: a Trie must not be empty (an empty one makes newmm take
# the whole dictionary), and no text holds a NUL.
_NEVER_IN_TEXT = "\x00"


def _own_words(run: str) -> Trie:
    """The dictionary's words that occur in `run`. newmm looks a word up only where it
    starts in the text it cuts (Trie.prefixes at a position of `run`), so these are all
    the words it can ever find there: it cuts `run` with them exactly as with the whole
    dictionary."""
    from pythainlp.util import Trie

    words, longest = _words(), _longest_word()
    own = {
        run[start:end]
        for start in range(len(run))
        for end in range(start + 1, min(len(run), start + longest) + 1)
        if run[start:end] in words
    }
    return Trie([*own, _NEVER_IN_TEXT])


@lru_cache(maxsize=8192)
def _tokens(run: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_dict_trie, word_tokenize

    global _runs_cut
    _runs_cut += 1
    trie = _own_words(run) if _runs_cut <= _OWN_WORDS_RUNS else word_dict_trie()
    return tuple(word_tokenize(run, engine="newmm", custom_dict=trie, keep_whitespace=False))


@lru_cache(maxsize=8192)
def _score(run: str) -> Score:
    """(Thai characters in no dictionary word, number of words) for one Thai run."""
    words = _words()
    tokens = _tokens(run)
    unknown = sum(len(t) for t in tokens if _THAI_LETTER.search(t) and t not in words)
    return unknown, len(tokens)


def unknown_chars(run: str) -> int:
    """Thai characters of `run` (no spaces) that PyThaiNLP's newmm puts in no dictionary word."""
    return _score(run)[0]


def reads_better(candidate: str, before: str) -> bool:
    """Whether the Thai run `candidate` reads better than `before` (see _better)."""
    return _better(_score(candidate), _score(before))


def confirmed_word_at(run: str, index: int) -> bool:
    """Whether ``run[index]`` lies in a dictionary word of two or more letters once the
    Thai run `run` is segmented."""
    number, start, end = _token_span(run, index)
    return number >= 0 and _is_word(run[start:end])


def _better(candidate: Score, before: Score) -> bool:
    """Fewer words and no more unknown characters. Fewer words alone, because newmm cuts
    a damaged run into short dictionary fragments (รำไพพรรีณ: พร|รี|ณ has fewer unknown
    characters than the true name รำไพพรรณี: พร|รณี); the repaired word is one long match."""
    return candidate[1] < before[1] and candidate[0] <= before[0]


def _add(a: Score, b: Score) -> Score:
    return a[0] + b[0], a[1] + b[1]


def _token_span(run: str, index: int) -> tuple[int, int, int]:
    """(token number, start, end) in ``run`` of the token covering ``run[index]``."""
    pos = 0
    for i, tok in enumerate(_tokens(run)):
        if pos <= index < pos + len(tok):
            return i, pos, pos + len(tok)
        pos += len(tok)
    return -1, index, index


def _is_word(token: str) -> bool:
    return len(token) >= 2 and token in _words()


def _run_around(text: str, index: int) -> tuple[int, int]:
    """Bounds of the run of Thai characters (no spaces) containing ``text[index]``."""
    start = index
    while start > 0 and _THAI_CHAR.match(text[start - 1]):
        start -= 1
    end = index
    while end < len(text) and _THAI_CHAR.match(text[end]):
        end += 1
    return start, end


def _moved(text: str, m: re.Match[str], *, join: bool) -> str:
    """``text`` with the marks of match ``m`` put before its letter (and the space gone)."""
    end = m.end() if join else m.end(2)
    return text[: m.start()] + m.group(2) + m.group(1) + text[end:]


def _word_after_move(text: str, index: int) -> tuple[str, int, int]:
    """The run around ``text[index]`` as it reads once a lost sara am just before it is
    back (งบด าเนิน... is judged as งบดำเนิน...): the run, ``index`` in the run's terms,
    and the offset that maps run positions back to ``text`` positions."""
    start, end = _run_around(text, index)
    run = text[start:end]
    offset = start
    if run.startswith("\u0e32"):
        gap = _LOST_SARA_AM_BEFORE.search(text, 0, start)
        if gap is not None:
            pstart, _ = _run_around(text, gap.start(1))
            prefix = text[pstart : gap.start(1)] + gap.group(1) + gap.group(2) + "\u0e33"
            run = prefix + run[1:]
            offset = start - len(prefix) + 1
    return run, index - offset, offset


def _repair_run(run: str) -> str:
    """Displaced marks inside one Thai run moved back while the run's score improves."""
    for _ in range(_MAX_ROUNDS):
        before = _score(run)
        for m in _DISPLACED.finditer(run):
            candidate = _moved(run, m, join=False)
            if _better(_score(candidate), before):
                run = candidate
                break
        else:
            return run
    return run


def _join_step(text: str) -> str | None:
    """One displaced mark before a space moved back and the space dropped, where the
    mark then sits in a dictionary word and a dictionary word runs across the old space
    (อดุ หนนุ -> อุดหนุน, ภายใตก้ ารใช้ -> ภายใต้การใช้, but ระดบั อาชีวศึกษา -> ระดับ
    อาชีวศึกษา: no word spans that space)."""
    for m in _DISPLACED_BEFORE_SPACE.finditer(text):
        right_start, right_end = _run_around(text, m.end())
        left, _, _ = _word_after_move(text, m.start())
        before = _add(_score(left), _score(text[right_start:right_end]))
        joined = _moved(text, m, join=True)
        start, end = _run_around(joined, m.start())
        joined = joined[:start] + _repair_run(joined[start:end]) + joined[end:]
        run, mark, offset = _word_after_move(joined, m.start())
        if not _better(_score(run), before):
            continue
        seam = m.start() + len(m.group(1)) + len(m.group(2)) - offset
        i, tok_start, tok_end = _token_span(run, mark)
        j, seam_start, seam_end = _token_span(run, seam - 1)
        if (
            i >= 0
            and j >= 0
            and _is_word(run[tok_start:tok_end])
            and _is_word(run[seam_start:seam_end])
            and seam_start < seam < seam_end
        ):
            return joined
    return None


def _move_step(text: str) -> str | None:
    """One displaced mark cluster moved back onto its letter, where confirmed."""
    for m in _DISPLACED.finditer(text):
        before, _, _ = _word_after_move(text, m.start())
        candidate = _moved(text, m, join=False)
        run, mark, _ = _word_after_move(candidate, m.start())
        if not _better(_score(run), _score(before)):
            continue
        i, tok_start, tok_end = _token_span(run, mark)
        if i >= 0 and _is_word(run[tok_start:tok_end]):
            return candidate
    return None


def repair_mark_order(text: str) -> tuple[str, int]:
    """Marks that left-to-right sorting put behind the next letter, put back.

    ``ปงีบประมาณ`` -> ``ปีงบประมาณ``, ``อดุ หนนุ`` -> ``อุดหนุน``. A move is kept only when
    the word then holding the mark is in PyThaiNLP's dictionary and the Thai run around
    it segments into fewer words with no more characters outside dictionary words;
    a space after a displaced mark is dropped only when that dictionary word runs across
    it. Returns the text and the number of moves. Never raises.
    """
    count = 0
    try:
        for _ in range(_MAX_ROUNDS):
            repaired = _join_step(text)
            if repaired is None:
                repaired = _move_step(text)
            if repaired is None:
                break
            text = repaired
            count += 1
    except Exception:  # a tokenizer failure must not lose the page
        return text, count
    return text, count


def repair_lost_sara_am(text: str) -> tuple[str, int]:
    """Sara am restored where the text layer left a space for it (ประจ าปี -> ประจำปี).

    ``<letter>[tone] า`` becomes ``<letter>[tone]ำ`` only when the repaired word is a
    dictionary word of two or more letters containing sara am and the words on either
    side of it in the same Thai run are dictionary words too (so ``ข าว`` does not
    become ``ขำว``). Returns the text and the number of repairs. Never raises.
    """
    count = 0
    pos = 0
    try:
        while True:
            m = _LOST_SARA_AM.search(text, pos)
            if m is None:
                break
            candidate = text[: m.start()] + m.group(1) + m.group(2) + "\u0e33" + text[m.end() :]
            am = m.start() + 1 + len(m.group(2))
            if _sara_am_confirmed(candidate, am):
                text = candidate
                count += 1
                pos = am + 1
            else:
                pos = m.start() + 1
    except Exception:  # a tokenizer failure must not lose the page
        return text, count
    return text, count


def _sara_am_confirmed(text: str, index: int) -> bool:
    start, end = _run_around(text, index)
    run = text[start:end]
    i, tok_start, tok_end = _token_span(run, index - start)
    token = run[tok_start:tok_end]
    if not (_is_word(token) and "\u0e33" in token):
        return False
    tokens = _tokens(run)
    neighbours = [tokens[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
    return all(t in _words() for t in neighbours if _THAI_LETTER.search(t))


def repair_damaged_thai(text: str) -> tuple[str, int]:
    """Both dictionary-checked repairs, marks first (a displaced mark next to a lost sara
    am hides the word the sara am check needs: งบด าเนนิ งาน). Returns text and count."""
    total = 0
    for _ in range(3):
        text, moved = repair_mark_order(text)
        text, restored = repair_lost_sara_am(text)
        total += moved + restored
        if not moved and not restored:
            break
    return text, total


# --- tone marks that OCR dropped ---------------------------------------------------------

_TONES = ("\u0e48", "\u0e49")  # mai ek, mai tho: the marks Tesseract's Thai model drops
_UPPER_VOWEL = "\u0e31\u0e34\u0e35\u0e36\u0e37"
_TONE_OR_MARK = re.compile("[\u0e47-\u0e4c]")


def _tone_slots(run: str) -> list[int]:
    """Where a tone mark may go: after a consonant (or its upper vowel) with none yet."""
    slots = []
    for i, ch in enumerate(run):
        nxt = run[i + 1] if i + 1 < len(run) else ""
        free = not _TONE_OR_MARK.match(nxt)
        if ("\u0e01" <= ch <= "\u0e2e" and nxt not in _UPPER_VOWEL and free) or (
            ch in _UPPER_VOWEL and free
        ):
            slots.append(i + 1)
    return slots


def _in_word(run: str, index: int) -> bool:
    """The mark at ``run[index]`` sits in a dictionary word of the segmented run."""
    number, _, _ = _token_span(run, index)
    return number >= 0 and _is_word(_tokens(run)[number])


def _restore_run(run: str) -> tuple[str, int]:
    count = 0
    for _ in range(3):
        before = _score(run)
        if before[0] == 0:
            break
        candidates = [
            run[:i] + tone + run[i:]
            for i in _tone_slots(run)
            for tone in _TONES
            if _in_word(run[:i] + tone + run[i:], i)
        ]
        best = min(candidates, key=_score, default=None)
        if best is None or _score(best)[0] >= before[0]:
            break
        run, count = best, count + 1
    return run, count


def restore_dropped_tone_marks(text: str) -> tuple[str, int]:
    """Put back a mai ek or mai tho that OCR dropped (ทวีเกือกูลกิจ -> ทวีเกื้อกูลกิจ), only
    where the Thai run then has fewer characters outside PyThaiNLP's dictionary words.
    For OCR text only: a text layer does not lose marks this way."""
    parts = re.split(r"(\s+)", text)
    total = 0
    for i, part in enumerate(parts):
        if _THAI_LETTER.search(part) and len(part) <= 60:
            parts[i], count = _restore_run(part)
            total += count
    return "".join(parts), total
