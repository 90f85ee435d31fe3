"""The detector's path: text line boxes found on a reduced copy, read, trimmed to their ink."""

from __future__ import annotations

import cv2
import numpy as np

from extractors.ocr.det_scale import shrink_factor
from extractors.ocr.det_window import ink_window, to_source
from extractors.ocr.engine_types import OcrEngine, OcrWord, Quad
from extractors.ocr.line_boxes import ink_runs
from extractors.ocr.rapid_engine import RapidOcrEngine
from extractors.ocr.text_lines import crop_quad, split_line

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


def ocr_image(engine: OcrEngine, image: np.ndarray) -> list[OcrWord]:
    """Words on an upright image (pixel coordinates), by the fastest path the engine has."""
    if isinstance(engine, RapidOcrEngine):
        return read_quads(engine, image, detect(engine, image))
    return engine.recognize(image)


def detect(engine: RapidOcrEngine, image: np.ndarray) -> list[Quad]:
    h, w = image.shape[:2]
    factor = min(1.0, DET_LONG_SIDE / max(h, w))
    small = image
    if factor < 1.0:
        small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    shrink = shrink_factor(small) if small.ndim == 2 else 1.0
    if shrink < 1.0:
        small = cv2.resize(small, None, fx=shrink, fy=shrink, interpolation=cv2.INTER_AREA)
        factor *= shrink
    win = ink_window(small, keep_scale=shrink < 1.0) if small.ndim == 2 else None
    if win is None:
        quads = engine.detect(small)
    else:
        sh, sw = small.shape[:2]
        quads = [to_source(q, win, sh, sw) for q in engine.detect(win.image, as_is=True)]
    return quads if factor >= 1.0 else [q / factor for q in quads]


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
        runs = _without_neighbours(runs, height)
        word.box = (float(ix0 + runs[0][0]), y0, float(ix0 + runs[-1][1]), y1)
    return words


def _without_neighbours(runs: list[tuple[int, int]], height: float) -> list[tuple[int, int]]:
    """At most one glyph-wide run dropped at each end.  Trimming on while end runs were
    narrow cut a letter-spaced prose line (each glyph or glyph group its own run) down to
    its last character, and prose read as table columns lost its figures (深圳 三公 text);
    a run as wide as a glyph group, or a word of single glyphs, is the word's own ink."""
    width = runs[-1][1] - runs[0][0]

    def glyph(run: tuple[int, int]) -> bool:
        return run[1] - run[0] < min(HUG_EDGE * width, height)

    if all(glyph(r) for r in runs):
        return runs
    if len(runs) > 1 and glyph(runs[0]):
        runs = runs[1:]
    if len(runs) > 1 and glyph(runs[-1]):
        runs = runs[:-1]
    return runs
