"""Small-angle skew (±3°) of a scanned page, from the projection profiles of its ink.

A straight page has ink in sharp rows (text lines, rulings) and sharp columns (rulings,
aligned numbers); rotating by the right angle makes both profiles peakiest.  Scoring both
axes makes the estimate independent of a 90° turn, so it can run before orientation.
"""

from __future__ import annotations

import cv2
import numpy as np

MAX_SKEW = 3.0
# Below this the correction costs more (resampling blurs small digits) than it buys.
MIN_CORRECTION = 0.1
_WORK_SIDE = 1200  # estimate on a downscaled copy: the angle does not need full resolution


# ink_mask: darker than the mean of its ADAPTIVE_BLOCK x ADAPTIVE_BLOCK neighbourhood by
# ADAPTIVE_C (0..255).
ADAPTIVE_BLOCK, ADAPTIVE_C = 15, 12


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """Strokes and lines as 255: darker than their surroundings, not than the page.

    A global (Otsu) threshold also keeps grey-filled header cells; a filled block has a
    flat profile at any angle and pulled a mostly empty 北京 三公 page to 0.85° where it
    was turned 1.5° (its rulings then broke into pieces and the table was lost).
    """
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, ADAPTIVE_BLOCK, ADAPTIVE_C
    )


def estimate_skew(gray: np.ndarray) -> float:
    """Angle in degrees by which the content is turned counter-clockwise (0 if unsure)."""
    h, w = gray.shape[:2]
    factor = min(1.0, _WORK_SIDE / max(h, w))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    ys, xs = np.nonzero(ink_mask(small))
    if len(xs) < 200:
        return 0.0
    if len(xs) > 200_000:  # enough points for the profile; keeps the search fast
        keep = np.random.default_rng(0).choice(len(xs), 200_000, replace=False)
        xs, ys = xs[keep], ys[keep]
    xs = xs.astype(np.float32) - small.shape[1] / 2
    ys = ys.astype(np.float32) - small.shape[0] / 2

    def score(angle: float) -> float:
        a = np.deg2rad(angle)
        s, c = np.sin(a), np.cos(a)
        rows = np.bincount((xs * s + ys * c - ys.min() + 2 * small.shape[1]).astype(np.int64))
        cols = np.bincount((xs * c - ys * s - xs.min() + 2 * small.shape[0]).astype(np.int64))
        return float((rows.astype(np.float64) ** 2).sum() + (cols.astype(np.float64) ** 2).sum())

    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-6, 0.25)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.25, best + 0.25 + 1e-6, 0.05)
    best = float(max(fine, key=score))
    base = score(0.0)
    # A flat profile (photo, blank page) gives no real peak: do not rotate on noise.
    if score(best) < base * 1.02:
        return 0.0
    return round(best, 2)


def rotate_small(gray: np.ndarray, angle: float) -> np.ndarray:
    """Turn the image by -angle about its centre (canvas kept, so point positions hold)."""
    if abs(angle) < MIN_CORRECTION:
        return gray
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
