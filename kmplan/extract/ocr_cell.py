"""One table cell read on its own: a block of lines in the page's language, with second
looks where the first read is doubtful.

- Lines of marks only are read again with their letters (kmplan/extract/ocr_marks.py).
- A cell of one line read with low confidence is read again as a single line: Tesseract's
  block mode misreads a lone short word (the ลำดับ number 4 as "a").
- A line holding Latin letters or stray symbols, or a word read with low confidence, is
  read again with English added: the Thai model alone turns Latin inside Thai lines (ITA,
  KM) into symbol soup, while Thai and English together misread Thai abbreviations
  (พ.ค. as "WA."), so English is only asked where the Thai model is unsure, and never
  for Thai digits (which English reads as Latin letters; they are read from the image
  by kmplan/extract/thai_digits.py instead).
The reading with the higher mean confidence is kept.
"""

from __future__ import annotations

import statistics

import numpy as np

from kmplan.extract.ocr_marks import rejoin_marks
from kmplan.extract.ocr_text import by_line
from kmplan.extract.settings import ExtractSettings
from kmplan.extract.tesseract import PSM_BLOCK, PSM_LINE, PageReader, Word, tesseract_available
from kmplan.extract.thai_digits import has_thai_digit

# A first read whose mean word confidence is under this gets a second look.
DOUBTFUL = 80.0
# A word under this confidence makes its line doubtful.
LOW_WORD = 50.0
_PLAIN = set(" .,-/():%'\"+&*") | {chr(c) for c in range(0x0E01, 0x0E5C)} | set("0123456789")


def _mean(words: list[Word]) -> float:
    return statistics.fmean(w.confidence for w in words) if words else 0.0


def _suspect(line: list[Word]) -> bool:
    """Latin letters or symbols the Thai model makes of Latin, or a word it was unsure of."""
    return any(w.confidence < LOW_WORD or not set(w.text) <= _PLAIN for w in line)


class CellReader:
    def __init__(self, clean: np.ndarray, settings: ExtractSettings) -> None:
        self._clean = clean
        self._dpi = settings.ocr_dpi
        self._thai = PageReader(clean, settings.ocr_lang, settings.ocr_dpi)
        langs = settings.ocr_lang.split("+")
        self._latin_lang = (
            None if "eng" in langs or not tesseract_available("eng")
            else settings.ocr_lang + "+eng"
        )  # fmt: skip
        self._latin: PageReader | None = None

    def read(self, box: tuple[int, int, int, int]) -> list[Word]:
        """The words of the cell whose ink lies in `box` (x0, top, x1, bottom)."""
        lines = rejoin_marks(by_line(self._thai.words(box, psm=PSM_BLOCK)), self._thai, box)
        words = [w for line in lines for w in line]
        if len(lines) <= 1:
            if _mean(words) >= DOUBTFUL and not _suspect(words):
                return words
            tries = [words, self._thai.words(box, psm=PSM_LINE)]
            if not any(has_thai_digit(w.text) for w in words):
                tries.append(self._latin_line(box))
            return max(tries, key=_mean)
        out: list[Word] = []
        for line in lines:
            if _suspect(line) and not any(has_thai_digit(w.text) for w in line):
                again = self._latin_line(self._line_box(line, box))
                line = again if _mean(again) > _mean(line) else line
            out.extend(line)
        return out

    def _line_box(
        self, line: list[Word], cell: tuple[int, int, int, int]
    ) -> tuple[int, int, int, int]:
        pad = round(0.05 * self._dpi)
        return (max(cell[0], min(w.x0 for w in line) - pad),
                max(cell[1], min(w.top for w in line) - pad),
                min(cell[2], max(w.x1 for w in line) + pad),
                min(cell[3], max(w.bottom for w in line) + pad))  # fmt: skip

    def _latin_line(self, box: tuple[int, int, int, int]) -> list[Word]:
        """The box read as one line with English added; nothing where it is not installed."""
        if self._latin_lang is None:
            return []
        if self._latin is None:
            self._latin = PageReader(self._clean, self._latin_lang, self._dpi)
        return self._latin.words(box, psm=PSM_LINE)
