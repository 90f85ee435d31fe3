"""Official seals (公章) by colour: red rings and stars stamped over the page.

Seals are not a CDLA class, and they sit over figures: found by colour they can be
outlined for the reviewer and wiped from the image before recognition (ocr/render.py).
"""

from __future__ import annotations

import cv2
import numpy as np

from extractors.layout.kinds import Region

# A pixel is seal ink when red exceeds both green and blue by this much (0..255): red
# stamp ink measures 90-200 above; black text, grey noise and blue ink stay under 30.
RED_MARGIN = 60
# A seal is 3.5-5 cm across on paper (about 100-140 pt); a red mark under this side is a
# tick or a red character, over the upper one a coloured band or photo.
MIN_SIDE_PT, MAX_SIDE_PT = 40.0, 260.0
# Pure stamp red is grey 76; where it lies over black text the pixel is darker than this
# and belongs to the text.
SEAL_GREY_MIN = 50
# Ink is joined across this many points before measuring (the ring is broken by the text
# it is stamped over, and the inner star and characters stand apart from it).
JOIN_PT = 6.0


def red_mask(bgr: np.ndarray) -> np.ndarray:
    """uint8 mask (1 = seal-coloured ink) of a BGR image."""
    b, g, r = (bgr[:, :, i].astype(np.int16) for i in range(3))
    return ((r - np.maximum(g, b)) > RED_MARGIN).astype(np.uint8)


def seal_boxes(bgr: np.ndarray, scale: float) -> list[tuple[int, int, int, int]]:
    """Pixel boxes (x0, y0, x1, y1) of seal-sized red marks on a BGR page image."""
    mask = red_mask(bgr)
    if not mask.any():
        return []
    join = max(1, int(JOIN_PT * scale))
    joined = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (join, join)))
    n, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes = []
    grow = join // 2  # what the dilation added on each side
    for i in range(1, n):
        x, y, w, h, _area = (int(v) for v in stats[i])
        x, y, w, h = x + grow, y + grow, w - 2 * grow, h - 2 * grow
        if MIN_SIDE_PT * scale <= min(w, h) and max(w, h) <= MAX_SIDE_PT * scale:
            boxes.append((x, y, x + w, y + h))
    return boxes


def seal_regions(bgr: np.ndarray, scale: float) -> list[Region]:
    """Seals as regions in points; round ones (a seal's usual shape) are surer."""
    out = []
    for x0, y0, x1, y1 in seal_boxes(bgr, scale):
        ratio = (x1 - x0) / max(1, y1 - y0)
        score = 0.9 if 0.75 <= ratio <= 1.33 else 0.6
        out.append(Region("seal", (x0 / scale, y0 / scale, x1 / scale, y1 / scale), score))
    return out


def wipe_seals(bgr: np.ndarray, scale: float, seals: list[Region]) -> np.ndarray:
    """Grey image of `bgr` with the light red of `seals` (boxes in points) made paper white.

    Only inside the seals (a red title or red rule elsewhere stays), and only the light
    part: where the seal's red lies over black text the pixel is dark and stays dark, so
    the figure under the seal survives.
    """
    grey = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    # The ring's anti-aliased outer edge lies just outside the box of its solid ink.
    pad = max(2, int(JOIN_PT * scale) // 2)
    h, w = grey.shape[:2]
    for seal in seals:
        x0, y0, x1, y1 = (int(v * scale) for v in seal.bbox)
        x0, y0, x1, y1 = max(0, x0 - pad), max(0, y0 - pad), min(w, x1 + pad), min(h, y1 + pad)
        sub = grey[y0:y1, x0:x1]
        sub[(red_mask(bgr[y0:y1, x0:x1]) > 0) & (sub >= SEAL_GREY_MIN)] = 255
    return grey
