"""Page images straightened: the skew of a scan (a couple of degrees); turn.py turns whole pages.

The skew is the angle at which the rows of ink are sharpest: the horizontal projection
profile of a turned page has the largest sum of squared differences between neighbouring
rows when the text lines and ruling lines lie level.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW = 3.0  # degrees searched either way
_WORK_WIDTH = 800  # the search runs on a copy this wide


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """255 where there is ink (dark on light), by Otsu's threshold."""
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _sharpness(ink: np.ndarray, angle: float) -> float:
    turned = rotate(ink, angle, fill=0)
    profile = turned.sum(axis=1, dtype=np.float64)
    return float(np.square(np.diff(profile)).sum())


def estimate_skew(gray: np.ndarray) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's lines; 0 when blank."""
    scale = min(1.0, _WORK_WIDTH / gray.shape[1])
    small = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ink = ink_mask(small)
    if not ink.any():
        return 0.0
    best = 0.0
    for step, span in ((0.25, MAX_SKEW), (0.05, 0.25)):
        angles = np.arange(best - span, best + span + step / 2, step)
        best = float(max(angles, key=lambda a: _sharpness(ink, float(a))))
    return round(best, 2)


def rotate(image: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """`image` turned by `angle` degrees counter-clockwise about its centre, same size."""
    if angle == 0:
        return image
    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=fill)


def deskew(gray: np.ndarray) -> tuple[np.ndarray, float]:
    angle = estimate_skew(gray)
    return rotate(gray, angle), angle
