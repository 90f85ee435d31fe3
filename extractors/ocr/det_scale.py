"""Pages set in large type are detected on a smaller copy.

After det_window.py, detection was still a third of a scanned page's CPU, most of it on
prose pages (the explanatory text of a budget is set in 三号/四号 type: lines 22-29 px high
at the detector's scale, where table small print is 10-17 px).  The detector's cost grows
with its pixels and it finds a 16 px line as surely as a 26 px one, so a page whose
smallest line of text is tall is shrunk until that line is TARGET_PX high.  A detector
copy shrunk on every page lost a three-line table's small figures (speed_profile.md), so
the text height is measured first, and any doubt keeps the full scale.

The height is read from the rows of ink in a few vertical strips (runs of inked rows are
text lines; strips keep two columns whose lines do not align from merging into one tall
run).  Doubt: too few lines, a run taller than a line of text can be (a ruled block, a
picture, a seal), or lines of very different heights (small print somewhere).
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.det_window import INK_BELOW_PAPER, MIN_SIDE

# The smallest line is shrunk to this many pixels high (ink rows at the detector's
# scale): table small print is read at 10-17 px today.
TARGET_PX = 16
# No run of ink (however short: the end of a line) comes out lower than this; the
# smallest text the detector finds today is ~10 px high (its boxes; ink is lower).
FLOOR_PX = 12
# Ink row runs lower than this are rules, underlines or specks, not lines of text.
MIN_RUN_PX = 6
# A run higher than this is not one line of text: a block, a picture, a seal.
MAX_RUN_PX = 64
MIN_LINES = 3
STRIPS = 4
# Lines whose median is more than this times the smallest: mixed type sizes, no shrink.
SPREAD = 1.6
# Shrinking by less than this saves too little to be worth the coarser boxes.
MIN_GAIN = 0.9
MIN_FACTOR = 0.5


def line_heights(gray: np.ndarray) -> list[int]:
    """Heights of the runs of inked rows in each vertical strip of `gray`."""
    paper = float(np.median(gray[::4, ::4]))
    ink = cv2.blur(gray, (3, 3)) < paper - INK_BELOW_PAPER
    heights: list[int] = []
    for strip in np.array_split(ink, STRIPS, axis=1):
        rows = np.concatenate([[0], strip.any(axis=1).astype(np.int8), [0]])
        edges = np.diff(rows)
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        heights.extend(int(h) for h in ends - starts)
    return heights


def shrink_factor(gray: np.ndarray) -> float:
    """The scale (<= 1) at which to detect text on `gray`; 1.0 when in doubt.

    A small image (a picture cut from a page) is scaled up by the detector, so its pixel
    heights are not the detector's: left alone.
    """
    if min(gray.shape[:2]) < MIN_SIDE:
        return 1.0
    lines = [h for h in line_heights(gray) if h >= MIN_RUN_PX]
    if len(lines) < MIN_LINES or max(lines) > MAX_RUN_PX:
        return 1.0
    # A strip can hold only the end of a line ("一", a comma): its run is short.  Those
    # are the lowest few; the tenth percentile is the smallest type, and nothing at all
    # is shrunk below FLOOR_PX.
    typical = float(np.percentile(lines, 10))
    if float(np.median(lines)) > SPREAD * typical:
        return 1.0
    factor = max(TARGET_PX / typical, FLOOR_PX / min(lines), MIN_FACTOR)
    return factor if factor <= MIN_GAIN else 1.0
