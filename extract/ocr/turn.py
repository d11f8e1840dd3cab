"""Scanned pages whose text runs sideways (a landscape table scanned onto a portrait page).

Whether text runs across or up the page is told from the ink: with ruling lines removed,
letters smeared along a short horizontal kernel join into long flat blobs (text lines)
when the text is upright, and into long tall blobs under a vertical kernel when it runs
sideways. Which of the two sideways turns (90 or 270 degrees) reads upright is Tesseract's
OSD, asked only for pages found sideways.
"""

from __future__ import annotations

import cv2
import numpy as np

from extract.ocr.deskew import ink_mask
from extract.ocr.image_grid import ruling_masks
from extract.ocr.tesseract import orientation

_WORK_SIDE = 1000  # the test runs on a copy whose longer side is this many pixels
_SMEAR = 9  # kernel length (work pixels): about one letter at the work size
_LONG = 4  # a text-line blob is this many times longer than it is thick ...
_MIN_LENGTH = 30  # ... and at least this long (work pixels)
# Sideways when tall text blobs outnumber flat ones this many times (upright pages of the
# samples have 3 to 10 times more flat blobs than tall ones).
_SIDEWAYS_RATIO = 2.0
_MIN_BLOBS = 5


def _line_blobs(ink: np.ndarray, horizontal: bool) -> int:
    kernel = np.ones((1, _SMEAR) if horizontal else (_SMEAR, 1), np.uint8)
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    length, thick = (stats[1:count, 2], stats[1:count, 3])
    if not horizontal:
        length, thick = thick, length
    return int(((length > _LONG * thick) & (length > _MIN_LENGTH)).sum())


def is_sideways(gray: np.ndarray) -> bool:
    """The page's text runs up or down the image rather than across it."""
    scale = min(1.0, _WORK_SIDE / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small)
    horizontal, vertical = ruling_masks(ink)
    ink[(horizontal | vertical) > 0] = 0
    flat, tall = _line_blobs(ink, True), _line_blobs(ink, False)
    return tall >= _MIN_BLOBS and tall > _SIDEWAYS_RATIO * flat


def turn_clockwise(gray: np.ndarray, degrees: int) -> np.ndarray:
    """The image turned by a multiple of 90 degrees clockwise (its sides swap at 90, 270)."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}  # fmt: skip
    return gray if degrees % 360 == 0 else cv2.rotate(gray, codes[degrees % 360])


def upright_turn(gray: np.ndarray) -> int:
    """Degrees (0, 90 or 270) to turn the page clockwise so that its text runs across."""
    if not is_sideways(gray):
        return 0
    turned = turn_clockwise(gray, 90)
    # OSD of the page turned 90 degrees: upright (0) or upside down (180) from there.
    return 270 if orientation(turned) == 180 else 90
