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
    load_ocr_engine,
    split_line,
)
from extractors.ocr.line_boxes import (
    MARGIN_X,
    MARGIN_Y,
    MIN_CELLS,
    WORD_PAD,
    grid_cells,
    ink_mask,
    ink_runs,
    line_crops,
    segment_page,
)
from extractors.ocr.orientation import blob_quads, detect_orientation, turn, turn_quads
from extractors.ocr.page_image import DEFAULT_DPI, render_page
from extractors.ocr.rulings import find_rulings
from extractors.ocr.word_scores import word_score
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
# (x, y) margins in typical line heights with which such a box is read again.
SMALL_MARGINS = ((0.3, 0.6), (0.3, 0.4), (0.3, 0.8))
# Other doubtful boxes are read again with these (x, y) margins in their own height (x
# stays wide enough to keep a leading minus off the crop's edge).
ALT_MARGINS = ((0.6, 0.6), (0.6, 0.35))
# weighed(): the band of (width the text needs) / (ink width) within which a reading fits.
FIT_MIN, FIT_MAX = 0.65, 1.6
# A box whose first reading is less sure than this is read again (second_reads).
REREAD = 0.8
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
    words = [_to_word(w, scale, w_pt, h_pt) for w in ocr_words]
    img = PageImage(image, scale, rotation, skew, w_pt, h_pt, timings)
    return [w for w in words if w is not None], rulings, img


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


def read_boxes(
    engine: RapidOcrEngine, image: np.ndarray, boxes: list[tuple[int, int, int, int]]
) -> list[OcrWord]:
    """Recognise text lines given as tight ink boxes (no detector involved).

    The crop read is the ink with a generous margin of page (segment.MARGIN_*, clipped
    half-way to the next line); the words get boxes hugging the ink (segment.WORD_PAD),
    not the crop, so that a unit line just above a table does not overlap the table's
    first row.  Doubtful readings get a second opinion (second_reads).
    """
    if not boxes:
        return []
    ink = ink_mask(image)
    crops = line_crops(boxes, image.shape, MARGIN_X, MARGIN_Y)
    first = engine.read([image[c[1] : c[3], c[0] : c[2]] for c in crops])
    reads = [(read, (c[0], c[2])) for c, read in zip(crops, first, strict=True)]
    typical = float(np.median([b[3] - b[1] for b in boxes]))
    # A reading that cannot fill its box dropped a character ("小计" read "小", 0.84).
    doubtful = {i for i, (read, _) in enumerate(reads) if weighed(read, boxes[i]) < REREAD}
    small = {i for i in doubtful if boxes[i][3] - boxes[i][1] < SMALL_BOX_SHARE * typical}
    for group, margins, min_height in (
        (sorted(small), SMALL_MARGINS, typical),
        (sorted(doubtful - small), ALT_MARGINS, 0.0),
    ):
        # Low boxes are chosen by plain score: "**" is narrower than its ink box says.
        weigh = min_height == 0.0
        for i, again in second_reads(engine, image, boxes, group, margins, min_height, weigh):
            if weighed(again[0], boxes[i], weigh) > weighed(reads[i][0], boxes[i], weigh):
                reads[i] = again
    words: list[OcrWord] = []
    for i, box in enumerate(boxes):
        read, (cx0, cx1) = reads[i]
        if i in small and not credible_small(read):
            continue
        x0, y0, x1, y1 = box
        pad = WORD_PAD * (y1 - y0)
        # Character positions are shares of the crop's width; the split happens on the crop
        # and each word is then clipped to the ink.
        quad = np.array([[cx0, y0 - pad], [cx1, y0 - pad], [cx1, y1 + pad], [cx0, y1 + pad]])
        pieces = split_line(read, quad.astype(np.float32))
        for w in pieces:
            bx0, by0, bx1, by1 = w.box
            w.box = (max(bx0, float(x0)), by0, min(bx1, float(x1)), by1)
        # Words split out of one line only have estimated extents: trim them to their ink.
        words += hug_ink(pieces, ink) if len(pieces) > 1 else pieces
    return words


def second_reads(
    engine: RapidOcrEngine,
    image: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    which: list[int],
    margins: tuple[tuple[float, float], ...],
    min_height: float,
    weigh: bool = True,
) -> list[tuple[int, tuple[LineRead, tuple[int, int]]]]:
    """(index, most confident reading, crop span) of boxes[i] for i in `which`.

    The margin that reads a line best depends on what surrounds it.  A full line-height
    margin keeps a thin leading minus away from the crop's edge, but in a narrow cell it
    takes in the rulings and the neighbouring cells: "小计" between two rulings read as
    "小州" (score 0.2) with it and as "小计" (1.0) with 0.6.  And a crop with margins in a
    low box's own height blows a row of asterisks up to the size of a character line,
    which the recogniser reads as CJK (米, 冰, 家 …); cropped as a line of the page's
    typical height, it reads "**".  So a doubtful reading is read again with a few other
    margins and the most confident reading wins; only doubtful boxes (a few per page)
    pay for it.
    """
    best: dict[int, tuple[LineRead, tuple[int, int]]] = {}
    chosen = [boxes[i] for i in which]
    for mx, my in margins if which else ():
        crops = line_crops(chosen, image.shape, mx, my, min_height)
        images = [image[c[1] : c[3], c[0] : c[2]] for c in crops]
        for i, c, read in zip(which, crops, engine.read(images), strict=True):
            if i not in best or weighed(read, boxes[i], weigh) > weighed(
                best[i][0], boxes[i], weigh
            ):
                best[i] = (read, (c[0], c[2]))
    return list(best.items())


def weighed(read: LineRead, box: tuple[int, int, int, int], weigh: bool = True) -> float:
    """A reading's score, halved when its text could not fill the box's ink.

    The recogniser is most sure of itself when it drops a character: "小计" came back as
    "小" with 0.99.  The characters' usual widths (CJK square, digits and latin about
    half, separators less) against the ink's width catch that.  Used only to choose
    among readings of one box; the word keeps the engine's score.
    """
    text = read.text.replace(" ", "")
    if not text or not weigh:
        return read.score if text else 0.0
    x0, y0, x1, y1 = box
    cjk = any(ord(ch) >= 0x2E80 for ch in text)
    # Ink of a CJK line is about an em high; digits and latin about 0.72 of one.
    em = (y1 - y0) / (1.0 if cjk else 0.72)
    need = sum(1.0 if ord(ch) >= 0x2E80 else 0.3 if ch in ",.:;·'" else 0.55 for ch in text)
    ratio = need * em / max(1, x1 - x0)
    return read.score if FIT_MIN <= ratio <= FIT_MAX else read.score * 0.5


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
    return words


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
        runs = ink_runs(np.asarray(sub.any(axis=0)), max(1, int(HUG_GAP * height)))
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
