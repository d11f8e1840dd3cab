"""A real scan read by kmplan's OCR, against a transcription made by hand.

Page 1 of ../shared/realworld/scanned-announcement-fake-text-layer.pdf (a memo of a Thai
technical college, Thai digits throughout) was rendered, looked at, and its printed lines
written down in tests/data/realworld_transcription_fake_text_layer_p1.txt: the memo
heading and body, and the printed names and titles under the signatures. Handwriting (the
signatures, the received-stamp and the deputy's comment) is left out, and so are the
lines it crosses. Measured when written: 98.3% of the characters right (869 characters,
20 lines); the wrong ones are mostly the document number (๐๖๗๖/๒๕๖๘ read as ๐๒๓๒/๒๕๒๕)
and tone marks.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz.distance import Levenshtein

from extract.ocr import tesseract as tess
from extract.ocr.page import OcrPage, ocr_page
from extract.ocr.pool import render_page
from extract.settings import ExtractSettings

from ..conftest import SHARED, TEST_DATA

FAKE_LAYER = SHARED / "realworld" / "scanned-announcement-fake-text-layer.pdf"
TRANSCRIPTION = TEST_DATA / "realworld_transcription_fake_text_layer_p1.txt"
# The transcribed lines lie in these bands of the page (tops, in points from the top):
# the memo to its first signer's title, then the other printed names and the motto.
BANDS = [(72.0, 490.0), (572.0, 612.0), (716.0, 756.0), (785.0, 815.0)]
MIN_ACCURACY = 0.96


def _ocr(pdf: Path, number: int) -> OcrPage:
    """Page `number` of `pdf` read the way kmplan's OCR path reads it."""
    settings = ExtractSettings()
    document = pdfium.PdfDocument(pdf)
    try:
        image = render_page(document, number, settings.ocr_dpi)
        width, height = document[number - 1].get_size()
    finally:
        document.close()
    return ocr_page(image, number, width, height, settings)


@pytest.mark.skipif(not FAKE_LAYER.is_file(), reason="../shared/realworld is not present")
@pytest.mark.skipif(not tess.tesseract_available("tha"), reason="tesseract-ocr-tha missing")
def test_scanned_memo_reads_like_the_hand_transcription() -> None:
    page = _ocr(FAKE_LAYER, 1)
    lines = [ln.text for ln in page.content.lines if any(a <= ln.top <= b for a, b in BANDS)]
    got = "\n".join(" ".join(line.split()) for line in lines)
    want = TRANSCRIPTION.read_text(encoding="utf-8").strip()
    accuracy = 1 - Levenshtein.normalized_distance(got, want)
    assert accuracy >= MIN_ACCURACY, (accuracy, got)
    assert len(lines) == len(want.splitlines())
    assert "วันที่ ๑๙ กุมภาพันธ์ ๒๕๖๘" in got  # Thai digits, read from the image


@pytest.mark.skipif(not FAKE_LAYER.is_file(), reason="../shared/realworld is not present")
@pytest.mark.skipif(not tess.tesseract_available("tha"), reason="tesseract-ocr-tha missing")
def test_thai_digit_cells_of_the_scanned_table_are_read() -> None:
    page = _ocr(FAKE_LAYER, 3)
    assert len(page.content.grids) == 1
    header, row = ([c and c.text for c in r.cells] for r in page.content.grids[0].rows)
    assert header[:3] == ["ลำดับที่", "รหัสแผนจัดซื้อจัดจ้าง", "ชื่อโครงการ"]
    assert row[0] == "๑"
    assert row[3] == "๙๔๔,๘๐๐.๐๐"  # the budget, as the scan prints it
    assert row[2] == "โครงการสนับสนุนค่าอุปกรณ์การเรียนของนักเรียนสายอาชีพ อาชีวศึกษา (รัฐ)"


VOTE_LOG = SHARED / "realworld" / "mixed-scanned-vote-log.pdf"
VOTE_LOG_P3 = TEST_DATA / "realworld_transcription_vote_log_p3.txt"


@pytest.mark.skipif(not VOTE_LOG.is_file(), reason="../shared/realworld is not present")
@pytest.mark.skipif(not tess.tesseract_available("tha"), reason="tesseract-ocr-tha missing")
def test_scanned_vote_log_names_and_numbers_are_read() -> None:
    """Page 3 of the vote log is an image-only table without ruling lines: its first 11 rows
    (number, card number, name, party, vote) were transcribed by hand from the rendered page.
    Measured when written: 63 of the 66 words found; the misses are rare surnames
    (ลักษณวิศิษฏ์, โนนศรีชัย) and นายจีรเดช."""
    page = _ocr(VOTE_LOG, 3)
    texts = [line.text for line in page.content.lines]
    texts += [c.text for g in page.content.grids for r in g.rows for c in r.cells if c]
    read = " ".join(texts)
    words = VOTE_LOG_P3.read_text(encoding="utf-8").split()
    missed = [w for w in words if w not in read]
    assert len(missed) <= 0.1 * len(words), missed
    assert "ผลการลงคะแนน" in read and "ไม่เห็นด้วย" in read
