"""Tesseract, driven through pytesseract: words with their boxes and confidences.

Each call runs one `tesseract` process with one OpenMP thread: pages are read in parallel
instead (kmplan/extract/ocr_pool.py), which is faster than threads inside one page.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pytesseract

from kmplan.extract.errors import OcrUnavailableError

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-tha"
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word (for Thai, often one character cluster), in image pixels."""

    text: str
    x0: int
    top: int
    x1: int
    bottom: int
    confidence: float  # 0-100
    line: tuple[int, int, int]  # Tesseract's (block, paragraph, line)


@lru_cache(maxsize=8)
def check_tesseract(lang: str) -> None:
    """Raise OcrUnavailableError (with how to install) unless `tesseract` reads `lang`."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailableError(f"tesseract is not installed ({INSTALL_HINT})")
    try:
        languages = set(pytesseract.get_languages(config=""))
    except (pytesseract.TesseractError, OSError) as exc:
        raise OcrUnavailableError(f"tesseract does not run ({exc}); {INSTALL_HINT}") from None
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


def read_words(gray: np.ndarray, lang: str, dpi: int, psm: int = 3) -> list[Word]:
    """Every non-empty word Tesseract finds on the image."""
    data = pytesseract.image_to_data(
        gray, lang=lang, config=f"--psm {psm} --dpi {dpi}", output_type=pytesseract.Output.DICT
    )
    words = []
    for i, text in enumerate(data["text"]):
        confidence = float(data["conf"][i])
        if not text.strip() or confidence < 0:
            continue
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(Word(text.strip(), x, y, x + w, y + h, confidence, key))
    return words


def orientation(gray: np.ndarray) -> int | None:
    """Tesseract's OSD: degrees to turn the page clockwise to read it, or None if unsure."""
    try:
        osd = pytesseract.image_to_osd(gray, config="--psm 0", output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return None  # too little text, or no osd.traineddata
    if float(osd.get("orientation_conf", 0)) < 2.0:
        return None
    return int(osd.get("rotate", 0))
