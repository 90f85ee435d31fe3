"""Faint rulings completed between the rulings found across them.

Small tables printed with light grey hairlines (北京 预算03表: ~4.6 pt text) come out of a
noisy 150 dpi scan with each ruling broken into pieces: the morphology in rulings.py keeps
only the stretches that survived the noise unbroken.  Where a row ruling was lost, two rows
share one grid cell (read as one line, their figures joined) and the hairline stays in the
text crops; where a column ruling was lost in a header, the header words of several
columns fall into one box and read as nothing.  A ruling found somewhere along its line is
looked for in every span between the rulings that cross it, by the median darkness of the
line against the paper: text touching a line covers only part of a span, noise averages
out, and a band of text is never as thin as a hairline.
"""

from __future__ import annotations

import itertools

import numpy as np

from extractors.model import Ruling

# A span is a ruling when the median darkness (paper minus grey) of its darkest line, over
# the span's length, is at least this much...
MIN_DARKNESS = 18.0
# ...and the lines this many points to either side are at most this share as dark.
CLEAR_PT = 1.5
MAX_SIDE_SHARE = 0.5
# Lines within this many points of a found piece are searched for its hairline.
SEARCH_PT = 0.8
SAME_POS_PT = 1.0  # pieces this close are one ruling
# Only a page whose row rulings came out in at least this many pieces per row on average
# has faint hairlines (北京 预算03表: 3.1); whole rulings (1.0-1.2 on the other scans) are
# left as found: completing them there drew column lines through merged cells and split
# figures ("2,706.79" read as "2,706" and "6.79" on a 昆明 performance table).
FRAGMENTED = 2.0
END_PX = 3  # the crossing rulings themselves stay out of a span


def complete_rulings(gray: np.ndarray, scale: float, rulings: list[Ruling]) -> list[Ruling]:
    """Segments, one per span between crossing rulings, where a found ruling is faint."""
    horizontal = [r for r in rulings if r.top == r.bottom]
    vertical = [r for r in rulings if r.x0 == r.x1]
    row_positions = _positions([(r.top, r.x0, r.x1) for r in horizontal])
    if len(horizontal) < FRAGMENTED * max(1, len(row_positions)):
        return []
    paper = float(np.median(gray))
    rows = [
        Ruling(a, y, b, y)
        for y, a, b in _spans(gray, scale, paper, [(r.top, r.x0, r.x1) for r in horizontal],
                              [(r.x0, r.top, r.bottom) for r in vertical])
    ]  # fmt: skip
    cols = [
        Ruling(x, a, x, b)
        for x, a, b in _spans(gray.T, scale, paper, [(r.x0, r.top, r.bottom) for r in vertical],
                              [(r.top, r.x0, r.x1) for r in horizontal])
    ]  # fmt: skip
    return rows + cols


Line = tuple[float, float, float]  # position across, start and end along (points)


def _spans(
    gray: np.ndarray, scale: float, paper: float, found: list[Line], crossing: list[Line]
) -> list[Line]:
    """In `gray`'s frame the found lines run along axis 1 (rows); crossing ones along 0."""
    out: list[Line] = []
    for pos in _positions(found):
        stops = sorted({round(c[0], 1) for c in crossing if c[1] <= pos <= c[2]})
        for a, b in itertools.pairwise(stops):
            if _is_line(gray, scale, paper, pos, a, b):
                out.append((pos, a, b))
    return out


def _positions(found: list[Line]) -> list[float]:
    out: list[float] = []
    for pos in sorted(f[0] for f in found):
        if not out or pos - out[-1] > SAME_POS_PT:
            out.append(pos)
    return out


def _is_line(gray: np.ndarray, scale: float, paper: float, pos: float, a: float, b: float) -> bool:
    lo, hi = round(a * scale) + END_PX, round(b * scale) - END_PX
    if hi - lo < 2 * END_PX:
        return False
    c, reach = round(pos * scale), max(1, round(SEARCH_PT * scale))
    side = max(3, round(CLEAR_PT * scale))
    if c - reach - side < 0 or c + reach + side >= gray.shape[0]:
        return False
    band = gray[c - reach : c + reach + 1, lo:hi].astype(np.float32)
    dark = paper - np.median(band, axis=1)
    k = int(np.argmax(dark))
    best, at = float(dark[k]), c - reach + k
    if best < MIN_DARKNESS:
        return False
    return all(
        paper - float(np.median(gray[p, lo:hi])) <= MAX_SIDE_SHARE * best
        for p in (at - side, at + side)
    )
