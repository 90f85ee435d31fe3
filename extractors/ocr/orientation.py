"""Page orientation (0/90/180/270) from text boxes and the 0/180 line classifier.

Text lines are wide: if most detected boxes are tall, the page is turned a quarter.  Which
quarter, and whether an upright-looking page is upside down, the line classifier shipped
with rapidocr decides by majority vote over the largest lines (one line can fool it, a
page rarely does).  Rotation is reported like /Rotate: degrees clockwise the displayed
page must be turned to be read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from extractors.ocr.engine_types import Quad
from extractors.ocr.text_lines import crop_quad

SAMPLE = 16  # lines voted on: enough for a stable majority, cheap for the classifier
MIN_SIDE_PX = 12  # smaller boxes are specks, not text lines
BLOB_SMEAR_PT = 3.0
# Blobs longer than this are rulings or pictures; thicker ones are stamps or blocks of
# lines run together, which say nothing about the direction of a line.
BLOB_MAX_PT = 300.0
BLOB_MAX_THICK_PT = 30.0


def box_turned(quads: Sequence[Quad]) -> bool | None:
    """True if the text lines run vertically, False if horizontally, None if no text."""
    wide = tall = 0
    for q in quads:
        w = float(q[:, 0].max() - q[:, 0].min())
        h = float(q[:, 1].max() - q[:, 1].min())
        if min(w, h) < MIN_SIDE_PX:
            continue
        if w >= 1.5 * h:
            wide += 1
        elif h >= 1.5 * w:
            tall += 1
    if wide + tall == 0:
        return None
    return tall > wide


def detect_orientation(
    image: np.ndarray,
    quads: Sequence[Quad],
    upside_down: Callable[[Sequence[np.ndarray]], list[bool]],
) -> int:
    """Clockwise degrees (0, 90, 180, 270) to turn `image` so its text reads upright."""
    turned = box_turned(quads)
    if turned is None:
        return 0

    # The longest lines carry the most evidence for the classifier.
    def length(q: Quad) -> float:
        return float(np.ptp(q[:, 1]) if turned else np.ptp(q[:, 0]))

    sample = sorted(quads, key=length, reverse=True)[:SAMPLE]
    crops = []
    for q in sample:
        crop = crop_quad(image, q)
        if min(crop.shape[:2]) < MIN_SIDE_PX:
            continue
        crops.append(np.ascontiguousarray(np.rot90(crop, k=-1)) if turned else crop)
    if not crops:
        return 90 if turned else 0
    votes = upside_down(crops)
    flipped = sum(votes) > len(votes) / 2
    if turned:
        return 270 if flipped else 90
    return 180 if flipped else 0


def turn(image: np.ndarray, rotation: int) -> np.ndarray:
    """The image turned clockwise by `rotation` degrees (a multiple of 90)."""
    k = (rotation // 90) % 4
    return np.ascontiguousarray(np.rot90(image, k=-k)) if k else image


def turn_quads(quads: Sequence[Quad], rotation: int, shape: tuple[int, ...]) -> list[Quad]:
    """Box corners moved with `turn(image, rotation)`; `shape` is the image before turning."""
    h, w = shape[:2]
    out = []
    for q in quads:
        x, y = q[:, 0], q[:, 1]
        if rotation == 90:
            nx, ny = (h - 1) - y, x
        elif rotation == 180:
            nx, ny = (w - 1) - x, (h - 1) - y
        elif rotation == 270:
            nx, ny = y, (w - 1) - x
        else:
            nx, ny = x, y
        out.append(np.stack([nx, ny], axis=1).astype(np.float32))
    return out


def blob_quads(gray: np.ndarray, scale: float) -> list[Quad]:
    """Boxes of ink blobs the size of words, as quads: a detector-free input for the vote.

    Ink is smeared by about a third of a 10-pt character, which joins the glyphs of a word or
    number (they sit closer than that) but not neighbouring lines or cells; ruling lines
    come out as huge thin blobs and are dropped by size.
    """
    import cv2

    _, ink = cv2.threshold(
        cv2.GaussianBlur(gray, (3, 3), 0), 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU
    )
    k = max(3, round(BLOB_SMEAR_PT * scale))
    ink = cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    quads = []
    max_side = BLOB_MAX_PT * scale
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        if min(w, h) < MIN_SIDE_PX or max(w, h) > max_side or min(w, h) > BLOB_MAX_THICK_PT * scale:
            continue
        quads.append(np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32))
    return quads
