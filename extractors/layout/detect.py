"""Regions of an image page (scanned, or a digital page with pictures): seals, model.

Rendered small and in colour: seals are found by colour, and the CDLA model works on an
800x608 input, so more pixels than ~100 dpi buy it nothing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium

from extractors.layout.engines import get_layout_engine
from extractors.layout.kinds import Region
from extractors.layout.seals import seal_regions
from extractors.model import Page

LAYOUT_DPI = 96


def page_regions(path: Path, page: Page, turned: int, engine: str) -> list[Region]:
    """Seals and (engine "cdla") model regions of `page`, in its upright frame.

    `turned`: clockwise degrees the OCR stage turned the page to read it upright.
    """
    bgr, scale = _render(path, page.number)
    if turned:
        from extractors.ocr.orientation import turn

        bgr = turn(bgr, turned)
    regions = seal_regions(bgr, scale)
    model = get_layout_engine(engine)
    if model is not None:
        regions = model.regions(bgr, scale) + regions
    return regions


def _render(path: Path, number: int) -> tuple[np.ndarray, float]:
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[number - 1]
        scale = LAYOUT_DPI / 72.0
        bgr = np.ascontiguousarray(page.render(scale=scale).to_numpy()[:, :, :3])
        page.close()
        return bgr, scale
    finally:
        doc.close()
