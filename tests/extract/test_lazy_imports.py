"""Importing extract does no work: nothing patched, no OCR stack loaded for a text PDF.

Each check runs in a fresh interpreter, since the test session itself imports everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

from ..conftest import BORN_DIGITAL, ROOT

OCR_MODULES = ("cv2", "tesserocr", "pytesseract", "extract.ocr.pool", "extract.ocr.page")

_SNAPSHOT = """
import pdfplumber.page

def snapshot():
    # every name pdfplumber.page defines, and every attribute of its page and aggregator
    # classes, by identity: a patch replaces one of them
    return {
        "module": {k: id(v) for k, v in vars(pdfplumber.page).items()},
        "Page": {k: id(v) for k, v in vars(pdfplumber.page.Page).items()},
        "Aggregator": {
            k: id(v) for k, v in vars(pdfplumber.page.PDFPageAggregatorWithMarkedContent).items()
        },
    }
"""

_IMPORT_ONLY = (
    _SNAPSHOT
    + """
import json, sys
before = snapshot()
import extract
import extract.document  # the reader itself: extract's names load lazily
print(json.dumps({"unchanged": snapshot() == before,
                  "loaded": [m for m in sys.argv[1:] if m in sys.modules]}))
"""
)

_EXTRACT = (
    _SNAPSHOT
    + """
import json, sys
from pathlib import Path
before = snapshot()
import extract
doc = extract.extract_document(Path(sys.argv[1]))
with pdfplumber.open(sys.argv[1]) as pdf:
    plain = "".join(c["text"] for c in pdf.pages[6].chars)
print(json.dumps({
    "unchanged": snapshot() == before,
    "loaded": [m for m in sys.argv[2:] if m in sys.modules],
    "rows": sum(len(p.rows) for p in doc.plans),
    "ocr_pages": doc.ocr_pages,
    "plain_reads_lamdap": "ลำดับ" in plain,
}))
"""
)


def _run(script: str, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def test_importing_the_reader_patches_nothing_and_loads_no_ocr() -> None:
    result = _run(_IMPORT_ONLY, *OCR_MODULES, "numpy")
    assert result == {"unchanged": True, "loaded": []}


def test_a_born_digital_pdf_is_read_without_the_ocr_stack() -> None:
    result = _run(_EXTRACT, str(BORN_DIGITAL), *OCR_MODULES)
    assert result["loaded"] == []
    assert result["rows"] == 63 and result["ocr_pages"] == []
    # pdfplumber stays pdfplumber: after a whole extraction its own page class and
    # aggregator are the originals, and a plain page still misreads LibreOffice's สำ/ลำ
    # (only extract's pages honour ActualText).
    assert result["unchanged"] is True
    assert result["plain_reads_lamdap"] is False
