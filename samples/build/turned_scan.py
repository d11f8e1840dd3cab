"""Scans of a plan with its pages turned a quarter or a half (no /Rotate entry).

  sci-faculty-km-plan-2566-upside-down-scan.pdf   the faculty plan scanned with page 1
                                                  upside down (180 degrees), page 2 upright

Each page is scanned as build_scans.py does (rasterized by poppler at 200 dpi in grey,
turned a little, noise, dust, JPEG) after the sheet is turned; a page turned a quarter is
placed on a page of swapped size. The sideways scan (variant_families.build_sideways_scan:
pages turned 90 and 270 degrees) is made here too, so the faculty plan is scanned in each of
the four turns. The truth of both is the faculty plan's: the same rows on the same pages.

Built by `.venv/bin/python -m samples.build.build_families sideways` (after `sci`).
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pdfplumber
import pikepdf
from PIL import Image

from . import build_scans as bsc
from .common import SAMPLES

UPSIDE_DOWN_SCAN_PDF = SAMPLES / "sci-faculty-km-plan-2566-upside-down-scan.pdf"
UPSIDE_DOWN_TURNS = (180, 0)  # degrees each page is turned counter-clockwise, in page order
_TRANSPOSE = {
    90: Image.Transpose.ROTATE_90,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_270,
}
_PROBE_SIDE = 50  # verify compares pages this small: a skew of 1.6 degrees blurs away


def scan_turned(source: Path, target: Path, turns: Sequence[int], producer: str) -> None:
    """Every page of `source` scanned after turning it turns[i] degrees counter-clockwise."""
    rng = np.random.default_rng(bsc.SEED)
    with tempfile.TemporaryDirectory(prefix="kmplan-turned-") as tmp:
        images = bsc.rasterize(source, Path(tmp))
        with pikepdf.open(source) as original, pikepdf.new() as out:
            pages = zip(original.pages, images, turns, strict=True)
            for page, image_path, turn in pages:
                with Image.open(image_path) as image:
                    turned = image.convert("L")
                if turn % 360:
                    turned = turned.transpose(_TRANSPOSE[turn % 360])
                jpeg, _ = bsc.scan_look(turned, rng)
                x0, y0, x1, y1 = (float(v) for v in page.mediabox)
                size = [0, 0, x1 - x0, y1 - y0] if turn % 180 == 0 else [0, 0, y1 - y0, x1 - x0]
                bsc.image_page(out, jpeg, turned.size, size)
            out.docinfo["/Producer"] = producer
            out.save(target, deterministic_id=True)


def _small(image: Image.Image) -> np.ndarray:
    scale = _PROBE_SIDE / max(image.size)
    size = (round(image.width * scale), round(image.height * scale))
    return np.asarray(image.convert("L").resize(size, Image.Resampling.BOX), dtype=np.float64)


def scanned_turns(source: Path, scan: Path) -> list[int | None]:
    """Which turn (0, 90, 180 or 270 counter-clockwise) of each page of `source` each page
    image of `scan` shows, told by comparing pixels; None when no turn is clearly closest."""
    found: list[int | None] = []
    with tempfile.TemporaryDirectory(prefix="kmplan-turned-") as tmp:
        images = bsc.rasterize(source, Path(tmp))
        with pikepdf.open(scan) as pdf:
            for page, image_path in zip(pdf.pages, images, strict=True):
                (image,) = page.get_images().values()
                got = Image.open(io.BytesIO(image.read_raw_bytes()))  # the JPEG itself
                with Image.open(image_path) as upright:
                    gaps = {}
                    for turn in (0, 90, 180, 270):
                        want = upright.transpose(_TRANSPOSE[turn]) if turn else upright
                        a, b = _small(got), _small(want)
                        if a.shape == b.shape:
                            gaps[turn] = float(np.abs(a - b).mean())
                best = sorted(gaps, key=gaps.__getitem__)
                clear = len(best) == 1 or gaps[best[0]] * 2 < gaps[best[1]]
                found.append(best[0] if clear else None)
    return found


def verify_turned_scan(source: Path, scan: Path, turns: Sequence[int]) -> list[str]:
    """Each page one image and no text, in the page size its turn gives, showing the
    source page turned as promised."""
    problems = []
    with pdfplumber.open(source) as upright, pdfplumber.open(scan) as pdf:
        if len(pdf.pages) != len(turns):
            return [f"{scan.name}: {len(pdf.pages)} pages, {len(turns)} turns"]
        pages = zip(pdf.pages, upright.pages, turns, strict=True)
        for number, (page, before, turn) in enumerate(pages, 1):
            if page.chars or len(page.images) != 1 or page.rotation:
                problems.append(f"page {number}: text, /Rotate or not exactly one image")
            landscape = (before.width > before.height) == (turn % 180 == 0)
            if (page.width > page.height) != landscape:
                problems.append(f"page {number} has the wrong orientation for a {turn} turn")
    shown = scanned_turns(source, scan)
    if shown != list(turns):
        problems.append(f"{scan.name}: the pages show turns {shown}, expected {list(turns)}")
    return problems
