"""LibreOffice's ActualText spans: plain pdfminer misreads Thai; kmplan reads it right."""

from __future__ import annotations

import subprocess
import sys

from ..conftest import BORN_DIGITAL

# Plain pdfplumber in a fresh interpreter (no kmplan module loaded).
_PLAIN = """
import sys, pdfplumber
with pdfplumber.open(sys.argv[1]) as pdf:
    print(pdf.pages[6].extract_text())
"""


def test_plain_pdfplumber_misreads_the_sample() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _PLAIN, str(BORN_DIGITAL)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "ลำดับ" not in out  # the trap is really in the file: ำ comes out broken
    assert "(cid:" in out or "\u0e4d\u0e32" in out or "ำา" in out


def test_kmplan_reads_the_same_page_correctly() -> None:
    import pdfplumber

    from extract.settings import ExtractSettings
    from extract.text.actual_text import ActualTextPage
    from extract.text.page_content import read_page

    with pdfplumber.open(BORN_DIGITAL) as pdf:
        content = read_page(ActualTextPage.of(pdf.pages[6]), 7, ExtractSettings())
    header = [cell.text for cell in content.grids[0].rows[0].cells if cell is not None]
    assert header[:3] == ["ลำดับ", "กิจกรรม", "วิธีการสู่ความสำเร็จ"]
    lines = " ".join(line.text for line in content.lines)
    assert "ชื่อหน่วยงาน : องค์การบริหารส่วนจังหวัดตาก (สำนักปลัดองค์การบริหารส่วนจังหวัด)" in lines
    assert "(cid:" not in lines
