"""Lines of marks only, put back on their letters.

Tesseract's line finder sometimes puts the tone marks and vowels above a Thai line (or
the vowels below it) on a line of their own: the letters then come out without their
marks, and the marks as a line of symbol soup. Such a stray line is joined to the nearest
line of letters it overlaps, and that line is read again, marks included, as one line.
"""

from __future__ import annotations

import statistics

from extract.ocr.tesseract import PSM_LINE, CropReader, PageReader, Word

# A line lower than this share of its region's tallest line, read with a mean confidence
# under this, holds marks only (a line of digits is low too, but read confidently).
STRAY_HEIGHT, STRAY_CONFIDENCE = 0.7, 70.0
# A line read again with its marks may lose this much mean confidence (its marks are
# read with less confidence than its letters) and still replace the first reading.
MAX_CONFIDENCE_LOSS = 10.0
Box = tuple[int, int, int, int]


def _box(line: list[Word]) -> Box:
    return (min(w.x0 for w in line), min(w.top for w in line),
            max(w.x1 for w in line), max(w.bottom for w in line))  # fmt: skip


def _height(line: list[Word]) -> int:
    box = _box(line)
    return box[3] - box[1]


def _mean(line: list[Word]) -> float:
    return statistics.fmean(w.confidence for w in line)


def _stray(line: list[Word], tallest: int) -> bool:
    return _height(line) < STRAY_HEIGHT * tallest and _mean(line) < STRAY_CONFIDENCE


def _nearest(stray: Box, real: list[list[Word]]) -> int | None:
    """The line of letters closest above or below the stray line, overlapping it."""
    best, gap = None, float("inf")
    for i, line in enumerate(real):
        box = _box(line)
        if min(box[2], stray[2]) <= max(box[0], stray[0]):
            continue
        distance = max(box[1] - stray[3], stray[1] - box[3], 0)
        if distance < gap:
            best, gap = i, distance
    return best


def rejoin_marks(
    lines: list[list[Word]], reader: PageReader | CropReader, clip: Box
) -> list[list[Word]]:
    """`lines` with each stray line of marks read again with its letters."""
    if len(lines) < 2:
        return lines
    tallest = max(_height(line) for line in lines)
    real = [line for line in lines if not _stray(line, tallest)]
    if not real or len(real) == len(lines):
        return lines
    bands = {i: _box(line) for i, line in enumerate(real)}
    joined: set[int] = set()
    for line in lines:
        if any(line is r for r in real):
            continue
        i = _nearest(_box(line), real)
        if i is not None:
            joined.add(i)
            b, s = bands[i], _box(line)
            bands[i] = (min(b[0], s[0]), min(b[1], s[1]), max(b[2], s[2]), max(b[3], s[3]))
    out = []
    for i, line in enumerate(real):
        if i in joined:
            x0, top, x1, bottom = bands[i]
            band = (max(clip[0], x0 - 2), max(clip[1], top - 2),
                    min(clip[2], x1 + 2), min(clip[3], bottom + 2))  # fmt: skip
            again = reader.words(band, psm=PSM_LINE)
            # A line read worse with its marks than without them keeps its first reading.
            line = again if again and _mean(again) >= _mean(line) - MAX_CONFIDENCE_LOSS else line
        out.append(line)
    return out
