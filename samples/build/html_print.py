"""Shared by the HTML-printed layout samples (letter_spacing, row_per_page, footnotes):
print with headless Chromium, pin the PDF, read the printed pages back with plain
pdfplumber, write the hand-written truth.

Nothing here imports kmplan: the checks read the PDF the way any reader would.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf

from .common import SAMPLES, arabic_digits, check_schema, thai_digits, write_jsonl
from .render import pin_metadata

__all__ = ["SAMPLES", "thai_digits"]


def as_truth_text(printed: str) -> str:
    """A printed text as the contract's text fields carry it: Thai digits as Arabic,
    whitespace (line breaks the author typed included) collapsed to single spaces."""
    return " ".join(arabic_digits(printed).split())


def letters(text: str) -> str:
    """Text to compare a page with: base letters only. Chromium's text layer carries the
    fonts' private-use mark codes and decomposed sara am; NFKC splits sara am, and marks,
    private-use codes and whitespace are dropped."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) not in ("Mn", "Co")
    )


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("chromium is not installed (apt-get install chromium)")


def print_html(html: str, out: Path) -> None:
    """`html` printed by headless Chromium to `out`, pinned so that a rebuild gives the
    same bytes."""
    with tempfile.TemporaryDirectory(prefix="kmplan-html-") as work:
        folder = Path(work)
        source = folder / "page.html"
        source.write_text(html, encoding="utf-8")
        printed = folder / "printed.pdf"
        command = [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={printed}",
            "--no-pdf-header-footer",
            source.as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        pin_metadata(printed, out)


def page_texts(path: Path) -> list[str]:
    """Each page's text as plain pdfplumber reads it."""
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def page_sizes(path: Path) -> list[tuple[float, float, int]]:
    """(width, height, /Rotate) of each page."""
    with pikepdf.open(path) as pdf:
        sizes = []
        for page in pdf.pages:
            box = [float(v) for v in page.mediabox]
            sizes.append((box[2] - box[0], box[3] - box[1], int(page.obj.get("/Rotate", 0))))
        return sizes


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SystemExit(f"layout check failed: {message}")


def write_truth(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    """The truth rows, checked against the contract's schema."""
    check_schema(rows, path.name.replace(".truth.jsonl", ".pdf"))
    write_jsonl(rows, path)


# A KM Process row of the contract in its field order, each field null (or the plan's
# defaults) until a builder states it: a sample's truth names only what its page shows.
_PLAN_ROW: dict[str, Any] = {
    **dict.fromkeys(
        (
            "organization",
            "fiscal_year",
            "announced_on",
            "reference_no",
            "signed_by",
            "department",
            "km_goal",
            "deliverable",
            "seq",
            "step",
            "activity",
            "method",
            "period_text",
            "period_start",
            "period_end",
            "indicator",
            "target",
            "target_percent",
            "target_comparator",
            "target_count",
            "target_unit",
            "responsible",
            "note",
            "page",
        )
    ),  # fmt: skip
    "plan_type": "km_process",
    "year_basis": "fiscal",
    **dict.fromkeys(
        ("element", "target_group", "budget_baht", "tacit_knowledge", "explicit_knowledge")
    ),
    "document_kind": "plan",
    **dict.fromkeys(("result_text", "status", "extra_columns", "ocr_confidence")),
}


def plan_row(**fields: Any) -> dict[str, Any]:
    """One truth row of a KM Process plan: `fields` over the defaults, in contract order."""
    unknown = fields.keys() - _PLAN_ROW.keys()
    if unknown:
        raise TypeError(f"not a field of the contract: {sorted(unknown)}")
    return {**_PLAN_ROW, **fields}
