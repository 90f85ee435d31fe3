"""Page images for OCR: pypdfium2 renders, grey, at a resolution chosen for text size."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from extractors.layout.seals import seal_regions, wipe_seals

# 200 dpi keeps 9-pt table digits ~25 px high, where PP-OCR reads them reliably; the cap on
# the long side keeps A3 sheets and oversized scans from costing 4x the time and memory.
DEFAULT_DPI = 200
MAX_LONG_SIDE = 2400
MIN_DPI = 110
# Seals (100-140 pt across) are found on a colour copy at this resolution.
SEAL_DPI = 36


@dataclass(frozen=True, slots=True)
class Rendered:
    image: np.ndarray  # uint8 grey, rows = displayed page top to bottom
    scale: float  # pixels per PDF point
    width_pt: float  # displayed page size in points
    height_pt: float


def choose_scale(width_pt: float, height_pt: float, dpi: int = DEFAULT_DPI) -> float:
    scale = dpi / 72.0
    long_side = max(width_pt, height_pt)
    if long_side * scale > MAX_LONG_SIDE:
        scale = max(MIN_DPI / 72.0, MAX_LONG_SIDE / long_side)
    return scale


def render_page(
    path: Path,
    number: int,
    dpi: int = DEFAULT_DPI,
    crop: tuple[float, float, float, float] | None = None,
) -> Rendered:
    """Render 1-based page `number` in its displayed orientation (/Rotate applied).

    `crop` (x0, top, x1, bottom in points) renders only that region, at the same scale.
    """
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[number - 1]
        w, h = page.get_size()  # pdfium reports the displayed size (/Rotate applied)
        scale = choose_scale(w, h, dpi)
        kwargs: dict[str, tuple[float, float, float, float]] = {}
        # pdfium crops in points from each border, after rotation: (left, bottom, right, top).
        if crop is not None:
            x0, top, x1, bottom = crop
            kwargs["crop"] = (max(0.0, x0), max(0.0, h - bottom), max(0.0, w - x1), max(0.0, top))
        # Red seals are wiped before the page turns grey (a seal over a figure reads as grey
        # blots joined to its digits).  Looked for on a small colour copy first: a full
        # colour render costs 2-4x a grey one, paid only by pages that carry a seal.
        small = page.render(scale=SEAL_DPI / 72.0, may_draw_forms=False, **kwargs)
        seals = seal_regions(_bgr(small), SEAL_DPI / 72.0)
        if seals:
            full = page.render(scale=scale, may_draw_forms=False, **kwargs)
            image = wipe_seals(_bgr(full), scale, seals)
        else:
            image = page.render(scale=scale, grayscale=True, may_draw_forms=False, **kwargs)
            image = image.to_numpy()
            if image.ndim == 3:
                image = image[:, :, 0]
        page.close()
        return Rendered(np.ascontiguousarray(image), scale, float(w), float(h))
    finally:
        doc.close()


def _bgr(bitmap: pdfium.PdfBitmap) -> np.ndarray:
    return np.ascontiguousarray(bitmap.to_numpy()[:, :, :3])
