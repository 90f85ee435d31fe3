"""Text lines of a ruled page found without the text detector: cells, ink bands, gaps.

On a ruled table every piece of text sits inside a cell the rulings enclose, so the cells
themselves are the detector: inside each one the rows that hold ink are the text lines and
wide blank gaps split a line into separate words.  Text outside the grid (title, unit
line, notes) is printed text on a blank background and is cut the same way.  This costs a
few milliseconds where the DB detector costs ~0.8 CPU-s per page, and the crops are tight,
so recognition reads fewer pixels too.

Everything here works in pixels of the upright, deskewed page image.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import cv2
import numpy as np

from extractors.model import Ruling

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 pixels, end-exclusive
Spans = list[tuple[int, int] | None]

# A cell taller than this share of the page is a frame around the page or a text box, not
# a table cell: its content is cut like the text outside the grid.
MAX_CELL_SHARE = 0.12
# ...but a picture pasted on a digital page is only the table: there the share would turn
# a two- or three-line header cell away, so a cell up to an inch tall is always a cell.
MAX_CELL_PT = 72.0
# A frame encloses other cells, so its region is far from filling its box; a taller cell
# that fills this share of its box is a cell (a project row with a paragraph of 简介).
RECT_SHARE = 0.9
# Below this many enclosed cells a page has no usable grid (a box around a title, say).
MIN_CELLS = 6
# Ink rows separated by at most this share of the line height belong to one text line.
ROW_JOIN = 0.25
# A blank gap wider than this many line heights splits a line into two words.
WORD_GAP = 1.2
# Crop margin around the ink, in line heights, taken from the page (rulings and all).
# Measured on the synthetic scans: at 0.3-0.8 a thin leading minus at the crop's edge was
# read as "." (1-2 of 180 amounts); at 1.0, about what a detector box leaves, none were.
# A white frame instead of page pixels was worse (the recogniser was trained on real
# background).  Vertically less: the recogniser scales a crop to 48 px high, so with a
# line of margin above and below the digits are 16 px high and about one CTC frame wide,
# and a doubled digit collapses into one ("22,118,861" read "2,118,861", "2,070,000.00"
# read "2,070,0000" on 150 dpi scans of real budgets); at 0.5 the same cells read right.
MARGIN_Y = 0.5
MARGIN_X = 1.0
# A word's box is its ink plus this share of its height above and below: about the em box
# a text layer reports, so OCR words line up with rows as digital words do.
WORD_PAD = 0.15
# Bands lower than this share of the page's typical text line are specks or dots.
MIN_BAND_SHARE = 0.3
RULING_PX = 3  # line thickness drawn when rebuilding the grid from its segments


@dataclass(slots=True)
class Segments:
    """Tight ink boxes of the text lines, and how many grid cells the page has."""

    boxes: list[Box]
    cells: int


def ink_mask(gray: np.ndarray, skip: np.ndarray | None = None) -> np.ndarray:
    """Ink as 1, background 0: Otsu on a lightly smoothed copy so JPEG speckle stays light.

    `skip` (non-zero where the rulings are) leaves those pixels out of choosing the
    threshold.  Small print is grey where rulings are black: on a dense table of 6-pt
    figures (西安 三公 表 pasted at 150 dpi) the rulings outweighed the text, Otsu split
    black from grey at 168 and most digits fell to background in pieces ("28.38" cut
    into "28" and "38", "21.22" lost); without the rulings it splits grey from paper.
    """
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    if skip is None or not np.any(skip == 0):
        _, mask = cv2.threshold(smooth, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        return mask
    level, _ = cv2.threshold(
        np.ascontiguousarray(smooth[skip == 0]).reshape(-1, 1), 0, 1,
        cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU,
    )  # fmt: skip
    return (smooth <= level).astype(np.uint8)


def grid_cells(shape: tuple[int, ...], rulings: list[Ruling], scale: float) -> list[Box]:
    """Pixel boxes of the regions the rulings enclose (merged cells come out merged)."""
    h, w = shape[:2]
    lines = np.zeros((h, w), np.uint8)
    _draw(lines, rulings, scale, 255, RULING_PX)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(lines), connectivity=4)
    border = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])))
    cells = []
    tallest = max(MAX_CELL_SHARE * h, MAX_CELL_PT * scale)
    for i in range(1, n):
        x, y, cw, ch, area = (int(v) for v in stats[i])
        frame = ch > tallest and area < RECT_SHARE * cw * ch
        if i in border or frame or cw < 4 or ch < 4:
            continue
        cells.append((x, y, x + cw, y + ch))
    return cells


def segment_page(
    gray: np.ndarray, rulings: list[Ruling], scale: float, clean: bool = False
) -> Segments | None:
    """Line crops for a ruled page, or None when the page has no grid to lean on.

    `clean` (a picture pasted on a digital page) chooses the ink threshold without the
    rulings (ink_mask).  Not on scans: there it helped 西安's 三公 table but cost 北京
    预算03表's 4.6-pt codes (tests/ocr/test_identity_choice.py).
    """
    cells = grid_cells(gray.shape, rulings, scale)
    if len(cells) < MIN_CELLS:
        return None
    # Rulings are not text: erase them (drawn a little thicker than found) before banding.
    lines = np.zeros(gray.shape[:2], np.uint8)
    _draw(lines, rulings, scale, 1, RULING_PX + 4)
    ink = ink_mask(gray, lines if clean else None)
    ink[lines > 0] = 0
    covered = np.zeros(ink.shape, bool)
    regions: list[Box] = []
    for x0, y0, x1, y1 in cells:
        covered[y0:y1, x0:x1] = True
        regions.append((x0, y0, x1, y1))
    # Outside the grid: the whole page minus the cells, cut into blocks of text rows.
    outside = ink.copy()
    outside[covered] = 0
    per_region = [_pieces(ink, region) for region in regions]
    per_region.append(_pieces(outside, (0, 0, ink.shape[1], ink.shape[0])))
    heights = [b[3] - b[1] for boxes in per_region for b in boxes if b[3] - b[1] >= 3]
    if not heights:
        return Segments([], len(cells))
    typical = float(np.median(heights))
    boxes = [
        b
        for pieces in per_region
        for b in _join_rows(pieces, typical)
        if b[3] - b[1] >= MIN_BAND_SHARE * typical
    ]
    return Segments(boxes, len(cells))


def _pieces(ink: np.ndarray, region: Box) -> list[Box]:
    """Tight ink boxes of runs of ink rows inside a region, split at wide blank gaps."""
    x0, y0, x1, y1 = region
    sub = ink[y0:y1, x0:x1]
    out: list[Box] = []
    # Bridging 2 blank rows keeps noise-thinned strokes in one band.
    for top, bottom in ink_runs(sub.sum(axis=1) > 0, 2):
        band = sub[top:bottom]
        height = bottom - top
        for left, right in ink_runs(band.sum(axis=0) > 0, max(2, int(WORD_GAP * height))):
            piece = band[:, left:right]
            ys = np.flatnonzero(piece.sum(axis=1))
            # Lone specks (noise, a stray dot) are not words.
            if int(piece.sum()) < 6 or len(ys) == 0:
                continue
            out.append((x0 + left, y0 + top + int(ys[0]), x0 + right, y0 + top + int(ys[-1]) + 1))
    return out


def _join_rows(boxes: list[Box], typical: float) -> list[Box]:
    """Merge pieces stacked with a small vertical gap into one line (the strokes of 二, 三).

    Two pieces join when together they are no taller than a text line; the lines of a
    wrapped cell are each a line tall, so they stay apart.
    """
    merged: list[Box] = []
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        for i, m in enumerate(merged):
            overlap_x = min(b[2], m[2]) - max(b[0], m[0])
            span = max(b[3], m[3]) - min(b[1], m[1])
            if overlap_x > 0 and span <= (1 + ROW_JOIN) * typical:
                merged[i] = (min(b[0], m[0]), min(b[1], m[1]), max(b[2], m[2]), max(b[3], m[3]))
                break
        else:
            merged.append(b)
    return merged


def ink_runs(mask: np.ndarray, max_gap: int) -> list[tuple[int, int]]:
    """[start, end) runs of True, bridging gaps of at most max_gap."""
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return []
    breaks = np.flatnonzero(np.diff(idx) > max_gap + 1)
    starts = np.concatenate([[idx[0]], idx[breaks + 1]])
    ends = np.concatenate([idx[breaks], [idx[-1]]]) + 1
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


def with_margin(box: Box, shape: tuple[int, ...], mx: float, my: float) -> Box:
    """The box grown by mx, my line heights on each side, clipped to the image."""
    x0, y0, x1, y1 = box
    h = y1 - y0
    dx, dy = round(mx * h), round(my * h)
    return (max(0, x0 - dx), max(0, y0 - dy), min(shape[1], x1 + dx), min(shape[0], y1 + dy))


def line_crops(
    boxes: list[Box],
    shape: tuple[int, ...],
    mx: float,
    my: float,
    min_height: float = 0.0,
    spans: Spans | None = None,
) -> list[Box]:
    """Crops for recognising each box: with_margin, but never past half-way to the next line.

    A wrapped cell's two lines sit closer than a line height; with a full line of margin
    the crop of one line holds most of the other, and the recogniser mixes them (a
    bracket and a digit of "【2021】99号" lost to the line below).  The vertical margin
    stops half-way to the nearest box above or below that shares any columns.  A box lower
    than `min_height` is first grown about its centre to that height, and its margins are
    shares of that height.  `spans` (x0, x1 of each box's grid cell, or None) keep a
    crop inside its cell: see cell_spans.
    """
    crops = []
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    tops = [boxes[i][1] for i in order]
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        grow = max(0.0, min_height - (y1 - y0)) / 2
        grown = (x0, int(y0 - grow), x1, int(np.ceil(y1 + grow)))
        cx0, cy0, cx1, cy1 = with_margin(grown, shape, mx, my)
        # Only boxes starting within the margin can be the neighbours that matter.
        lo = bisect.bisect_left(tops, cy0 - (grown[3] - grown[1]))
        hi = bisect.bisect_right(tops, cy1)
        for j in order[lo:hi]:
            bx0, by0, bx1, by1 = boxes[j]
            if bx1 <= x0 or bx0 >= x1 or (bx0, by0, bx1, by1) == (x0, y0, x1, y1):
                continue
            if by1 <= y0:
                cy0 = max(cy0, min(grown[1], (by1 + y0) // 2))
            elif by0 >= y1:
                cy1 = min(cy1, max(grown[3], (y1 + by0 + 1) // 2))
        span = spans[k] if spans is not None else None
        if span is not None:
            cx0, cx1 = max(cx0, min(x0, span[0])), min(cx1, max(x1, span[1]))
        crops.append((cx0, max(0, cy0), cx1, min(shape[0], cy1)))
    return crops


def cell_spans(boxes: list[Box], cells: list[Box]) -> Spans:
    """(x0, x1) of the grid cell each box's centre lies in, or None outside the grid.

    A line's crop takes a line height of page on each side, and where text touches the
    ruling from both sides that margin takes in the next cell's glyphs: "48,362.82 |
    本年支出合计" read "48,362.824" and "2本年支出合计", a code beside its ruling
    "301081" (pasted 150 dpi tables, 昆明 and 西安).  Kept inside its cell, it cannot.
    """
    out: Spans = []
    for x0, y0, x1, y1 in boxes:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        cell = next((c for c in cells if c[0] <= cx < c[2] and c[1] <= cy < c[3]), None)
        out.append((cell[0], cell[2]) if cell is not None else None)
    return out


def _draw(mask: np.ndarray, rulings: list[Ruling], scale: float, value: int, px: int) -> None:
    for r in rulings:
        p0 = (round(r.x0 * scale), round(r.top * scale))
        p1 = (round(r.x1 * scale), round(r.bottom * scale))
        cv2.line(mask, p0, p1, value, px)
