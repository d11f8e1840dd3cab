"""Tesseract's words to text: Thai digits re-read from the image, lines with their spaces.

Tesseract's Thai "words" are mostly single character clusters; it marks where a blank
stood before one (Word.space_before). A space-separated token holding a Thai digit is
re-read by extract/ocr/thai_digits.py, which knows the digits the Thai model lacks.
"""

from __future__ import annotations

import statistics
import unicodedata

import numpy as np

from extract.ocr.tesseract import Word
from extract.ocr.thai_digits import has_thai_digit, read_number
from extract.text.glyphs import Line

# Thai marks that sit on the previous letter: never preceded by a space.
_MARKS = {chr(c) for c in range(0x0E31, 0x0E4F) if chr(c) not in "ำเแโใไๆฯ"} - {"\u0e32"}
_DIGITISH = set("๐๑๒๓๔๕๖๗๘๙/-,()")


def by_line(words: list[Word]) -> list[list[Word]]:
    """Words grouped by Tesseract's line, in its reading order."""
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return list(lines.values())


def _body(words: list[Word]) -> float:
    """The height of a letter without marks on this line (the lower quartile of boxes)."""
    heights = sorted(w.bottom - w.top for w in words)
    return float(heights[len(heights) // 4]) or 1.0


def _band(words: list[Word], body: float, pad: float) -> tuple[int, int]:
    short = [w for w in words if w.bottom - w.top <= 1.4 * body] or words
    top = statistics.median(w.top for w in short) - pad * body
    bottom = statistics.median(w.bottom for w in short) + pad * body
    return max(0, int(top)), int(bottom)


def _tokens(line: list[Word]) -> list[list[Word]]:
    """The words of one line split where Tesseract saw a blank."""
    tokens: list[list[Word]] = []
    for word in line:
        if tokens and not word.space_before:
            tokens[-1].append(word)
        else:
            tokens.append([word])
    return tokens


def _digit_runs(token: list[Word]) -> list[list[Word]]:
    """The token cut into runs of digit words and runs of other words (พ.ศ.|๒๕๖๖)."""
    runs: list[list[Word]] = []
    kinds: list[bool] = []
    for word in token:
        kind = all(ch in _DIGITISH for ch in word.text)
        if runs and kinds[-1] == kind:
            runs[-1].append(word)
        else:
            runs.append([word])
            kinds.append(kind)
    return runs


def _reread(token: list[Word], ink: np.ndarray, body: float) -> Word | None:
    x0, x1 = min(w.x0 for w in token), max(w.x1 for w in token)
    top, bottom = _band(token, body, 0.35)
    left = max(0, int(x0 - body))
    band = ink[top:bottom, left : int(x1 + body)]
    slack = 0.3 * body  # Tesseract's boxes of Thai digits fall short of their ink
    text = read_number(band, x0 - left - slack, x1 - left + slack)
    if text is None:
        return None
    first = token[0]
    confidence = min(w.confidence for w in token)
    return Word(text, x0, top, x1, bottom, confidence, first.line, first.space_before)


def _latin_guess(text: str) -> bool:
    """Latin letters and no Thai: maybe Thai digits that a model read as Latin (๙๔๔ as EC)."""
    return any(ch.isascii() and ch.isalpha() for ch in text) and not any(
        "\u0e01" <= ch <= "\u0e5b" for ch in text
    )


def _fix_token(token: list[Word], ink: np.ndarray, body: float) -> list[Word]:
    text = "".join(w.text for w in token)
    if _latin_guess(text):
        fixed = _reread(token, ink, body)
        return token if fixed is None else [fixed]
    if not has_thai_digit(text):
        return token
    fixed = _reread(token, ink, body)
    if fixed is not None:
        return [fixed]
    out: list[Word] = []
    for run in _digit_runs(token):
        again = _reread(run, ink, body) if has_thai_digit("".join(w.text for w in run)) else None
        out.extend(run if again is None else [again])
    return out


def fix_digits(words: list[Word], ink: np.ndarray) -> list[Word]:
    """Every space-separated token holding a Thai digit re-read from the ink mask."""
    out: list[Word] = []
    for line in by_line(words):
        body = _body(line)
        for token in _tokens(line):
            out.extend(_fix_token(token, ink, body))
    return out


def line_text(words: list[Word]) -> str:
    """Words of one line in Tesseract's order, a space where it saw a blank."""
    text = ""
    for word in words:
        if text and word.space_before and word.text[0] not in _MARKS:
            text += " "
        text += word.text
    # Tesseract writes sara am as nikhahit + sara aa (ํา): one character in Thai text.
    return unicodedata.normalize("NFC", text.replace("\u0e4d\u0e32", "\u0e33"))


def lines_of(words: list[Word], scale: float) -> list[Line]:
    """Text lines of `words`, their boxes scaled (pixels to points), top to bottom."""
    lines = []
    for group in by_line(words):
        top = statistics.median(w.top for w in group) * scale
        bottom = statistics.median(w.bottom for w in group) * scale
        x0, x1 = min(w.x0 for w in group) * scale, max(w.x1 for w in group) * scale
        lines.append(Line(line_text(group), x0, x1, top, bottom))
    return sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))
