"""A picture pasted into a digital page (a table screenshot, a scanned annex) to words.

The same reading as a scanned page (rulings, grid cells cut into lines, or the detector,
words trimmed to their ink), minus orientation: a picture placed on a page that reads
upright is upright, and turning it would break its mapping to the page.
"""

from __future__ import annotations

import numpy as np

from extractors.model import Ruling
from extractors.ocr.box_reading import read_boxes
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engine_types import OcrEngine, OcrWord
from extractors.ocr.line_boxes import MIN_CELLS, cell_spans, grid_cells, ink_mask, segment_page
from extractors.ocr.page import has_ink
from extractors.ocr.quad_reading import detect, hug_ink, read_quads
from extractors.ocr.rapid_engine import RapidOcrEngine
from extractors.ocr.rulings import find_rulings


def read_picture(
    engine: OcrEngine, image: np.ndarray, scale: float
) -> tuple[list[OcrWord], list[Ruling]]:
    """Words (pixels of `image`) and rulings (points from its top-left) of a grey picture.

    A pasted scan may be a little skewed: it is straightened about its centre, which keeps
    its words where they are on the page to within a point or two for ±1.5° and a
    half-page picture.
    """
    image = rotate_small(image, estimate_skew(image))
    if not has_ink(image):
        return [], []
    rulings = find_rulings(image, scale, trim_strokes=True)
    if not isinstance(engine, RapidOcrEngine):
        return engine.recognize(image), rulings
    cells = grid_cells(image.shape, rulings, scale)
    if len(cells) >= MIN_CELLS:
        seg = segment_page(image, rulings, scale, clean=True)
        if seg is not None:
            return read_boxes(engine, image, seg.boxes, cell_spans(seg.boxes, cells)), rulings
    quads = detect(engine, image)
    return hug_ink(read_quads(engine, image, quads), ink_mask(image)), rulings
