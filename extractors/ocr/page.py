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
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engines import (
    LineRead,
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
    ink_mask,
    ink_runs,
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
# hug_ink looks at the rows between this share of a word box's height from its top and
# from its bottom.
HUG_ROWS = 0.2
# Ink columns closer than this share of the box height belong to one run (the gaps between
# the characters of a word are narrower); an end run narrower than HUG_EDGE of the word's
# ink width is a neighbour's character cut into the box.
HUG_GAP = 0.35
HUG_EDGE = 0.3
# A box lower than this share of the page's median text box is not a full text line.
SMALL_BOX_SHARE = 0.75
# (x, y) margins in typical line heights with which such a box is read (small_reads).
SMALL_MARGINS = ((0.3, 0.6), (0.3, 0.4), (0.3, 0.8))
# Such a box is read again that way only when its first reading is less sure than this
# (digits are also lower than CJK lines, and usually read right the first time).
SMALL_REREAD = 0.8
# After the re-reading, a doubtful low box that reads as neither digits nor marks is kept
# only when the recogniser is at least this sure (credible_small).
SMALL_CREDIBLE = 0.9
_MARKS = re.compile(r"[*\-—.·]+")
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
    just above a table does not overlap the table's first row.  Boxes much lower than a
    text line (the "**" of a column-number row) are read as small_reads() explains.
    """
    if not boxes:
        return []
    crops, spans = [], []
    for box in boxes:
        cx0, cy0, cx1, cy1 = with_margin(box, image.shape, MARGIN_X, MARGIN_Y)
        crops.append(image[cy0:cy1, cx0:cx1])
        spans.append((cx0, cx1))
    reads = dict(enumerate(zip(engine.read(crops), spans, strict=True)))
    typical = float(np.median([b[3] - b[1] for b in boxes]))
    doubtful = [
        i
        for i, b in enumerate(boxes)
        if b[3] - b[1] < SMALL_BOX_SHARE * typical and reads[i][0].score < SMALL_REREAD
    ]
    for i, again in small_reads(engine, image, [boxes[i] for i in doubtful], typical, doubtful):
        if again[0].score > reads[i][0].score:
            reads[i] = again
    words: list[OcrWord] = []
    for i, box in enumerate(boxes):
        read, (cx0, cx1) = reads[i]
        if i in doubtful and not credible_small(read):
            continue
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


def small_reads(
    engine: RapidOcrEngine,
    image: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    typical: float,
    keys: list[int],
) -> list[tuple[int, tuple[LineRead, tuple[int, int]]]]:
    """(key, best reading, crop span) of boxes much lower than a text line.

    A crop with margins in the box's own height blows a row of asterisks up to the size of
    a character line, and the recogniser then reads "**" as CJK (米, 冰, 家 …) with low
    confidence.  Cropped as a text line of the page's typical height, the same ink reads
    as what it is; which margins work best varies with the noise, so each box is read with
    a few and the most confident reading is kept (measured on the scanned golden corpus:
    every "**" cell right).  Only doubtful small boxes come here: a handful per page.
    """
    best: dict[int, tuple[LineRead, tuple[int, int]]] = {}
    h, w = image.shape[:2]
    for mx, my in SMALL_MARGINS if boxes else ():
        crops, spans = [], []
        for x0, y0, x1, y1 in boxes:
            cy = (y0 + y1) / 2
            top = max(0, int(cy - typical * (0.5 + my)))
            bottom = min(h, int(cy + typical * (0.5 + my)))
            left, right = max(0, int(x0 - mx * typical)), min(w, int(x1 + mx * typical))
            crops.append(image[top:bottom, left:right])
            spans.append((left, right))
        for key, span, read in zip(keys, spans, engine.read(crops), strict=True):
            if key not in best or read.score > best[key][0].score:
                best[key] = (read, span)
    return list(best.items())


def credible_small(read: LineRead) -> bool:
    """Can a reading of a box much lower than a text line be what the page says?

    Digits and marks (-, *, .) are low glyphs; a CJK character fills the line, so CJK
    read from such a box with doubt is the recogniser guessing at specks or asterisks.
    Such a word is dropped: an unreadable mark is better missing than a wrong header.
    """
    text = read.text.strip()
    if any(ch.isdigit() for ch in text) or _MARKS.fullmatch(text):
        return True
    return read.score >= SMALL_CREDIBLE


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
    return hug_ink(words, ink_mask(image))


def hug_ink(words: list[OcrWord], ink: np.ndarray) -> list[OcrWord]:
    """Word boxes trimmed left and right to the ink of the word inside them.

    The detector's boxes are its text regions grown by a margin (DB "unclip"), and the
    split of a line into words only estimates each word's extent from character positions,
    so two amounts 8 pt apart in an unruled table came out 3 pt apart: the word-clustering
    table engine then saw one column where the text layer shows two.  Trimmed to their
    ink, OCR words sit where text-layer words sit.  Only the middle rows of a box are
    looked at, so the top or bottom of a neighbouring line inside a grown box is ignored;
    a narrow run of ink at either end, set apart by a gap, is the neighbouring word's
    first or last character and is left out too.
    """
    h, w = ink.shape[:2]
    for word in words:
        x0, y0, x1, y1 = word.box
        height = y1 - y0
        top, bottom = y0 + HUG_ROWS * height, y1 - HUG_ROWS * height
        ix0, ix1 = max(0, int(x0)), min(w, int(np.ceil(x1)))
        sub = ink[max(0, int(top)) : min(h, int(np.ceil(bottom))), ix0:ix1]
        if sub.size == 0:
            continue
        runs = ink_runs(sub.any(axis=0), max(1, int(HUG_GAP * height)))
        if not runs:
            continue
        width = runs[-1][1] - runs[0][0]
        while len(runs) > 1 and runs[0][1] - runs[0][0] < HUG_EDGE * width:
            runs = runs[1:]
        while len(runs) > 1 and runs[-1][1] - runs[-1][0] < HUG_EDGE * width:
            runs = runs[:-1]
        word.box = (float(ix0 + runs[0][0]), y0, float(ix0 + runs[-1][1]), y1)
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
