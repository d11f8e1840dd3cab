"""One table cell read on its own: a block of lines in the page's language, with second
looks where the first read is doubtful.

- Lines of marks only are read again with their letters (extract/ocr/marks.py).
- A cell of one line read with low confidence is read again as a single line: Tesseract's
  block mode misreads a lone short word (the ลำดับ number 4 as "a").
- A line holding Latin letters or stray symbols, or a word read with low confidence, is
  read again with English added: the Thai model alone turns Latin inside Thai lines (ITA,
  KM) into symbol soup, while Thai and English together misread Thai abbreviations
  (พ.ค. as "WA."), so English is only asked where the Thai model is unsure, and never
  for Thai digits (which English reads as Latin letters; they are read from the image
  by extract/ocr/thai_digits.py instead).
The reading with the higher mean confidence is kept, except that a reading which runs
Latin letters into a Thai token (ก.พ. as N.พ., the Thai script model knows Latin too) is
read again with Latin letters barred, and that reading kept unless much less sure.
Every region is read as an image of its own with the same white margin (CropReader).
"""

from __future__ import annotations

import statistics

import numpy as np

from extract.ocr.marks import rejoin_marks
from extract.ocr.tesseract import (
    PSM_BLOCK,
    PSM_LINE,
    CropReader,
    Word,
    tesseract_available,
)
from extract.ocr.text import by_line
from extract.ocr.thai_digits import has_thai_digit
from extract.settings import ExtractSettings

# A first read whose mean word confidence is under this gets a second look.
DOUBTFUL = 80.0
# A word under this confidence makes its line doubtful.
LOW_WORD = 50.0
# A line read without Latin letters (where the first reading ran them into Thai) replaces
# it unless its mean confidence is this much lower.
MIXED_LOSS = 20.0
# A line read again is read this many pixels above and below its words' boxes.
LINE_PAD = 2
# Each region of a cell is read as an image of its own, its ink with this white margin
# (inches) all round (extract/ocr/tesseract.py CropReader).
PAD_INCH = 0.05
_PLAIN = set(" .,-/():%'\"+&*") | {chr(c) for c in range(0x0E01, 0x0E5C)} | set("0123456789")


def _mean(words: list[Word]) -> float:
    return statistics.fmean(w.confidence for w in words) if words else 0.0


def _mixed(line: list[Word]) -> bool:
    """A Latin letter run together with Thai in one space-separated token: the Latin
    letters of the Thai script model (and of English) stand in for Thai ones there (ก.พ.
    read as N.พ.); a Latin word in a Thai line stands apart (โครงการ KM)."""
    token = ""
    for word in [*line, None]:
        if word is None or word.space_before:
            latin = any(ch.isascii() and ch.isalpha() for ch in token)
            if latin and any("\u0e01" <= ch <= "\u0e5b" for ch in token):
                return True
            token = ""
        if word is not None:
            token += word.text
    return False


def _suspect(line: list[Word]) -> bool:
    """Latin letters or symbols the Thai model makes of Latin, or a word it was unsure of."""
    return any(w.confidence < LOW_WORD or not set(w.text) <= _PLAIN for w in line)


class CellReader:
    def __init__(self, clean: np.ndarray, settings: ExtractSettings) -> None:
        self._dpi = settings.ocr_dpi
        pad = round(PAD_INCH * settings.ocr_dpi)
        self._thai = CropReader(clean, settings.ocr_lang, settings.ocr_dpi, pad)
        langs = settings.ocr_lang.split("+")
        self._latin = (
            None if "eng" in langs or not tesseract_available("eng")
            else CropReader(clean, settings.ocr_lang + "+eng", settings.ocr_dpi, pad)
        )  # fmt: skip

    def read(self, box: tuple[int, int, int, int]) -> list[Word]:
        """The words of the cell whose ink lies in `box` (x0, top, x1, bottom)."""
        thai = self._thai
        lines = rejoin_marks(by_line(thai.words(box, psm=PSM_BLOCK)), thai, box)
        words = [w for line in lines for w in line]
        if len(lines) <= 1:
            if _mean(words) >= DOUBTFUL and not _suspect(words):
                return words
            tries = [words, thai.words(box, psm=PSM_LINE)]
            if not any(has_thai_digit(w.text) for w in words):
                tries.append(self._latin_line(box))
            return self._unmixed(max(tries, key=_mean), box)
        out: list[Word] = []
        for line in lines:
            if _suspect(line) and not any(has_thai_digit(w.text) for w in line):
                line_box = self._line_box(line, box)
                again = self._latin_line(line_box)
                if _mean(again) > _mean(line) and not (_mixed(again) and not _mixed(line)):
                    line = again
                line = self._unmixed(line, line_box)
            out.extend(line)
        return out

    def _unmixed(self, line: list[Word], box: tuple[int, int, int, int]) -> list[Word]:
        """`line`, or where it runs Latin letters into Thai, `box` read as one line without
        Latin letters if that reading is not much less sure."""
        if not _mixed(line):
            return line
        again = self._thai.words(box, psm=PSM_LINE, latin=False)
        if again and not _mixed(again) and _mean(again) >= _mean(line) - MIXED_LOSS:
            return again
        return line

    def _line_box(
        self, line: list[Word], cell: tuple[int, int, int, int]
    ) -> tuple[int, int, int, int]:
        """The box of one line's words, a little wider; only a pixel or two taller, so that
        the marks of the lines above and below stay out of it (lines of a narrow cell sit
        close)."""
        pad = round(0.05 * self._dpi)
        return (max(cell[0], min(w.x0 for w in line) - pad),
                max(cell[1], min(w.top for w in line) - LINE_PAD),
                min(cell[2], max(w.x1 for w in line) + pad),
                min(cell[3], max(w.bottom for w in line) + LINE_PAD))  # fmt: skip

    def _latin_line(self, box: tuple[int, int, int, int]) -> list[Word]:
        """The box read as one line with English added; nothing where it is not installed."""
        return [] if self._latin is None else self._latin.words(box, psm=PSM_LINE)
