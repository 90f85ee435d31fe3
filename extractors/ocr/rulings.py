"""Ruling lines recovered from a page image (OpenCV morphology), as segments in PDF points.

Long thin runs of ink survive an opening with a long line-shaped kernel; characters do not.
The lead's grid engine snaps and intersects these segments exactly as it does a text
layer's lines, so each segment is extended a little to close scan gaps at the joints.
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.model import Ruling
from extractors.ocr.bold_rows import bridged_rows, carried_columns, outside_text, paper_level
from extractors.ocr.faint_rulings import complete_rulings
from extractors.ocr.ruling_ends import trim_glyph_ends

MIN_LINE_PT = 30.0  # shorter runs count only as short vertical rulings (below)
# The rulings between the 类|款|项 sub-columns of a one-row header are ~12-20 pt long; the
# mapper needs them to read function codes.  A vertical run that short counts only when
# long horizontal rulings meet both its ends AND it stands clear of other ink on both
# sides: the vertical strokes of characters filling a tight header row (a 西安 table) meet
# both rulings too, but always have the rest of their character right next to them.
SHORT_LINE_PT = 8.0
CLEAR_FROM_PT, CLEAR_TO_PT = 1.5, 4.0  # the strip beside a short run that must be blank
CLEAR_MAX_INK = 0.03
# Between MIN_LINE_PT and this, a run counts only if it meets a perpendicular ruling: the
# aligned horizontal strokes of a few CJK characters (一, 二, 三 …) make free-standing runs
# that long, a cell border never stands free.
FREE_LINE_PT = 90.0
MAX_THICK_PT = 4.0  # thicker runs are filled bars or photos, not rulings
EXTEND_PT = 2.0


def find_rulings(gray: np.ndarray, scale: float, trim_strokes: bool = False) -> list[Ruling]:
    """Horizontal and vertical ruling segments; `scale` is pixels per point.

    `trim_strokes` (clean renderings: pictures pasted on digital pages) cuts back column
    rulings carried through a header row by character strokes (ruling_ends).  Not on
    scans: there a thick, jagged border drifts off its pixel column and the check cut the
    top of real borders (their stubs read as "F" before the row codes, 西安 at 150 dpi).
    """
    ink = cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15
    )
    length = max(8, int(SHORT_LINE_PT * scale))
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
    h = [r for r in found[True] if _length(r) >= MIN_LINE_PT]
    paper = paper_level(gray)
    h = bridged_rows(outside_text(h, ink, scale), gray, paper, scale)
    v_long = [r for r in found[False] if _length(r) >= MIN_LINE_PT]
    v_long = carried_columns(v_long, gray, paper, scale, EXTEND_PT)
    if trim_strokes:
        v_long = trim_glyph_ends(ink, v_long, h, scale, EXTEND_PT)
    v_short = [
        r
        for r in found[False]
        if _length(r) < MIN_LINE_PT and _both_ends_on(r, h) and _clear_beside(ink, r, scale)
    ]
    found_all = [r for r in h if _anchored(r, v_long)] + [
        r for r in v_long + v_short if _anchored(r, h)
    ]
    return found_all + complete_rulings(gray, scale, found_all)


def _length(r: Ruling) -> float:
    return max(r.x1 - r.x0, r.bottom - r.top)


def _both_ends_on(r: Ruling, horizontals: list[Ruling]) -> bool:
    tol = EXTEND_PT + 1.0
    ends = (r.top + EXTEND_PT, r.bottom - EXTEND_PT)
    return all(
        any(o.x0 - tol <= r.x0 <= o.x1 + tol and abs(o.top - y) <= tol for o in horizontals)
        for y in ends
    )


def _clear_beside(ink: np.ndarray, r: Ruling, scale: float) -> bool:
    """Is the strip beside the run (its ends left out) blank on both sides?"""
    y0 = round((r.top + 2 * EXTEND_PT) * scale)
    y1 = round((r.bottom - 2 * EXTEND_PT) * scale)
    x = r.x0 * scale
    near, far = round(CLEAR_FROM_PT * scale), round(CLEAR_TO_PT * scale)
    if y1 <= y0:
        return False
    for a, b in ((round(x) - far, round(x) - near), (round(x) + near, round(x) + far)):
        strip = ink[y0:y1, max(0, a) : max(0, b)]
        if strip.size == 0 or float((strip > 0).mean()) > CLEAR_MAX_INK:
            return False
    return True


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
        if long_px < SHORT_LINE_PT * scale or thick_px > MAX_THICK_PT * scale:
            continue
        if horizontal:
            yc = (y + h / 2) / scale
            segs.append(Ruling(x / scale - ext, yc, (x + w) / scale + ext, yc))
        else:
            xc = (x + w / 2) / scale
            segs.append(Ruling(xc, y / scale - ext, xc, (y + h) / scale + ext))
    return segs
