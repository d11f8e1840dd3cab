"""Which pages go to OCR: those whose text layer a reader cannot use.

A page needs OCR when it has no characters; when most of its characters are neither Thai,
Latin letters nor digits (symbol soup from a broken font); or when a scanned image covers
most of the page and its text layer has almost no Thai (an invisible Latin OCR layer of
gibberish laid over a Thai scan).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extract.settings import ExtractSettings
from extract.vocab.glyph_codes import PUA_TO_THAI


@dataclass(frozen=True, slots=True)
class Route:
    ocr: bool
    reason: str


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f" or ord(ch) in PUA_TO_THAI


def _usable(ch: str) -> bool:
    return _is_thai(ch) or (ch.isascii() and ch.isalnum())


def image_cover(images: list[dict[str, Any]], width: float, height: float) -> float:
    """The largest share of the page that one image covers."""
    area = max(width * height, 1.0)
    shares = [
        max(0.0, min(im["x1"], width) - max(im["x0"], 0.0))
        * max(0.0, min(im["bottom"], height) - max(im["top"], 0.0))
        / area
        for im in images
    ]
    return max(shares, default=0.0)


def route_page(text: str, cover: float, settings: ExtractSettings) -> Route:
    """Decide from the page's text-layer characters and its largest image's cover."""
    if settings.ocr == "never":
        return Route(False, "OCR is off (--ocr never)")
    if settings.ocr == "always":
        return Route(True, "OCR is forced (--ocr always)")
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return Route(True, "no text layer")
    usable = sum(map(_usable, chars)) / len(chars)
    if usable < settings.ocr_min_usable_share:
        return Route(True, f"text layer is {usable:.0%} Thai, Latin or digits")
    letters = [ch for ch in chars if _is_thai(ch) or ch.isalpha()]
    thai = sum(map(_is_thai, letters)) / max(len(letters), 1)
    if cover >= settings.ocr_image_cover and thai < settings.ocr_min_thai_share:
        return Route(True, f"a scan covers {cover:.0%} of the page under a text layer "
                     f"with {thai:.0%} Thai letters")  # fmt: skip
    return Route(False, "usable text layer")
