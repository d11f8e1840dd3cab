"""Extraction settings, validated once (so bad values fail early, not mid-batch)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

OcrMode = Literal["auto", "always", "never"]


@dataclass(frozen=True)
class ExtractSettings:
    # Ruled tables: Word and LibreOffice draw every cell border, so lines find them.
    vertical_strategy: str = "lines"
    horizontal_strategy: str = "lines"
    snap_tolerance: float = 3.0
    # A header row must map at least this many cells to canonical columns.
    min_header_columns: int = 5
    # rapidfuzz ratio (0-100) a printed header cell needs to map to a column.
    header_cutoff: float = 55.0
    max_pages: int = 500
    extra_table_settings: dict[str, Any] = field(default_factory=dict)
    # OCR (extract/ocr/page.py). "auto": pages without a usable text layer only.
    ocr: OcrMode = "auto"
    ocr_lang: str = "tha"
    ocr_dpi: int = 200  # pages are rendered at this resolution for OCR
    # A text layer is unusable when fewer than this share of its visible characters are
    # Thai, Latin letters or digits ...
    ocr_min_usable_share: float = 0.8
    # ... or when an image covers this share of the page and under ocr_min_thai_share of
    # its letters are Thai (a scan carrying a Latin OCR layer of gibberish).
    ocr_image_cover: float = 0.6
    ocr_min_thai_share: float = 0.2
    # Rows whose lowest word confidence (0-100) is under this get `ocr-low-confidence`.
    ocr_min_confidence: float = 60.0
    ocr_workers: int | None = None  # OCR pages in parallel; None: one per core
    # Leave unread the pages that cannot hold a plan or its memo (extract/page_filter.py).
    page_filter: bool = True

    def __post_init__(self) -> None:
        strategies = {"lines", "lines_strict", "text", "explicit"}
        if self.vertical_strategy not in strategies or self.horizontal_strategy not in strategies:
            raise ValueError(f"table strategies must be among {sorted(strategies)}")
        if not 0 < self.header_cutoff <= 100:
            raise ValueError("header_cutoff must be in (0, 100]")
        if self.min_header_columns < 2 or self.max_pages < 1:
            raise ValueError("min_header_columns must be >= 2 and max_pages >= 1")
        if self.ocr not in ("auto", "always", "never"):
            raise ValueError("ocr must be auto, always or never")
        if not 50 <= self.ocr_dpi <= 600:
            raise ValueError("ocr_dpi must be in [50, 600]")
        shares = (self.ocr_min_usable_share, self.ocr_image_cover, self.ocr_min_thai_share)
        if not all(0 <= v <= 1 for v in shares) or not 0 <= self.ocr_min_confidence <= 100:
            raise ValueError("OCR shares must be in [0, 1] and ocr_min_confidence in [0, 100]")
        if self.ocr_workers is not None and self.ocr_workers < 1:
            raise ValueError("ocr_workers must be >= 1")

    def table_settings(self) -> dict[str, Any]:
        return {
            "vertical_strategy": self.vertical_strategy,
            "horizontal_strategy": self.horizontal_strategy,
            "snap_tolerance": self.snap_tolerance,
            **self.extra_table_settings,
        }
