"""One scanned page to words + rulings: render, deskew, orient, find rulings, detect, read.

Output frame: PDF points of the page as it reads upright and straight.  A page found
turned by 90/270 comes back with width and height swapped and `rotation` set, exactly like
a page whose /Rotate says so; deskew turns about the page centre, so a point keeps the
position it has on a straight copy of the page.  That frame is the one in which rulings
are axis-aligned, which is what the grid table engine needs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from extractors.model import Page, Ruling, Word
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engines import (
    OcrEngine,
    OcrEngineError,
    OcrWord,
    Quad,
    RapidOcrEngine,
    crop_quad,
    get_engine,
    split_line,
)
from extractors.ocr.grid import find_rulings
from extractors.ocr.numbers import word_score
from extractors.ocr.orientation import blob_quads, detect_orientation, turn, turn_quads
from extractors.ocr.render import DEFAULT_DPI, render_page
from extractors.ocr.segment import (
    MARGIN_X,
    MARGIN_Y,
    MIN_CELLS,
    WORD_PAD,
    grid_cells,
    segment_page,
    with_margin,
)
from extractors.options import PipelineOptions

# Detection runs on a copy whose long side is at most this (~110 dpi on A4): the detector
# only needs to find lines, and its cost grows with the pixel count (measured: same 206
# boxes on a dense real table at 1280 as at 1600, 0.8 instead of 1.5-2.3 CPU-s); the
# recognition crops come from the full-resolution image, so reading does not suffer.
DET_LONG_SIDE = 1280
# Crops get a little margin: the detector's boxes can shave the edge of a "1" or a "-".
CROP_PAD = 2
# Dark pixels (at quarter scale) below which a page holds nothing to read: a few specks.
MIN_INK_PX = 20


@dataclass(slots=True)
class PageImage:
    """The upright, straight image of a page and how it maps to points."""

    image: np.ndarray
    scale: float  # pixels per point
    rotation: int  # clockwise degrees applied to the displayed page
    skew: float  # degrees of counter-clockwise skew removed
    width_pt: float  # upright page size in points
    height_pt: float
    timings: dict[str, float]


def ocr_page(path: Path, page: Page, options: PipelineOptions) -> Page:
    """OCR one page; returns a copy with words (method "ocr"), rulings, rotation, status.

    A missing or misconfigured engine raises OcrEngineError (a setup problem, not a page
    problem); anything that goes wrong with this page's image makes the page "failed".
    """
    if options.ocr_engine == "none":
        return page
    engine = get_engine(options.ocr_engine)
    try:
        words, rulings, img = read_page_image(path, page.number, engine)
    except OcrEngineError:
        raise
    except Exception as err:  # a broken image must not take the document down
        return replace(
            page, source="ocr", status="failed", reason=f"OCR failed: {type(err).__name__}: {err}"
        )
    return replace(
        page,
        width=img.width_pt,
        height=img.height_pt,
        rotation=(page.rotation + img.rotation) % 360,
        source="ocr",
        words=words,
        rulings=rulings,
        status="ok",
        reason=None,
    )


def read_page_image(
    path: Path, number: int, engine: OcrEngine, dpi: int = DEFAULT_DPI
) -> tuple[list[Word], list[Ruling], PageImage]:
    t0 = time.perf_counter()
    rendered = render_page(path, number, dpi)
    timings = {"render": time.perf_counter() - t0}
    image, scale = rendered.image, rendered.scale
    t = time.perf_counter()
    skew = estimate_skew(image)
    image = rotate_small(image, skew)
    timings["deskew"] = time.perf_counter() - t

    if not has_ink(image):
        # A blank page (or a blank scan) has nothing to detect; skip the costly detector.
        timings["total"] = time.perf_counter() - t0
        empty = PageImage(image, scale, 0, skew, rendered.width_pt, rendered.height_pt, timings)
        return [], [], empty
    rulings: list[Ruling] | None = None
    if isinstance(engine, RapidOcrEngine):
        ocr_words, image, rotation, rulings = _read_rapid(engine, image, scale, timings)
    else:
        # Engines without separate stages: a first full pass tells upright from turned
        # (90 assumed for turned pages; 180/270 need a classifier such engines lack).
        ocr_words = engine.recognize(image)
        rotation = _orientation_by_boxes(ocr_words)
        if rotation:
            image = turn(image, rotation)
            ocr_words = engine.recognize(image)
    if rulings is None:
        t = time.perf_counter()
        rulings = find_rulings(image, scale)
        timings["rulings"] = time.perf_counter() - t

    w_pt, h_pt = rendered.width_pt, rendered.height_pt
    if rotation in (90, 270):
        w_pt, h_pt = h_pt, w_pt
    words = [_to_word(w, scale, w_pt, h_pt) for w in ocr_words]
    img = PageImage(image, scale, rotation, skew, w_pt, h_pt, timings)
    return [w for w in words if w is not None], rulings, img


def _read_rapid(
    engine: RapidOcrEngine, image: np.ndarray, scale: float, timings: dict[str, float]
) -> tuple[list[OcrWord], np.ndarray, int, list[Ruling] | None]:
    """Words, the upright image, its rotation and (when already found) its rulings.

    A page with a ruled grid is cut into text lines by its cells (segment.py) and never
    sees the detector; any other page goes through detection.  Rulings do not care which
    way up the page is, so the grid is looked for before orientation is known.
    """
    t = time.perf_counter()
    rulings = find_rulings(image, scale)
    timings["rulings"] = time.perf_counter() - t
    if len(grid_cells(image.shape, rulings, scale)) >= MIN_CELLS:
        t = time.perf_counter()
        rotation = detect_orientation(image, blob_quads(image, scale), engine.upside_down)
        if rotation:
            image = turn(image, rotation)
            rulings = find_rulings(image, scale)
        timings["orientation"] = time.perf_counter() - t
        t = time.perf_counter()
        seg = segment_page(image, rulings, scale)
        timings["segment"] = time.perf_counter() - t
        if seg is not None:
            t = time.perf_counter()
            words = read_boxes(engine, image, seg.boxes)
            timings["recognize"] = time.perf_counter() - t
            return words, image, rotation, rulings
    else:
        rotation = 0
    t = time.perf_counter()
    quads = detect(engine, image)
    timings["detect"] = time.perf_counter() - t
    t = time.perf_counter()
    turned = detect_orientation(image, quads, engine.upside_down)
    if turned:
        quads = turn_quads(quads, turned, image.shape)
        image = turn(image, turned)
    timings["orientation"] = timings.get("orientation", 0.0) + time.perf_counter() - t
    t = time.perf_counter()
    words = read_quads(engine, image, quads)
    timings["recognize"] = time.perf_counter() - t
    # A page turned here (no grid before turning) has its rulings found again, upright.
    return words, image, (rotation + turned) % 360, None if turned else rulings


def read_boxes(
    engine: RapidOcrEngine, image: np.ndarray, boxes: list[tuple[int, int, int, int]]
) -> list[OcrWord]:
    """Recognise text lines given as tight ink boxes (no detector involved).

    The crop read is the ink with a generous margin of page (segment.MARGIN_*); the words
    get boxes hugging the ink (segment.WORD_PAD), not the crop, so that a unit line
    just above a table does not overlap the table's first row.
    """
    crops, spans = [], []
    for box in boxes:
        cx0, cy0, cx1, cy1 = with_margin(box, image.shape, MARGIN_X, MARGIN_Y)
        crops.append(image[cy0:cy1, cx0:cx1])
        spans.append((cx0, cx1))
    words: list[OcrWord] = []
    for box, (cx0, cx1), read in zip(boxes, spans, engine.read(crops), strict=True):
        x0, y0, x1, y1 = box
        pad = WORD_PAD * (y1 - y0)
        # Character positions are shares of the crop's width; the split happens on the crop
        # and each word is then clipped to the ink.
        quad = np.array([[cx0, y0 - pad], [cx1, y0 - pad], [cx1, y1 + pad], [cx0, y1 + pad]])
        for w in split_line(read, quad.astype(np.float32)):
            bx0, by0, bx1, by1 = w.box
            w.box = (max(bx0, float(x0)), by0, min(bx1, float(x1)), by1)
            words.append(w)
    return words


def has_ink(gray: np.ndarray) -> bool:
    """Any dark marks at all?  Scanner noise is light grey; text and lines are dark."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    return int((small < 128).sum()) >= MIN_INK_PX


def ocr_image(engine: OcrEngine, image: np.ndarray) -> list[OcrWord]:
    """Words on an upright image (pixel coordinates), by the fastest path the engine has."""
    if isinstance(engine, RapidOcrEngine):
        return read_quads(engine, image, detect(engine, image))
    return engine.recognize(image)


def detect(engine: RapidOcrEngine, image: np.ndarray) -> list[Quad]:
    h, w = image.shape[:2]
    factor = min(1.0, DET_LONG_SIDE / max(h, w))
    if factor >= 1.0:
        return engine.detect(image)
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return [q / factor for q in engine.detect(small)]


def read_quads(engine: RapidOcrEngine, image: np.ndarray, quads: list[Quad]) -> list[OcrWord]:
    crops, kept = [], []
    for q in quads:
        crop = crop_quad(image, q, pad=CROP_PAD)
        if crop.shape[0] >= 4 and crop.shape[1] >= 4:
            crops.append(crop)
            kept.append(q)
    words: list[OcrWord] = []
    for q, read in zip(kept, engine.read(crops), strict=True):
        words.extend(split_line(read, q))
    return words


def _orientation_by_boxes(words: list[OcrWord]) -> int:
    from extractors.ocr.orientation import box_turned

    quads = [
        np.array([[w.box[0], w.box[1]], [w.box[2], w.box[1]], [w.box[2], w.box[3]]], np.float32)
        for w in words
    ]
    return 90 if box_turned(quads) else 0


def _to_word(w: OcrWord, scale: float, width: float, height: float) -> Word | None:
    text = w.text.strip()
    if not text:
        return None
    x0, y0, x1, y1 = (v / scale for v in w.box)
    bbox = (max(0.0, x0), max(0.0, y0), min(width, x1), min(height, y1))
    return Word(text=text, bbox=bbox, score=word_score(text, w.score, w.char_scores), method="ocr")
