"""Column rulings carried through a header row by the strokes of its characters, cut back.

rulings.py closes 1-2 px breaks before it looks for long runs, so a column line that ends
under a spanning header cell ("一般公共预算拨款安排的“三公”经费预算" over 小计 | 因公出国 |
公务接待费) continues upwards wherever a vertical stroke of that cell's text stands on
it, in small print nearly a row high.  The false stretch cut the spanning title into
pieces ("一般公共预" | "预算拨款安排的…"), its columns lost the word 三公 and the table its
三公 total (西安 表13 pasted at 150 dpi).  A ruling's end stretch, from its last crossing
ruling to the one before, must be ink along the line's own pixel column: on that page the
printed lines' end stretches are 93-100% ink there, the stroke columns 40-67% (a stroke
stops short of the rulings above and below its row, or stands a pixel off the line).
"""

from __future__ import annotations

import numpy as np

from extractors.model import Ruling

# Share of an end stretch's pixel rows that must hold ink on the line's pixel column.
END_COVER = 0.75
# ...and the strip SIDE_FROM_PT-SIDE_TO_PT points to each side must be at least this
# share ink (the stroke's character around it; measured 0.08-0.34 where a column of
# strokes made the stretch, 0.00-0.03 beside the printed lines on that page).
SIDE_INK = 0.05
SIDE_FROM_PT, SIDE_TO_PT = 0.7, 3.0
# Pixels left out at each crossing (the crossing line's own ink) and searched sideways
# for where the line really runs next to the stretch (a slightly slanted line drifts).
END_PX, DRIFT_PX, PROBE_PX = 3, 3, 10


def trim_glyph_ends(
    ink: np.ndarray, vertical: list[Ruling], horizontal: list[Ruling], scale: float, ext: float
) -> list[Ruling]:
    """`vertical` with each end stretch the ink does not cover cut back to its crossing.

    `ink` is the unbridged ink mask (255 or 1 for ink); `ext` the points a found segment
    was extended past its ink.
    """
    return [_trimmed(ink, r, horizontal, scale, ext) for r in vertical]


def _trimmed(
    ink: np.ndarray, r: Ruling, horizontal: list[Ruling], scale: float, ext: float
) -> Ruling:
    tol = ext + 1.0
    ys = sorted(
        {
            h.top
            for h in horizontal
            if h.x0 - tol <= r.x0 <= h.x1 + tol and r.top - tol <= h.top <= r.bottom + tol
        }
    )
    if len(ys) < 3:
        return r  # cutting an end stretch would leave at most one cell's side
    top, bottom = r.top, r.bottom
    if _through_text(ink, r.x0, ys[0], ys[1], ys[1], scale):
        top = ys[1] - ext
    if _through_text(ink, r.x0, ys[-2], ys[-1], ys[-2], scale):
        bottom = ys[-2] + ext
    return r if (top, bottom) == (r.top, r.bottom) else Ruling(r.x0, top, r.x1, bottom)


def _through_text(
    ink: np.ndarray, x_pt: float, a: float, b: float, kept: float, scale: float
) -> bool:
    """A stretch the line's own column does not cover, with ink on both sides of it (a
    noisy scan's line breaks too, but with paper beside it)."""
    if _cover(ink, x_pt, a, b, kept, scale) >= END_COVER:
        return False
    y0, y1 = round(a * scale) + END_PX, round(b * scale) - END_PX
    x, near, far = x_pt * scale, round(SIDE_FROM_PT * scale), round(SIDE_TO_PT * scale)
    sides = [
        ink[y0:y1, max(0, round(x) + lo) : max(0, round(x) + hi)]
        for lo, hi in ((-far, -near), (near, far))
    ]
    return all(s.size and float((s > 0).mean()) >= SIDE_INK for s in sides)


def _cover(ink: np.ndarray, x_pt: float, a: float, b: float, kept: float, scale: float) -> float:
    """Share of rows between crossings `a` and `b` inked on the line's own pixel column,
    taken where the line runs just beyond `kept`, the crossing on the side that stays (a
    character's stroke is a pixel or two off it, or stops short of the crossings)."""
    y0, y1 = round(a * scale) + END_PX, round(b * scale) - END_PX
    if y1 <= y0:
        return 1.0
    x = _line_column(ink, round(x_pt * scale), round(kept * scale), kept == b)
    return float((ink[y0:y1, x] > 0).mean())


def _line_column(ink: np.ndarray, x: int, y: int, below: bool) -> int:
    y0, y1 = (y + END_PX, y + END_PX + PROBE_PX) if below else (y - END_PX - PROBE_PX, y - END_PX)
    lo = max(0, x - DRIFT_PX)
    probe = ink[max(0, y0) : max(0, y1), lo : x + DRIFT_PX + 1]
    if probe.size == 0:
        return min(x, int(ink.shape[1]) - 1)
    return lo + int(np.argmax((probe > 0).sum(axis=0)))
