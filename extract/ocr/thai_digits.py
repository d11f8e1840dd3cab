"""Thai digits read from the page image, where Tesseract's Thai model cannot read them.

Debian's `tha.traineddata` (tessdata_fast) has only ๐ ๑ ๒ ๓ ๕ in its character set: it
reads ๖ as ๒, ๘ as ๕ and ๗ as ๓. A word that Tesseract read as holding a Thai digit is
cut into its glyphs (connected components), and each glyph is matched against templates
of the digits, ``/ ( )`` and the Thai consonants drawn in common Thai fonts
(data/thai_digits.npz, built by scripts/build_digit_templates.py). When every glyph is a
digit or one of those marks, the word is replaced by what the templates read; a word with
a letter or a vowel mark in it keeps Tesseract's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

import cv2
import numpy as np

SIZE = 16
LETTER = "L"  # template label of any Thai consonant: the word is not a number
# A glyph must match its template at least this well (cosine similarity).
MIN_SIMILARITY = 0.80
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def normalize_glyph(mask: np.ndarray) -> np.ndarray | None:
    """A glyph's ink mask to a unit vector: cropped, centred in a square, SIZE x SIZE."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return None
    crop = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    side = max(crop.shape)
    square = np.zeros((side, side), dtype=np.float32)
    top, left = (side - crop.shape[0]) // 2, (side - crop.shape[1]) // 2
    square[top : top + crop.shape[0], left : left + crop.shape[1]] = crop
    small = cv2.resize(square, (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (3, 3), 0).ravel()
    small -= small.mean()
    norm = float(np.linalg.norm(small))
    return small / norm if norm > 0 else None


@lru_cache(maxsize=1)
def _templates() -> tuple[np.ndarray, np.ndarray]:
    path = files("extract.ocr").joinpath("data/thai_digits.npz")
    with path.open("rb") as handle, np.load(handle) as data:
        return data["vectors"].astype(np.float32), data["labels"]


def classify(mask: np.ndarray) -> tuple[str, float]:
    """The nearest template's label and its cosine similarity."""
    vector = normalize_glyph(mask)
    if vector is None:
        return LETTER, 0.0
    vectors, labels = _templates()
    scores = vectors @ vector
    best = int(np.argmax(scores))
    return str(labels[best]), float(scores[best])


def has_thai_digit(text: str) -> bool:
    return any(ch in THAI_DIGITS for ch in text)


@dataclass
class _Piece:
    """Connected components of ink that overlap in x: one glyph."""

    x0: int
    top: int
    x1: int
    bottom: int
    labels: list[int]  # the components' labels

    def absorb(self, other: _Piece) -> None:
        self.x0, self.top = min(self.x0, other.x0), min(self.top, other.top)
        self.x1, self.bottom = max(self.x1, other.x1), max(self.bottom, other.bottom)
        self.labels += other.labels


def _components(ink: np.ndarray) -> list[tuple[int, int, int, int, np.ndarray]]:
    """Glyphs as (x0, top, x1, bottom, mask), left to right; pieces that overlap in x merge."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    pieces = [
        _Piece(int(x), int(y), int(x + w), int(y + h), [i])
        for i, (x, y, w, h, area) in enumerate(stats[1:count], start=1)
        if area >= 4
    ]
    pieces.sort(key=lambda p: p.x0)
    merged: list[_Piece] = []
    for piece in pieces:
        if merged and piece.x0 < merged[-1].x1 - 0.5 * (piece.x1 - piece.x0):
            merged[-1].absorb(piece)
        else:
            merged.append(piece)
    out = []
    for p in merged:
        mask = np.isin(labels[p.top : p.bottom, p.x0 : p.x1], p.labels)
        out.extend(_split_wide(p.x0, p.top, mask))
    return out


def _split_wide(x0: int, y0: int, mask: np.ndarray) -> list[tuple[int, int, int, int, np.ndarray]]:
    """Two glyphs that touch (scan blur) are cut at the thinnest column near the middle."""
    height, width = mask.shape
    if width <= 1.35 * height or width < 8:
        ys, xs = np.nonzero(mask)
        top, bottom = y0 + int(ys.min()), y0 + int(ys.max()) + 1
        return [(x0, top, x0 + width, bottom, mask[ys.min() : ys.max() + 1])]
    columns = mask.sum(axis=0)
    lo, hi = int(width * 0.3), int(width * 0.7)
    cut = lo + int(np.argmin(columns[lo:hi]))
    left, right = mask[:, :cut], mask[:, cut:]
    pieces = []
    for offset, part in ((0, left), (cut, right)):
        xs = np.nonzero(part.any(axis=0))[0]
        if len(xs):
            part = part[:, xs.min() : xs.max() + 1]
            pieces.extend(_split_wide(x0 + offset + int(xs.min()), y0, part))
    return pieces


def read_number(ink: np.ndarray, lo: float, hi: float) -> str | None:
    """The digits drawn in the ink mask `ink` (non-zero = ink) by the glyphs whose centre lies
    between x = lo and hi, or None when they are not only digits. `ink` is a band of one
    text line, wider than lo..hi so that glyphs are not cut."""
    if ink.size == 0:
        return None
    glyphs = [g for g in _components(ink > 0) if lo <= (g[0] + g[2]) / 2 <= hi]
    if not glyphs:
        return None
    heights = sorted(g[3] - g[1] for g in glyphs)
    body = heights[3 * len(heights) // 4]  # upper quartile: ๐ is shorter than other digits
    base = float(np.median([g[3] for g in glyphs if g[3] - g[1] >= 0.6 * body]))
    text = []
    for x0, y0, x1, y1, mask in glyphs:
        height, width = y1 - y0, x1 - x0
        if height < 0.45 * body:
            small = _small_mark(y0, y1, width, body, base)
            if small is None:
                return None
            text.append(small)
            continue
        label, score = classify(mask)
        if label == LETTER or score < MIN_SIMILARITY:
            return None
        text.append(label)
    word = "".join(text)
    return word if has_thai_digit(word) else None


def _small_mark(top: int, bottom: int, width: int, body: int, base: float) -> str | None:
    """A glyph much lower than a digit: a full stop on the base line, a comma just under
    it, a hyphen in the middle; anything else (a vowel or tone mark above or below) means
    a word, not a number."""
    if abs(bottom - base) <= 0.2 * body and width < 0.5 * body:
        return "."
    if top > base - 0.35 * body and bottom <= base + 0.5 * body and width < 0.5 * body:
        return ","  # hangs below the base line: ๙๔๔,๘๐๐.๐๐
    if top > base - 0.8 * body and bottom < base - 0.2 * body and width >= 0.3 * body:
        return "-"
    return None
