"""Which way up a scanned page is: one decision per page, 0, 90, 180 or 270 degrees.

Sideways or not is told from the ink: with ruling lines removed, letters smeared along a
short horizontal kernel join into long flat blobs (text lines) when the text is upright,
and into long tall blobs under a vertical kernel when it runs sideways.

Upright or upside down is told from the ink too, by where the small marks sit: Thai stacks
its vowel and tone marks (and Latin its i and j dots) above the letters far more often than
below them, so on a page the right way up most marks lie just above a letter, and on a page
turned 180 degrees just below one. Only a page this leaves in doubt (few marks, or about as
many below as above), or one it finds upside down, is shown to Tesseract's OSD, which costs
more than a second a page; an upright page of text never is.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from extract.ocr.deskew import ink_mask
from extract.ocr.image_grid import ruling_masks
from extract.ocr.tesseract import orientation

_WORK_SIDE = 1000  # the sideways test runs on a copy whose longer side is this many pixels
_SMEAR = 9  # kernel length (work pixels): about one letter at the work size
_LONG = 4  # a text-line blob is this many times longer than it is thick ...
_MIN_LENGTH = 30  # ... and at least this long (work pixels)
# Sideways when tall text blobs outnumber flat ones this many times (upright pages of the
# samples have 3 to 10 times more flat blobs than tall ones).
_SIDEWAYS_RATIO = 2.0
_MIN_BLOBS = 5

# The marks test runs on a copy whose longer side is this many pixels (an A4 page at about
# 100 dpi: a tone mark is still a blob of its own, and the test costs well under 0.1 s).
_MARKS_SIDE = 1200
_MARK_HEIGHT = 0.5  # a mark is under this share of the letter height ...
_MARK_WIDTH = 1.2  # ... and narrower than this share of it
_MARK_REACH = 0.4  # a mark belongs to a letter within this share of the letter height
_MIN_AREA = 2  # work pixels: smaller blobs are scanner dust
# Marks above minus marks below, over both: upright pages of every sample score +0.3 to
# +0.95 (the same pages turned 180 degrees, the opposite). The ink decides when the score
# is at least this far from 0, and at least _SIGMAS standard deviations of a coin toss.
_MIN_SCORE = 0.25
_SIGMAS = 3.0


def _line_blobs(ink: np.ndarray, horizontal: bool) -> int:
    kernel = np.ones((1, _SMEAR) if horizontal else (_SMEAR, 1), np.uint8)
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, kernel)
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    length, thick = (stats[1:count, 2], stats[1:count, 3])
    if not horizontal:
        length, thick = thick, length
    return int(((length > _LONG * thick) & (length > _MIN_LENGTH)).sum())


def _text_ink(gray: np.ndarray, side: int) -> np.ndarray:
    """The ink of a copy of `gray` whose longer side is at most `side`, rules removed."""
    scale = min(1.0, side / max(gray.shape))
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small)
    horizontal, vertical = ruling_masks(ink)
    ink[(horizontal | vertical) > 0] = 0
    return ink


def is_sideways(gray: np.ndarray) -> bool:
    """The page's text runs up or down the image rather than across it."""
    ink = _text_ink(gray, _WORK_SIDE)
    flat, tall = _line_blobs(ink, True), _line_blobs(ink, False)
    return tall >= _MIN_BLOBS and tall > _SIDEWAYS_RATIO * flat


def marks_above_below(ink: np.ndarray) -> tuple[int, int]:
    """How many small marks of the ink mask sit just above a letter, and how many just
    below one (a mark as near to a letter on either side counts for neither)."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights, widths, areas = stats[:, 3], stats[:, 2], stats[:, 4]
    sized = areas > 5 * _MIN_AREA
    sized[0] = False  # the background
    if not sized.any():
        return 0, 0
    letter = float(np.median(heights[sized]))
    body = (heights >= 0.6 * letter) & (heights <= 1.6 * letter) & (widths <= 3 * letter)
    mark = (heights < _MARK_HEIGHT * letter) & (widths < _MARK_WIDTH * letter)
    mark &= areas > _MIN_AREA
    body[0] = mark[0] = False
    bodies = body[labels].astype(np.uint8)
    reach = max(2, round(_MARK_REACH * letter))
    down = np.zeros((2 * reach + 1, 1), np.uint8)
    down[reach:] = 1  # dilating with it marks the pixels that have a letter below them
    over_letter = cv2.dilate(bodies, down, anchor=(0, reach)) > 0
    under_letter = cv2.dilate(bodies, down[::-1].copy(), anchor=(0, reach)) > 0
    in_mark = mark[labels]
    above = np.bincount(labels[in_mark & over_letter & ~under_letter], minlength=count) > 0
    below = np.bincount(labels[in_mark & under_letter & ~over_letter], minlength=count) > 0
    return int((above & ~below)[mark].sum()), int((below & ~above)[mark].sum())


def _ink_says_upside_down(ink: np.ndarray) -> bool | None:
    """True or False when the marks tell clearly which way up the text is, else None."""
    above, below = marks_above_below(ink)
    total = above + below
    if total == 0:
        return None
    score = (above - below) / total
    if abs(score) < max(_MIN_SCORE, _SIGMAS / math.sqrt(total)):
        return None
    return score < 0


def _half_turn(gray: np.ndarray, ink: np.ndarray) -> bool:
    """`gray` (text running across) is upside down. The ink decides an upright page; OSD,
    where installed, has the last word on a page the ink finds upside down or cannot tell."""
    by_ink = _ink_says_upside_down(ink)
    if by_ink is False:
        return False
    by_osd = orientation(gray)
    if by_osd in (0, 180):
        return by_osd == 180
    return bool(by_ink)


def turn_clockwise(gray: np.ndarray, degrees: int) -> np.ndarray:
    """The image turned by a multiple of 90 degrees clockwise (its sides swap at 90, 270)."""
    codes = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}  # fmt: skip
    return gray if degrees % 360 == 0 else cv2.rotate(gray, codes[degrees % 360])


def upright_turn(gray: np.ndarray) -> int:
    """Degrees (0, 90, 180 or 270) to turn the page clockwise so that its text reads upright."""
    quarter = 90 if is_sideways(gray) else 0
    across = turn_clockwise(gray, quarter)
    return (quarter + (180 if _half_turn(across, _text_ink(across, _MARKS_SIDE)) else 0)) % 360
