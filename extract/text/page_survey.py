"""A quick look at every page through PDFium (hundreds of pages a second), before any
page is laid out by pdfminer: its text, whether it draws vector paths, how much of it
one image covers, and how its text runs.

Only extract/page_filter.py reads surveys, to decide which pages pdfplumber must read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# How deep Form XObjects are searched for paths and images (pdfminer descends them all;
# real files nest a few levels at most).
_FORM_DEPTH = 15
# A character runs left to right when its angle (radians) is this close to 0 or 2π.
_LEVEL = 0.1
# Characters whose direction is looked at, at most, on a page (an even sample).
_SAMPLE = 300


@dataclass(frozen=True, slots=True)
class PageSurvey:
    number: int  # 1-based
    text: str  # PDFium's text of the page ("" when it has none)
    drawn: bool  # it paints vector paths (lines, rectangles, curves), forms included
    image_cover: float  # the largest share of the page that one image covers
    rotation: int  # the page's /Rotate, in degrees
    # Of the visible characters, the share that does not run left to right.
    turned_share: float


def survey_pages(data: bytes) -> list[PageSurvey | None] | None:
    """Every page's survey (None for a page PDFium cannot read), or None when PDFium
    cannot open the file at all."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        return [_survey_or_none(document, number) for number in range(1, len(document) + 1)]
    finally:
        document.close()


def _survey_or_none(document: pdfium.PdfDocument, number: int) -> PageSurvey | None:
    try:
        page = document[number - 1]
    except pdfium.PdfiumError:
        return None
    try:
        return _survey(page, number)
    except pdfium.PdfiumError:
        return None
    finally:
        page.close()


def _survey(page: pdfium.PdfPage, number: int) -> PageSurvey:
    drawn, cover = _drawings(page)
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # A page that draws is read whatever its text does: not worth measuring.
        turned = 0.0 if drawn else _turned_share(textpage)
    finally:
        textpage.close()
    return PageSurvey(
        number=number,
        text=text,
        drawn=drawn,
        image_cover=cover,
        rotation=int(page.get_rotation()),
        turned_share=turned,
    )


def _drawings(page: pdfium.PdfPage) -> tuple[bool, float]:
    """Whether the page paints paths, and the largest share of it one image covers."""
    x0, y0, x1, y1 = page.get_mediabox()
    area = max((x1 - x0) * (y1 - y0), 1.0)
    drawn, cover = False, 0.0
    kinds = [pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE]
    for obj in page.get_objects(filter=kinds, max_depth=_FORM_DEPTH):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            drawn = True
            continue
        left, bottom, right, top = obj.get_bounds()
        width = max(0.0, min(right, x1) - max(left, x0))
        height = max(0.0, min(top, y1) - max(bottom, y0))
        cover = max(cover, width * height / area)
    return drawn, cover


def _turned_share(textpage: pdfium.PdfTextPage) -> float:
    """The share of visible characters not running left to right, from an even sample of
    at most _SAMPLE characters (the page is read from a share of _TURNED_SHARE, a third of
    what orientation.py turns it at, so a sample's error does not matter)."""
    count = textpage.count_chars()
    visible = turned = 0
    for index in range(0, count, max(1, count // _SAMPLE)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if code == 0 or chr(code).isspace():
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
        visible += 1
        # An angle PDFium cannot tell (-1) counts as turned: the page is then read.
        if angle < 0 or min(angle, 2 * math.pi - angle) > _LEVEL:
            turned += 1
    return turned / visible if visible else 0.0
