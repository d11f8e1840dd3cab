"""The two renderers the test-data build scripts print their probe PDFs with.

Imported by tests/data/*/build.py (run by hand; the PDFs are kept in git).
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def docx_to_pdf(docx: Path) -> None:
    """`docx` printed by LibreOffice to a PDF of the same name beside it."""
    command = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent)]
    subprocess.run([*command, str(docx)], check=True, capture_output=True)


def html_to_pdf(source: Path, pdf: Path) -> None:
    """`source` printed by headless Chromium to `pdf`, without its header and footer."""
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        f"--print-to-pdf={pdf}",
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True)
