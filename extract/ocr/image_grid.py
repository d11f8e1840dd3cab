"""Ruled tables found on a page image: ruling lines by morphology, then the cell grid.

Long thin runs of ink are kept by a morphological opening with a long horizontal (or
vertical) kernel; each connected group of ruling lines is a table. Its row boundaries are
the horizontal lines, its column boundaries the vertical lines, and a cell ends where a
vertical line crosses the row's band (a merged cell spans the columns no line divides),
and reaches down into the next row where no horizontal line runs under it.
All coordinates are image pixels.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# A ruling line is at least this share of the page's width (height) long.
MIN_LINE_SHARE = 1 / 30
# Positions closer than this many pixels are one line (thick or doubled rules).
MERGE_PX = 8
# A table is at least this share of the page's width and has at least 2 x 2 cells.
MIN_TABLE_SHARE = 0.2
# A row's cell ends where a horizontal rule runs along at least this share of its width;
# otherwise it is merged with the cell below.
MIN_RULE_COVER = 0.5


@dataclass(frozen=True, slots=True)
class Segment:
    pos: float  # y of a horizontal line, x of a vertical one
    start: float
    end: float


@dataclass(frozen=True, slots=True)
class ImageCell:
    x0: int
    top: int
    x1: int
    bottom: int


@dataclass(frozen=True, slots=True)
class ImageRow:
    top: int
    bottom: int
    cells: list[ImageCell | None]  # None where a merged cell covers the column


@dataclass(frozen=True, slots=True)
class ImageTable:
    x0: int
    top: int
    x1: int
    bottom: int
    rows: list[ImageRow]


def ruling_masks(ink: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines of an ink mask (255 = ink)."""
    height, width = ink.shape
    h_len, v_len = max(10, int(width * MIN_LINE_SHARE)), max(10, int(height * MIN_LINE_SHARE))
    # A rule that wanders by a pixel (a scan a little sheared, or not quite level) still
    # holds an unbroken run once its ink is widened across its direction.
    wide_h = cv2.dilate(ink, np.ones((3, 1), np.uint8))
    wide_v = cv2.dilate(ink, np.ones((1, 3), np.uint8))
    horizontal = cv2.morphologyEx(wide_h, cv2.MORPH_OPEN, np.ones((1, h_len), np.uint8))
    vertical = cv2.morphologyEx(wide_v, cv2.MORPH_OPEN, np.ones((v_len, 1), np.uint8))
    # Bridge the small gaps that noise and JPEG leave in a scanned rule.
    horizontal = cv2.dilate(horizontal, np.ones((3, 9), np.uint8))
    vertical = cv2.dilate(vertical, np.ones((9, 3), np.uint8))
    return horizontal, vertical


def _segments(mask: np.ndarray, horizontal: bool) -> list[Segment]:
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    found = []
    for x, y, w, h, _area in stats[1:count]:
        if horizontal:
            found.append(Segment(pos=y + h / 2, start=x, end=x + w))
        else:
            found.append(Segment(pos=x + w / 2, start=y, end=y + h))
    return found


def _cluster(values: list[float]) -> list[float]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= MERGE_PX:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _covers(segments: list[Segment], pos: float, lo: float, hi: float) -> bool:
    """A segment at `pos` runs through the middle of the range lo..hi."""
    middle = (lo + hi) / 2
    return any(abs(s.pos - pos) <= MERGE_PX and s.start <= middle <= s.end for s in segments)


def _h_cover(segments: list[Segment], pos: float, lo: float, hi: float) -> float:
    """The share of lo..hi that horizontal segments at `pos` run along."""
    spans = sorted((max(lo, s.start), min(hi, s.end)) for s in segments
                   if abs(s.pos - pos) <= MERGE_PX and s.end > lo and s.start < hi)  # fmt: skip
    covered, reach = 0.0, lo
    for start, end in spans:
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered / max(1.0, hi - lo)


def _merge_down(bands: list[tuple[float, float]], cells: list[list[ImageCell | None]],
                h_segs: list[Segment]) -> None:  # fmt: skip
    """A cell with no rule under it reaches into the row below (a two-row header's ลำดับ
    beside องค์ความรู้ over Tacit | Explicit): it is kept in its top row, as tall as the rows
    it spans, and None below, as pdfplumber gives a merged cell of a born-digital table."""
    for r, row in enumerate(cells):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            k = r
            while k + 1 < len(bands) and (
                _h_cover(h_segs, bands[k][1], cell.x0, cell.x1) < MIN_RULE_COVER
            ):
                below = cells[k + 1][c]
                if below is None or below.x1 != cell.x1:
                    break
                cells[k + 1][c] = None
                k += 1
            if k > r:
                row[c] = ImageCell(cell.x0, cell.top, cell.x1, int(bands[k][1]))


def _table(h_segs: list[Segment], v_segs: list[Segment]) -> ImageTable | None:
    ys, xs = _cluster([s.pos for s in h_segs]), _cluster([s.pos for s in v_segs])
    if len(ys) < 2 or len(xs) < 3:
        return None
    bands = [(t, b) for t, b in zip(ys, ys[1:], strict=False) if b - t >= 2 * MERGE_PX]
    if not bands:
        return None
    grid: list[list[ImageCell | None]] = []
    for top, bottom in bands:
        cells: list[ImageCell | None] = []
        start = 0
        for j in range(1, len(xs)):
            if j == len(xs) - 1 or _covers(v_segs, xs[j], top, bottom):
                cells.append(ImageCell(int(xs[start]), int(top), int(xs[j]), int(bottom)))
                cells.extend([None] * (j - start - 1))
                start = j
        grid.append(cells)
    _merge_down(bands, grid, h_segs)
    rows = [
        ImageRow(top=int(top), bottom=int(bottom), cells=cells)
        for (top, bottom), cells in zip(bands, grid, strict=True)
    ]
    return ImageTable(int(xs[0]), int(ys[0]), int(xs[-1]), int(ys[-1]), rows)


def find_tables(ink: np.ndarray) -> tuple[list[ImageTable], np.ndarray]:
    """The ruled tables of an ink mask, top to bottom, and the mask of all ruling lines."""
    horizontal, vertical = ruling_masks(ink)
    rules = cv2.bitwise_or(horizontal, vertical)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules, connectivity=8)
    tables = []
    min_width = MIN_TABLE_SHARE * ink.shape[1]
    for i in range(1, count):
        x, y, w, h, _area = stats[i]
        if w < min_width or h < 4 * MERGE_PX:
            continue
        region = (labels[y : y + h, x : x + w] == i).astype(np.uint8) * 255
        h_segs = _shift(_segments(cv2.bitwise_and(horizontal[y : y + h, x : x + w], region),
                                  True), x, y, True)  # fmt: skip
        v_segs = _shift(_segments(cv2.bitwise_and(vertical[y : y + h, x : x + w], region),
                                  False), x, y, False)  # fmt: skip
        table = _table(h_segs, v_segs)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.top), rules


def _shift(segments: list[Segment], dx: int, dy: int, horizontal: bool) -> list[Segment]:
    if horizontal:
        return [Segment(s.pos + dy, s.start + dx, s.end + dx) for s in segments]
    return [Segment(s.pos + dx, s.start + dy, s.end + dy) for s in segments]
