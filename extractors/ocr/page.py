"""One scanned page to words + rulings: render, deskew, orient, find rulings, detect, read.

Output frame: PDF points of the page as it reads upright and straight.  A page found
turned by 90/270 comes back with width and height swapped and `rotation` set, exactly like
a page whose /Rotate says so; deskew turns about the page centre, so a point keeps the
position it has on a straight copy of the page.  That frame is the one in which rulings
are axis-aligned, which is what the grid table engine needs.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from extractors.model import Page, Ruling, Word
from extractors.ocr.box_reading import read_boxes
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engine_types import OcrEngine, OcrEngineError, OcrWord
from extractors.ocr.engines import load_ocr_engine
from extractors.ocr.line_boxes import MIN_CELLS, grid_cells, ink_mask, segment_page
from extractors.ocr.orientation import blob_quads, detect_orientation, turn, turn_quads
from extractors.ocr.page_image import DEFAULT_DPI, render_page
from extractors.ocr.quad_reading import detect, hug_ink, read_quads
from extractors.ocr.rapid_engine import RapidOcrEngine
from extractors.ocr.rulings import find_rulings
from extractors.ocr.word_scores import GRAMMAR_PENALTY, odd_precision, word_score
from extractors.options import PipelineOptions

# Dark pixels (at quarter scale) below which a page holds nothing to read: a few specks.
MIN_INK_PX = 20
# A whole OCR word that is a lone zero misread (see _to_word): the letter o, or a 0 or o
# with the cell's ruling beside it read as a stroke ("of", "0|").
LONE_ZERO = re.compile(r"[oO]|[oO0][fIl|!]")
# A pixel (at quarter scale) is a mark when it is this much darker than the page's paper.
# Not a fixed grey: small print in light ink averages to 114-200 at quarter scale, and three
# pages of 北京 project tables (hundreds of words) were skipped as blank under "< 128";
# scanner noise averages out to a few grey levels there.
INK_BELOW_PAPER = 40


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
    engine = load_ocr_engine(options.ocr_engine)
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
    words = [w for w in (_to_word(w, scale, w_pt, h_pt) for w in ocr_words) if w is not None]
    # A figure printed less finely than every other on its page lost digits: doubt it as
    # much as a figure that breaks the grammar.
    for i in odd_precision([w.text for w in words]):
        words[i] = replace(words[i], score=words[i].score * GRAMMAR_PENALTY)
    img = PageImage(image, scale, rotation, skew, w_pt, h_pt, timings)
    return words, rulings, img


def _read_rapid(
    engine: RapidOcrEngine, image: np.ndarray, scale: float, timings: dict[str, float]
) -> tuple[list[OcrWord], np.ndarray, int, list[Ruling] | None]:
    """Words, the upright image, its rotation and (when already found) its rulings.

    A page with a ruled grid is cut into text lines by its cells (line_boxes.py) and never
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
    words = hug_ink(read_quads(engine, image, quads), ink_mask(image))
    timings["recognize"] = time.perf_counter() - t
    # A page turned here (no grid before turning) has its rulings found again, upright.
    return words, image, (rotation + turned) % 360, None if turned else rulings


def has_ink(gray: np.ndarray) -> bool:
    """Any marks at all?  Scanner noise stays near the paper's grey; print is darker."""
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    paper = float(np.median(small))
    return int((small < paper - INK_BELOW_PAPER).sum()) >= MIN_INK_PX


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
    score = word_score(text, w.score, w.char_scores)
    if LONE_ZERO.fullmatch(text):
        # A cell's lone "0" misread (a one-glyph crop gives the recogniser no context; on
        # 西安 scans 4 of a page's 70 zeros came out "of" and their rows lost the figure).
        # These documents print no such word, so it is the figure, kept doubtful.
        text, score = "0", score * GRAMMAR_PENALTY
    return Word(text=text, bbox=bbox, score=score, method="ocr")
