"""Ruling lines recovered from a page image (OpenCV morphology), as segments in PDF points.

Long thin runs of ink survive an opening with a long line-shaped kernel; characters do not.
The lead's grid engine snaps and intersects these segments exactly as it does a text
layer's lines, so each segment is extended a little to close scan gaps at the joints.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.model import Ruling

# Shorter runs are dashes, underlines of one word, or strokes.  This also loses the short
# rulings between the 类|款|项 sub-columns of a one-row header (~12-20 pt): accepting
# runs that short when rulings meet both ends was tried and turned the vertical strokes
# of characters filling a tight header row (a 西安 table) into dozens of false columns.
MIN_LINE_PT = 30.0
# Between MIN_LINE_PT and this, a run counts only if it meets a perpendicular ruling: the
# aligned horizontal strokes of a few CJK characters (一, 二, 三 …) make free-standing runs
# that long, a cell border never stands free.
FREE_LINE_PT = 90.0
MAX_THICK_PT = 4.0  # thicker runs are filled bars or photos, not rulings
EXTEND_PT = 2.0


def find_rulings(gray: np.ndarray, scale: float) -> list[Ruling]:
    """Horizontal and vertical ruling segments; `scale` is pixels per point."""
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )
    length = max(15, int(MIN_LINE_PT * scale))
    found: dict[bool, list[Ruling]] = {}
    for horizontal in (True, False):
        kernel = cv2.getStructuringElement(
            cv2.MORPH_RECT, (length, 1) if horizontal else (1, length)
        )
        # Bridge 1-2 px breaks (noise, JPEG) before demanding a long run.
        bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 1) if horizontal else (1, 5))
        lines = cv2.morphologyEx(
            cv2.morphologyEx(ink, cv2.MORPH_CLOSE, bridge), cv2.MORPH_OPEN, kernel
        )
        found[horizontal] = _segments(lines, scale, horizontal)
    h, v = found[True], found[False]
    return [r for r in h if _anchored(r, v)] + [r for r in v if _anchored(r, h)]


def _anchored(r: Ruling, others: list[Ruling]) -> bool:
    if max(r.x1 - r.x0, r.bottom - r.top) >= FREE_LINE_PT:
        return True
    tol = EXTEND_PT
    return any(
        o.x0 - tol <= r.x1
        and r.x0 <= o.x1 + tol
        and o.top - tol <= r.bottom
        and r.top <= o.bottom + tol
        for o in others
    )


def _segments(mask: np.ndarray, scale: float, horizontal: bool) -> list[Ruling]:
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    segs = []
    ext = EXTEND_PT
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        long_px, thick_px = (w, h) if horizontal else (h, w)
        if long_px < MIN_LINE_PT * scale or thick_px > MAX_THICK_PT * scale:
            continue
        if horizontal:
            yc = (y + h / 2) / scale
            segs.append(Ruling(x / scale - ext, yc, (x + w) / scale + ext, yc))
        else:
            xc = (x + w / 2) / scale
            segs.append(Ruling(xc, y / scale - ext, xc, (y + h) / scale + ext))
    return segs
