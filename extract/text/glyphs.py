"""Characters of a page as glyphs in reading order, grouped into lines.

Thai marks (upper vowels, tone marks) are kept with the consonant they follow in the
content stream: sorting by x alone moves a mark drawn slightly right of its base behind
the next letter (บรหิ าร for บริหาร).
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from typing import Any

from extract.models import BBox
from extract.text.letter_spacing import SPACED_WORD_GAP, Gap, letter_gap
from extract.text.symbol_fonts import symbol_text
from extract.vocab.glyph_codes import PUA_TO_THAI

# A gap wider than this share of the font size between two glyphs is a word space
# that the producer positioned instead of drawing a space glyph.
SPACE_GAP = 0.3
# Two glyphs belong to one line when their vertical centres differ by less than this
# share of the font size.
LINE_TOLERANCE = 0.5
# A mark's x may lie this share of the font size past its base's right edge (rounding,
# kerning) and must lie at least this far right of the base's left edge.
MARK_SLACK = 0.15


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
    size: float = 0.0  # the font size of most of its glyphs; 0.0 where unknown (OCR)

    @property
    def bbox(self) -> BBox:
        return BBox(x0=self.x0, top=self.top, x1=self.x1, bottom=self.bottom)


def glyphs_of(chars: list[dict[str, Any]]) -> list[Glyph]:
    """pdfplumber char dicts (content-stream order) to glyphs.

    Glyphs blanked by ActualText stay (with empty text) so that the cluster they belong to
    keeps its full width and no space is guessed inside it.
    """
    return [
        Glyph(
            symbol_text(c.get("fontname") or "", c["text"]),
            c["x0"],
            c["x1"],
            c["top"],
            c["bottom"],
            c.get("size") or 10.0,
        )
        for c in chars
    ]


def _is_mark_char(ch: str) -> bool:
    # A private-use glyph code of a shifted or lowered mark is a mark too.
    ch = PUA_TO_THAI.get(ord(ch), ch)
    return bool(unicodedata.combining(ch)) or unicodedata.category(ch) == "Mn"


def _is_mark(text: str) -> bool:
    # An empty text (an ActualText tail) belongs to the cluster before it, like a mark.
    return all(_is_mark_char(ch) for ch in text)


def _host_plausible(base: Glyph, mark: Glyph) -> bool:
    """A mark is drawn over its base: at or before the base's right edge (marks have no
    advance and sit at the pen position after their base, or are shifted left)."""
    slack = MARK_SLACK * max(base.size, mark.size)
    same_line = abs(base.middle - mark.middle) < LINE_TOLERANCE * max(base.size, mark.size)
    return same_line and base.x0 + slack < mark.x0 + 1e-6 and mark.x0 <= base.x1 + slack


def _clusters(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Base glyphs with their marks: a mark joins the base before it in the content
    stream, unless that base is elsewhere on the line (a producer that writes marks out
    of order, after the next letter); then it joins the base it is drawn over."""
    clusters: list[list[Glyph]] = []
    strays: list[Glyph] = []
    for glyph in glyphs:
        if not clusters or not _is_mark(glyph.text):
            clusters.append([glyph])
        elif glyph.text and not _host_plausible(clusters[-1][0], glyph):
            strays.append(glyph)
        else:
            clusters[-1].append(glyph)
    for mark in strays:
        hosts = [c for c in clusters if _host_plausible(c[0], mark)]
        host = max(hosts, key=lambda c: c[0].x0) if hosts else None
        if host is None:
            clusters.append([mark])
        else:
            host.append(mark)
    return clusters


def _gaps(clusters: list[list[Glyph]]) -> list[Gap]:
    """(gap, font size) between each two neighbouring clusters that are not spaces, or
    (nan, size) beside a drawn space glyph; `clusters` sorted left to right."""
    gaps: list[Gap] = []
    for before, after in zip(clusters, clusters[1:], strict=False):
        left, base = max(before, key=lambda g: g.x1), after[0]
        size = max(base.size, left.size)
        spaced = base.text.isspace() or left.text.isspace()
        gaps.append((float("nan") if spaced else base.x0 - left.x1, size))
    return gaps


def _line_text(clusters: list[list[Glyph]], block_spacing: float | None = None) -> str:
    """The text of one line's clusters. `block_spacing`: the letter gap of the block (a
    table cell) the line is in, for a line too short to tell its own."""
    clusters = sorted(clusters, key=lambda cl: cl[0].x0)
    gaps = _gaps(clusters)
    spacing = letter_gap(gaps)
    if spacing is None:
        spacing = block_spacing or 0.0
    # A word space is wider than the letter gap by a share of the size: SPACE_GAP when set
    # solid (no letter gap), SPACED_WORD_GAP more than the letter gap when letter-spaced.
    share = SPACED_WORD_GAP if spacing else SPACE_GAP
    parts: list[str] = []
    for index, cluster in enumerate(clusters):
        if index:
            gap, size = gaps[index - 1]
            if gap > spacing + share * size:  # nan (beside a space glyph) never is
                parts.append(" ")
        parts.append("".join(g.text for g in cluster))
    return "".join(parts)


def group_lines(glyphs: list[Glyph], *, one_block: bool = False) -> list[Line]:
    """Glyphs to lines, top to bottom; within a line, base clusters left to right.

    `one_block`: the glyphs are one block of text (a table cell), set in one style, so a
    line too short to tell whether it is letter-spaced is judged with the whole block."""
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
    block: float | None = None
    if one_block:
        ordered = [sorted(row, key=lambda cl: cl[0].x0) for row in rows]
        block = letter_gap([gap for row in ordered for gap in _gaps(row)])
    lines = []
    for row in rows:
        members = [g for cluster in row for g in cluster]
        lines.append(
            Line(
                text=_line_text(row, block),
                x0=min(g.x0 for g in members),
                x1=max(g.x1 for g in members),
                top=min(g.top for g in members),
                bottom=max(g.bottom for g in members),
                size=statistics.median(g.size for g in members),
            )
        )
    return sorted(lines, key=lambda ln: (round(ln.top, 1), ln.x0))


def inside(glyph: Glyph, bbox: BBox) -> bool:
    return bbox.x0 <= glyph.centre_x <= bbox.x1 and bbox.top <= glyph.middle <= bbox.bottom


def _is_thai(ch: str) -> bool:
    """A Thai letter or mark. Thai digits are not: a wrap next to a number is a break
    between words, as it is beside Arabic digits (2565|8,500 บาท, ครั้งที่|๒)."""
    if "\u0e50" <= ch <= "\u0e59":
        return False
    return "\u0e00" <= ch <= "\u0e7f" or ord(ch) in PUA_TO_THAI


# Producers wrap after these without a space (e-|bidding, ข้อมูล/|สอบถาม).
_BREAK_AFTER = ("/", "-")
BULLETS = ("-", "•", "▪", "●", "○", "◦", "–", "*")


# No space after an opening bracket or before a closing one: (|ภารกิจ, ภารกิจ|).
_OPENING = ("(", "[", "{", "“", "‘")
_CLOSING = (")", "]", "}", "”", "’", ",")


def _glued_break(text: str, head: str = "") -> bool:
    """e-|bidding, ข้อมูล/|สอบถาม, (|ภารกิจ; not a range dash standing alone (มกราคม -|มิถุนายน)."""
    if text.endswith(_OPENING) or head.startswith(_CLOSING):
        return True
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
        elif text[-1].isspace() or _glued_break(text, head):
            text += head
        elif _is_thai(text[-1]) and _is_thai(head[0]):
            # A wrap inside Thai text: a dictionary break, or a space the producer did
            # not draw at the line end; the text layer cannot tell, no space is the rule.
            text += head
        else:
            text += " " + head
    return text
