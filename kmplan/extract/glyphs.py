"""Characters of a page as glyphs in reading order, grouped into lines.

Thai marks (upper vowels, tone marks) are kept with the consonant they follow in the
content stream: sorting by x alone moves a mark drawn slightly right of its base behind
the next letter (บรหิ าร for บริหาร).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from kmplan.extract.models import BBox

# A gap wider than this share of the font size between two glyphs is a word space
# that the producer positioned instead of drawing a space glyph.
SPACE_GAP = 0.3
# Two glyphs belong to one line when their vertical centres differ by less than this
# share of the font size.
LINE_TOLERANCE = 0.5


@dataclass(frozen=True, slots=True)
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def bbox(self) -> BBox:
        return BBox(x0=self.x0, top=self.top, x1=self.x1, bottom=self.bottom)


def glyphs_of(chars: list[dict[str, Any]]) -> list[Glyph]:
    """pdfplumber char dicts (content-stream order) to glyphs.

    Glyphs blanked by ActualText stay (with empty text) so that the cluster they belong to
    keeps its full width and no space is guessed inside it.
    """
    return [
        Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c.get("size") or 10.0)
        for c in chars
    ]


def _is_mark(text: str) -> bool:
    # An empty text (an ActualText tail) belongs to the cluster before it, like a mark.
    return all(unicodedata.combining(ch) or unicodedata.category(ch) == "Mn" for ch in text)


def _clusters(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Base glyph followed by the marks that follow it in the stream."""
    clusters: list[list[Glyph]] = []
    for glyph in glyphs:
        if clusters and _is_mark(glyph.text):
            clusters[-1].append(glyph)
        else:
            clusters.append([glyph])
    return clusters


def _line_text(clusters: list[list[Glyph]]) -> str:
    clusters = sorted(clusters, key=lambda cl: cl[0].x0)
    parts: list[str] = []
    prev: Glyph | None = None
    for cluster in clusters:
        base = cluster[0]
        if prev is not None and not base.text.isspace() and not prev.text.isspace():
            if base.x0 - prev.x1 > SPACE_GAP * max(base.size, prev.size):
                parts.append(" ")
        parts.append("".join(g.text for g in cluster))
        prev = max(cluster, key=lambda g: g.x1)
    return "".join(parts)


def group_lines(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs to lines, top to bottom; within a line, base clusters left to right."""
    rows: list[list[list[Glyph]]] = []
    for cluster in _clusters(glyphs):
        base = cluster[0]
        for row in rows:
            ref = row[0][0]
            if abs(ref.middle - base.middle) < LINE_TOLERANCE * max(ref.size, base.size):
                row.append(cluster)
                break
        else:
            rows.append([cluster])
    lines = []
    for row in rows:
        members = [g for cluster in row for g in cluster]
        lines.append(
            Line(
                text=_line_text(row),
                x0=min(g.x0 for g in members),
                x1=max(g.x1 for g in members),
                top=min(g.top for g in members),
                bottom=max(g.bottom for g in members),
            )
        )
    return sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))


def inside(glyph: Glyph, bbox: BBox) -> bool:
    return bbox.x0 <= glyph.centre_x <= bbox.x1 and bbox.top <= glyph.middle <= bbox.bottom


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


# Producers wrap after these without a space (e-|bidding, ข้อมูล/|สอบถาม).
_BREAK_AFTER = ("/", "-")
BULLETS = ("-", "•", "▪", "●", "○", "◦", "–", "*")


def _glued_break(text: str) -> bool:
    """e-|bidding or ข้อมูล/|สอบถาม, but not a range dash standing alone (มกราคม -|มิถุนายน)."""
    return text[-1] in _BREAK_AFTER and len(text) > 1 and not text[-2].isspace()


def join_lines(lines: list[str]) -> str:
    """Join the lines of one cell: a wrap inside Thai text needs no space, anything else does.

    A trailing space glyph (drawn when the producer wrapped at a space) is kept; a line
    that starts with a bullet always begins a new item after a space.
    """
    text = ""
    for line in lines:
        if not line.strip():
            continue
        if not text:
            text = line
            continue
        head = line.lstrip()
        if head.startswith(BULLETS) and not text[-1].isspace():
            text += " " + head
        elif text[-1].isspace() or _glued_break(text):
            text += head
        elif _is_thai(text[-1]) and _is_thai(head[0]):
            # A wrap inside Thai text: a dictionary break, or a space the producer did
            # not draw at the line end; the text layer cannot tell, no space is the rule.
            text += head
        else:
            text += " " + head
    return text
