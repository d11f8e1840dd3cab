"""Tesseract through its C++ API (tesserocr): words with their boxes, confidences and spaces.

One engine per thread and language is loaded once and kept: a page sets its image once and
then reads many regions of it (each table cell on its own, the text around the tables),
with no process started and no model loaded per call. Pages are read in parallel by
threads (extract/ocr/pool.py); Tesseract releases the GIL while it recognises, and
uses one OpenMP thread, which is faster than threads inside one page.

The language data comes from the `tesseract` install (Debian: tesseract-ocr and
tesseract-ocr-tha, better with tesseract-ocr-script-thai), found through
`tesseract --list-langs`, or $TESSDATA_PREFIX.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import string
import subprocess
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import count

import numpy as np

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

import tesserocr  # noqa: E402  (reads OMP_THREAD_LIMIT when it loads)

from extract.errors import OcrUnavailableError  # noqa: E402

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-tha"
# Page segmentation modes used here.
PSM_AUTO = 3  # a page of text around tables: find its blocks and lines
PSM_BLOCK = 6  # one table cell: a single block of lines
PSM_LINE = 7  # one line of text
# OSD needs at least this confidence to turn a page.
MIN_OSD_CONFIDENCE = 2.0


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word (for Thai, often one character cluster), in image pixels."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float  # 0-100
    line: tuple[int, int, int]  # (region, block, line): words of one text line share it
    space_before: bool = False  # Tesseract saw a blank before this word on its line


@lru_cache(maxsize=1)
def _list_langs() -> tuple[str, frozenset[str]]:
    """The tessdata folder and its languages, as the installed `tesseract` reports them."""
    try:
        out = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise OcrUnavailableError(f"tesseract does not run ({exc}); {INSTALL_HINT}") from None
    lines = out.splitlines()
    found = re.search(r'"(.+)"', lines[0]) if lines else None
    folder = os.environ.get("TESSDATA_PREFIX") or (found.group(1) if found else "")
    return folder, frozenset(ln.strip() for ln in lines[1:] if ln.strip())


@lru_cache(maxsize=8)
def check_tesseract(lang: str) -> None:
    """Raise OcrUnavailableError (with how to install) unless Tesseract reads `lang`."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(f"tesseract is not installed ({INSTALL_HINT})")
    _, languages = _list_langs()
    missing = [code for code in lang.split("+") if code not in languages]
    if missing:
        raise OcrUnavailableError(
            f"tesseract has no {'+'.join(missing)} language data ({INSTALL_HINT})"
        )


def tesseract_available(lang: str = "tha") -> bool:
    try:
        check_tesseract(lang)
    except OcrUnavailableError:
        return False
    return True


# Debian's script model for Thai (package tesseract-ocr-script-thai) keeps the tone marks
# stacked on upper vowels (ที่, สั่ง, ชื่อ) that the tha language model drops, and reads
# Latin inside Thai lines (KM, ITA): it reads "tha" wherever it is installed.
SCRIPT_MODELS = {"tha": "Thai"}


def model_for(lang: str) -> str:
    """The traineddata names that read `lang` best among those installed."""
    parts = []
    for code in lang.split("+"):
        better = SCRIPT_MODELS.get(code)
        parts.append(better if better and tesseract_available(better) else code)
    return "+".join(parts)


_local = threading.local()
# Each read region numbers its words' lines apart from every other region's.
_regions = count(1)


@lru_cache(maxsize=1)
def quiet_leptonica() -> bool:
    """Leptonica (Tesseract's image library) prints its notes on a damaged scan, such as
    `Error in boxClipToRectangle: box outside rectangle`, straight to the process's stderr
    from C, between kmplan's one-line results; the page is read all the same. Its message
    level is set to none (L_SEVERITY_NONE). False where the library cannot be found."""
    name = ctypes.util.find_library("lept") or ctypes.util.find_library("leptonica")
    try:
        library = ctypes.CDLL(name or "liblept.so.5")
        library.setMsgSeverity(_L_SEVERITY_NONE)
    except (OSError, AttributeError):
        return False
    return True


_L_SEVERITY_NONE = 6


def _engine(lang: str) -> tesserocr.PyTessBaseAPI:
    """This thread's engine for `lang`, loaded on first use."""
    engines: dict[str, tesserocr.PyTessBaseAPI] = _local.__dict__.setdefault("engines", {})
    if lang not in engines:
        check_tesseract(lang)
        quiet_leptonica()
        engines[lang] = tesserocr.PyTessBaseAPI(path=_list_langs()[0], lang=model_for(lang))
    return engines[lang]


class PageReader:
    """One page image given to Tesseract once, then read region by region."""

    def __init__(self, gray: np.ndarray, lang: str, dpi: int) -> None:
        self._api = _engine(lang)
        self._gray = np.ascontiguousarray(gray, dtype=np.uint8)
        height, width = self._gray.shape
        self._api.SetImageBytes(self._gray.tobytes(), width, height, 1, width)
        self._api.SetSourceResolution(dpi)

    def words(
        self, box: tuple[int, int, int, int] | None = None, psm: int = PSM_AUTO,
        latin: bool = True,
    ) -> list[Word]:  # fmt: skip
        """The words inside box (x0, top, x1, bottom), or on the whole image; without
        `latin`, the model may not answer with Latin letters."""
        api = self._api
        api.SetPageSegMode(psm)
        api.SetVariable("tessedit_char_blacklist", "" if latin else string.ascii_letters)
        if box is not None:
            x0, top, x1, bottom = box
            api.SetRectangle(x0, top, max(1, x1 - x0), max(1, bottom - top))
        else:
            api.SetRectangle(0, 0, self._gray.shape[1], self._gray.shape[0])
        api.Recognize()
        return _collect(api, next(_regions))


class CropReader:
    """Regions of a cleaned page (ink on pure white), each given to Tesseract as an image
    of its own: the region's ink with exactly `pad` white pixels all round.

    The same white margin round every region, whatever its box, steadies Tesseract: a
    letter near the edge of what it reads is misread (1. as บ), a wide white margin round
    a lone short word leads its line finder astray (4 as a bracket), and a rectangle of a
    small image (SetRectangle) is sometimes read from the wrong rows.
    """

    def __init__(self, clean: np.ndarray, lang: str, dpi: int, pad: int) -> None:
        self._clean = clean
        self._lang = lang
        self._dpi = dpi
        self._pad = pad

    def words(
        self, box: tuple[int, int, int, int] | None = None, psm: int = PSM_AUTO,
        latin: bool = True,
    ) -> list[Word]:  # fmt: skip
        """The words of the ink inside box (x0, top, x1, bottom), in page pixels."""
        x0, top, x1, bottom = box or (0, 0, self._clean.shape[1], self._clean.shape[0])
        region = self._clean[top:bottom, x0:x1]
        ink = region < 255
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        if not len(rows):
            return []
        region = region[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
        pad = self._pad
        crop = np.full((region.shape[0] + 2 * pad, region.shape[1] + 2 * pad), 255, np.uint8)
        crop[pad : pad + region.shape[0], pad : pad + region.shape[1]] = region
        words = PageReader(crop, self._lang, self._dpi).words(psm=psm, latin=latin)
        dx, dy = x0 + int(cols[0]) - pad, top + int(rows[0]) - pad
        return [
            replace(w, x0=w.x0 + dx, x1=w.x1 + dx, top=w.top + dy, bottom=w.bottom + dy)
            for w in words
        ]


def _collect(api: tesserocr.PyTessBaseAPI, region: int) -> list[Word]:
    words: list[Word] = []
    iterator = api.GetIterator()
    if iterator is None:
        return words
    block = line = 0
    level = tesserocr.RIL.WORD
    for item in tesserocr.iterate_level(iterator, level):
        if item.IsAtBeginningOf(tesserocr.RIL.BLOCK):
            block += 1
        if item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE):
            line += 1
        text = (item.GetUTF8Text(level) or "").strip() if not item.Empty(level) else ""
        box = item.BoundingBox(level)
        if not text or box is None:
            continue
        first = item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE)
        spaced = not first and item.BlanksBeforeWord()
        x0, top, x1, bottom = box
        confidence = float(item.Confidence(level))
        words.append(
            Word(text, x0, top, x1, bottom, confidence, (region, block, line), bool(spaced))
        )
    return words


def read_words(gray: np.ndarray, lang: str, dpi: int, psm: int = PSM_AUTO) -> list[Word]:
    """Every non-empty word Tesseract finds on the image."""
    return PageReader(gray, lang, dpi).words(psm=psm)


def orientation(gray: np.ndarray) -> int | None:
    """Tesseract's OSD: degrees to turn the page clockwise to read it, or None if unsure."""
    if not tesseract_available("osd"):
        return None
    api = _engine("osd")
    api.SetPageSegMode(tesserocr.PSM.OSD_ONLY)
    image = np.ascontiguousarray(gray, dtype=np.uint8)
    api.SetImageBytes(image.tobytes(), image.shape[1], image.shape[0], 1, image.shape[1])
    try:
        osd = api.DetectOrientationScript()
    except RuntimeError:
        return None
    if not osd or float(osd.get("orient_conf", 0.0)) < MIN_OSD_CONFIDENCE:
        return None
    # orient_deg is how far the page is turned counter-clockwise: turn it back clockwise.
    return (360 - int(osd["orient_deg"])) % 360
