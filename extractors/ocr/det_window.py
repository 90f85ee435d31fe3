"""The text detector sees only the part of the page that has ink, at the same scale.

Detection was two thirds of a scanned page's CPU (cProfile, benchmarks/results/
speed_profile.md) and its cost grows with the pixels it is given, while a scanned page is
mostly margin and blank space.  The detector's copy is cut to the window around the ink,
its edges on the network's 32-pixel grid, so that every pixel inside the window goes
through the network exactly as before: the same boxes, for a fraction of the pixels.  A
smaller detector copy (fewer pixels, lower scale) was tried and lost a three-line table's
figures; this keeps the scale.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# rapidocr's detector resizes its input to multiples of this (the network's stride).
GRID = 32
# rapidocr scales an image up until its short side is this (limit_type "min").
MIN_SIDE = 736
# White kept around the ink, in detector pixels: the network sees a margin of real paper
# before its zero padding, as it did on the whole page.
PAD = 2 * GRID
# Ink for the window: this much darker than the paper after a 3x3 blur (scanner noise,
# JPEG speckle and a stray dot average out; print strokes stay dark).
INK_BELOW_PAPER = 16
# A window that keeps more than this share of the page is not worth a second code path.
MAX_SHARE = 0.85


@dataclass(frozen=True, slots=True)
class DetWindow:
    """The detector input: `image` cut at (x0, y0) from a copy sized (width, height)."""

    image: np.ndarray
    x0: int
    y0: int
    width: int
    height: int


def detector_size(h: int, w: int) -> tuple[int, int]:
    """(height, width) rapidocr resizes an image of this size to before detection.

    Its rule (limit_type "min", 736): small images are scaled up so that the short side
    is 736, then both sides rounded to multiples of 32.
    """
    ratio = MIN_SIDE / min(h, w) if min(h, w) < MIN_SIDE else 1.0
    return (
        int(round(int(h * ratio) / GRID) * GRID),
        int(round(int(w * ratio) / GRID) * GRID),
    )


def ink_window(gray: np.ndarray, keep_scale: bool = False) -> DetWindow | None:
    """The inked part of `gray` as the detector would see it, or None to use the whole.

    `keep_scale`: `gray` was shrunk on purpose (det_scale.py) and must not be scaled back
    up to the detector's minimum side; the whole of it is then a window too.
    """
    h, w = gray.shape[:2]
    dh, dw = _grid_size(h, w) if keep_scale else detector_size(h, w)
    if dh <= 0 or dw <= 0:
        return None
    sized = cv2.resize(gray, (dw, dh))  # the detector's own resize (bilinear)
    paper = float(np.median(sized[::4, ::4]))
    ink = cv2.blur(sized, (3, 3)) < paper - INK_BELOW_PAPER
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    y0, y1 = _span(int(rows[0]), int(rows[-1]) + 1, dh)
    x0, x1 = _span(int(cols[0]), int(cols[-1]) + 1, dw)
    if (y1 - y0) * (x1 - x0) > MAX_SHARE * dh * dw:
        return DetWindow(sized, 0, 0, dw, dh) if keep_scale else None
    return DetWindow(sized[y0:y1, x0:x1], x0, y0, dw, dh)


def _grid_size(h: int, w: int) -> tuple[int, int]:
    return max(GRID, round(h / GRID) * GRID), max(GRID, round(w / GRID) * GRID)


def _span(lo: int, hi: int, size: int) -> tuple[int, int]:
    """[lo, hi) grown by PAD, its ends on the 32-pixel grid, within [0, size)."""
    lo = max(0, (lo - PAD) // GRID * GRID)
    hi = min(size, -(-(hi + PAD) // GRID) * GRID)
    return lo, hi


def to_source(quad: np.ndarray, win: DetWindow, h: int, w: int) -> np.ndarray:
    """A box found in the window, in pixels of the (h, w) image it was cut from."""
    # Rounded to whole pixels as the detector rounds boxes it maps back to a whole page.
    out = quad.astype(np.float32).copy()
    out[:, 0] = np.clip(np.round((out[:, 0] + win.x0) * (w / win.width)), 0, w)
    out[:, 1] = np.clip(np.round((out[:, 1] + win.y0) * (h / win.height)), 0, h)
    return out
