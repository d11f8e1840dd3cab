"""Checking a rendered sample before it is written: its pages, and each text on its page.

A builder promises a layout (which page each table chunk and row starts on) and checks it
here on the PDF it rendered. Texts are read with pypdfium2 (pdfplumber mis-decodes
LibreOffice's Thai) and compared by base characters (``squash``), since LibreOffice puts
some vowel and tone marks out of order in the text layer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium


def page_texts(path: Path) -> list[str]:
    """pypdfium2 text of every page."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def squash(text: str) -> str:
    """Text for comparison: no whitespace, no combining marks.

    LibreOffice's PDFs place some Thai vowel and tone marks out of order in the text
    layer (pdfium reads "ความร้...ู"), so only base characters are compared; NFKC first
    splits sara am into nikhahit + sara aa.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Mn")


def needle(text: str, length: int = 16) -> str:
    return squash(text.lstrip("- "))[:length]


def exact(text: str) -> str:
    """Text with its marks, for short strings pdfium reads in order (header cells)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


@dataclass(frozen=True)
class Expect:
    page: int  # 1-based
    texts: tuple[str, ...]  # compared by base characters (see squash)
    what: str
    exact: tuple[str, ...] = ()  # compared with their marks (see exact)


def check_expectations(raw: Sequence[str], expects: Iterable[Expect]) -> list[str]:
    """Each expected text on its promised page, given the pages' texts."""
    problems: list[str] = []
    loose, strict = [squash(text) for text in raw], [exact(text) for text in raw]
    for expect in expects:
        if expect.page > len(raw):
            problems.append(f"{expect.what}: page {expect.page} missing")
            continue
        checks = [(text, needle(text), loose) for text in expect.texts]
        checks += [(text, exact(text), strict) for text in expect.exact]
        for text, key, pages in checks:
            if key not in pages[expect.page - 1]:
                found = [number for number, page in enumerate(pages, start=1) if key in page]
                problems.append(
                    f"{expect.what}: {text[:30]!r} on page(s) {found}, not {expect.page}"
                )
    return problems


def check_pages(
    path: Path,
    count: int,
    landscape: Callable[[int], bool],
    *,
    signature_pages: Sequence[int] = (1, 2),
    font: str | None = None,
    font_chars: int | None = None,
) -> list[str]:
    """The page count, each page's orientation (``landscape(page number)``), an image on
    each signature page, and, with ``font``, that every font used begins with that name
    (looking at the first ``font_chars`` characters of each page; all when None)."""
    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        if len(pdf.pages) != count:
            problems.append(f"{len(pdf.pages)} pages, layout expects {count}")
        for number, page in enumerate(pdf.pages, start=1):
            if (page.width > page.height) != landscape(number):
                problems.append(f"page {number} has the wrong orientation")
        for number in signature_pages:
            if number <= len(pdf.pages) and not pdf.pages[number - 1].images:
                problems.append(f"page {number} has no signature image")
        if font is not None:
            fonts = {c["fontname"].split("+")[-1] for p in pdf.pages for c in p.chars[:font_chars]}
            if not all(name.startswith(font) for name in fonts):
                problems.append(f"fonts other than {font}: {sorted(fonts)}")
    return problems


def repeated_header_rows(texts: Sequence[str], continuation_pages: Iterable[int]) -> list[str]:
    """Problems where a page that continues a table prints the column-header row again
    (its ระยะเวลา header cell)."""
    header = exact("ระยะเวลา")
    return [
        f"page {page} repeats the header row"
        for page in continuation_pages
        if header in exact(texts[page - 1])
    ]


def arabic_digit_pages(texts: Sequence[str], first_page: int, allowed: str = "") -> list[str]:
    """Problems where a page from ``first_page`` on prints an Arabic digit (outside the
    ``allowed`` word, e.g. the name R2R)."""
    return [
        f"page {number} still prints Arabic digits"
        for number in range(first_page, len(texts) + 1)
        if re.search(r"[0-9]", texts[number - 1].replace(allowed, ""))
    ]
