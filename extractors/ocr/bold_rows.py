"""Rulings of a table's bold 合计 row: kept where the bold print broke them, dropped inside it.

On 150 dpi scans of 北京's 预算03/06表 the bold figures of the 合计 row touch their cells'
rulings, and two things go wrong in rulings.py.  The adaptive threshold sees the dark
print beside a light ruling and loses the ruling's last stretch, so the column rulings stop
inside that row and its figures run together in one cell ("25,218.53758523,545.680500…").
And the figures' horizontal strokes, bridged, make a run as long as a ruling through the
middle of the row, which cuts every figure in half.  All is decided on the pixels:

- a column ruling that stops short of the bottom the table's frame reaches, by less than
  MAX_GAP_PT, is carried down to it when the line is there: most of the gap's rows are
  dark along it;
- a row ruling broken under bold figures is bridged where the line is there;
- a row ruling with ink right above AND right below most of its length, and rulings
  closer than a row's height above and below it, lies inside text.
"""

from __future__ import annotations

import numpy as np

from extractors.model import Ruling
from extractors.ocr.faint_rulings import MIN_DARKNESS

# A column ruling is carried down at most this far (a row of 6-pt print is 8-9 pt high).
MAX_GAP_PT = 12.0
MIN_GAP_PT = 1.0
# The table's frame: at least this many other column rulings beside this one (overlapping
# it down the page) reach lower; it is carried to the lowest bottom that many reach.
MIN_FRAME = 2
# Share of the gap's rows that must be dark on the ruling's line (within LINE_PX).
MIN_DARK_ROWS = 0.8
LINE_PX = 1
# Two pieces of one row ruling (tops this close) with a gap at most this wide between them
# are bridged where the line is there.
SAME_LINE_PT = 1.0
MAX_BRIDGE_PT = 30.0
# Strips this far above and below a row ruling (points), and the share of its length
# inked in both for it to lie inside text.
BESIDE_PT = (0.7, 1.8)
MAX_BESIDE_INK = 0.35
# No table row is this low (points): a ruling with others this close on both sides splits
# a row (北京 03表's bold row: 4.3 and 3.6 pt).
MAX_SPLIT_PT = 5.0


def paper_level(gray: np.ndarray) -> float:
    """The page's paper grey, which a line must be MIN_DARKNESS darker than."""
    return float(np.median(gray[::4, ::4]))


def carried_columns(
    verticals: list[Ruling], gray: np.ndarray, paper: float, scale: float, extend: float
) -> list[Ruling]:
    """`verticals`, those that stop just short of their table's bottom carried down.

    The line is looked for on the grey page, not on the thresholded ink that lost it.
    `extend`: how far rulings.py lets a ruling's ends overshoot.
    """
    out = []
    for v in verticals:
        frame = [
            o.bottom
            for o in verticals
            if o is not v and o.top <= v.bottom and v.top <= o.bottom and o.bottom > v.bottom
        ]
        if len(frame) < MIN_FRAME:
            out.append(v)
            continue
        bottom = sorted(frame)[-MIN_FRAME]
        # The frame's ends overshoot its bottom ruling (`extend` and a little more).
        gap, span = bottom - v.bottom, (v.bottom, bottom - 2 * extend)
        if MIN_GAP_PT <= gap <= MAX_GAP_PT and _line_there(gray, paper, scale, v.x0, span):
            out.append(Ruling(v.x0, v.top, v.x1, bottom))
        else:
            out.append(v)
    return out


def bridged_rows(
    horizontals: list[Ruling], gray: np.ndarray, paper: float, scale: float
) -> list[Ruling]:
    """`horizontals`, two pieces of one line joined over their gap where the line is on the
    grey page (under the bold figures of a 合计 row the threshold lost it).  Joined, not
    patched: a patch too short to meet a column ruling would be dropped as a stroke."""
    out: list[Ruling] = []
    for line in _lines(horizontals):
        pieces = sorted(line, key=lambda r: r.x0)
        run = pieces[0]
        for b in pieces[1:]:
            gap = (run.x1, b.x0)
            if 0 < b.x0 - run.x1 <= MAX_BRIDGE_PT and _line_there(
                gray.T, paper, scale, run.top, gap
            ):
                run = Ruling(run.x0, run.top, b.x1, run.top)
            else:
                out.append(run)
                run = b
        out.append(run)
    return out


def _lines(horizontals: list[Ruling]) -> list[list[Ruling]]:
    """Row rulings grouped by line: tops within SAME_LINE_PT of the line's first."""
    lines: list[list[Ruling]] = []
    for r in sorted(horizontals, key=lambda r: r.top):
        if lines and r.top - lines[-1][0].top <= SAME_LINE_PT:
            lines[-1].append(r)
        else:
            lines.append([r])
    return lines


def outside_text(horizontals: list[Ruling], ink: np.ndarray, scale: float) -> list[Ruling]:
    """`horizontals` without the runs of bold strokes through the middle of a text row.

    Such a run has the row's own rulings just above and below it, closer than any table
    row is high; a ruling of a dense table (西安's, text right up to it) does not.
    """
    return [
        h
        for h in horizontals
        if not (_between_rulings(h, horizontals) and _inside_text(h, ink, scale))
    ]


def _between_rulings(h: Ruling, horizontals: list[Ruling]) -> bool:
    # Pieces anywhere along the page: a faint table's rulings are still in pieces here.
    gaps = [o.top - h.top for o in horizontals]
    above = any(-MAX_SPLIT_PT <= g < -SAME_LINE_PT for g in gaps)
    below = any(SAME_LINE_PT < g <= MAX_SPLIT_PT for g in gaps)
    return above and below


def _line_there(
    gray: np.ndarray, paper: float, scale: float, x: float, span: tuple[float, float]
) -> bool:
    c = round(x * scale)
    y0, y1 = (round(y * scale) for y in span)
    strip = gray[y0:y1, max(0, c - LINE_PX) : c + LINE_PX + 1]
    if strip.size == 0:
        return False
    return float((strip.min(axis=1) < paper - MIN_DARKNESS).mean()) >= MIN_DARK_ROWS


def _inside_text(h: Ruling, ink: np.ndarray, scale: float) -> bool:
    y = round(h.top * scale)
    x0, x1 = max(0, round(h.x0 * scale)), round(h.x1 * scale)
    near, far = (round(p * scale) for p in BESIDE_PT)
    shares = []
    for a, b in ((y - far, y - near), (y + near + 1, y + far + 1)):
        strip = ink[max(0, a) : max(0, b), x0:x1]
        if strip.size == 0:
            return False
        shares.append(float(strip.any(axis=0).mean()))
    return min(shares) > MAX_BESIDE_INK
