"""Text lines given as ink boxes, read without the detector; doubtful ones read again."""

from __future__ import annotations

import re

import cv2
import numpy as np

from extractors.ocr.engine_types import LineRead, OcrWord
from extractors.ocr.line_boxes import MARGIN_X, MARGIN_Y, WORD_PAD, Spans, ink_mask, line_crops
from extractors.ocr.quad_reading import hug_ink
from extractors.ocr.rapid_engine import RapidOcrEngine
from extractors.ocr.text_lines import separate_amounts, split_line
from extractors.ocr.word_scores import GRAMMAR_PENALTY, is_amount, looks_numeric

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
# A box whose best reading is still a figure that breaks the amount grammar ("6,00,000":
# one glyph lost) is read once more at these scales, with SCALE_MARGINS (x, y) around it.
RESCALES = (1.5, 2.0)
SCALE_MARGINS = (0.3, 0.3)
# A box whose best reading is still too short for its ink (glyphs of small bold print run
# together: "合计" read as "甜", 0.95) is read once more stretched sideways by these
# factors, with STRETCH_MARGINS (x, y): the recogniser's frames then fall between glyphs.
STRETCHES = (1.4,)
STRETCH_MARGINS = (1.0, 0.3)
# After the re-reading, a doubtful low box that reads as neither digits nor marks is kept
# only when the recogniser is at least this sure (credible_small).
SMALL_CREDIBLE = 0.9
_MARKS = re.compile(r"[*\-—.·]+")


def read_boxes(
    engine: RapidOcrEngine,
    image: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    spans: Spans | None = None,
) -> list[OcrWord]:
    """Recognise text lines given as tight ink boxes (no detector involved).

    The crop read is the ink with a generous margin of page (segment.MARGIN_*, clipped
    half-way to the next line); the words get boxes hugging the ink (segment.WORD_PAD),
    not the crop, so that a unit line just above a table does not overlap the table's
    first row.  Doubtful readings get a second opinion (second_reads).  `spans` keep each
    crop inside its grid cell (line_boxes.cell_spans).
    """
    if not boxes:
        return []
    ink = ink_mask(image)
    crops = line_crops(boxes, image.shape, MARGIN_X, MARGIN_Y, spans=spans)
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
        for i, again in second_reads(
            engine, image, boxes, group, margins, min_height, weigh, spans
        ):
            if weighed(again[0], boxes[i], weigh) > weighed(reads[i][0], boxes[i], weigh):
                reads[i] = again
    broken = [i for i in sorted(doubtful) if breaks_grammar(reads[i][0].text)]
    for i, again in rescaled_reads(engine, image, boxes, broken, spans=spans):
        if weighed(again[0], boxes[i]) > weighed(reads[i][0], boxes[i]):
            reads[i] = again
    short = [i for i in sorted(doubtful) if fit_ratio(reads[i][0], boxes[i]) < FIT_MIN]
    for i, again in rescaled_reads(
        engine, image, boxes, short, STRETCHES, 1.0, STRETCH_MARGINS, spans
    ):
        if weighed(again[0], boxes[i]) > weighed(reads[i][0], boxes[i]):
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
    spans: Spans | None = None,
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
        chosen_spans = [spans[i] for i in which] if spans is not None else None
        crops = line_crops(chosen, image.shape, mx, my, min_height, chosen_spans)
        images = [image[c[1] : c[3], c[0] : c[2]] for c in crops]
        for i, c, read in zip(which, crops, engine.read(images), strict=True):
            if i not in best or weighed(read, boxes[i], weigh) > weighed(
                best[i][0], boxes[i], weigh
            ):
                best[i] = (read, (c[0], c[2]))
    return list(best.items())


def rescaled_reads(
    engine: RapidOcrEngine,
    image: np.ndarray,
    boxes: list[tuple[int, int, int, int]],
    which: list[int],
    factors: tuple[float, ...] = RESCALES,
    height: float | None = None,
    margins: tuple[float, float] = SCALE_MARGINS,
    spans: Spans | None = None,
) -> list[tuple[int, tuple[LineRead, tuple[int, int]]]]:
    """(index, best reading, crop span) of boxes[i] read from enlarged tight crops.

    Each factor enlarges the crop's width, and its height too unless `height` fixes that
    factor (1.0: stretched sideways only).

    Measured on a 150 dpi scan (上海 p11): "6,100,000" beside a ruling came back as
    "6,00,000" (0.99) from one margin and right from another; which crop loses a glyph
    varies, so a figure that still breaks the grammar after the margin re-reads is read
    from the same pixels at other scales, where the recogniser's frames fall differently.
    """
    best: dict[int, tuple[LineRead, tuple[int, int]]] = {}
    mx, my = margins
    chosen = [spans[i] for i in which] if spans is not None else None
    crops = line_crops([boxes[i] for i in which], image.shape, mx, my, spans=chosen)
    for factor in factors if which else ():
        images = [
            cv2.resize(image[c[1] : c[3], c[0] : c[2]], None, fx=factor,
                       fy=factor if height is None else height, interpolation=cv2.INTER_CUBIC)
            for c in crops
        ]  # fmt: skip
        for i, c, read in zip(which, crops, engine.read(images), strict=True):
            if i not in best or weighed(read, boxes[i]) > weighed(best[i][0], boxes[i]):
                best[i] = (read, (c[0], c[2]))
    return list(best.items())


def breaks_grammar(text: str) -> bool:
    """Does any word of the line claim to be a figure and break the amount grammar?"""
    return any(looks_numeric(w) and not is_amount(w) for w in separate_amounts(text).split())


def weighed(read: LineRead, box: tuple[int, int, int, int], weigh: bool = True) -> float:
    """A reading's score, halved when its text could not fill the box's ink.

    The recogniser is most sure of itself when it drops a character: "小计" came back as
    "小" with 0.99.  The characters' usual widths (CJK square, digits and latin about
    half, separators less) against the ink's width catch that.  A figure that breaks the
    amount grammar ("6,00,000") is as doubtful as word_score makes it: a reading that obeys
    the grammar wins over it.  Used only to choose among readings of one box; the word
    keeps the engine's score.
    """
    text = read.text.replace(" ", "")
    if not text:
        return 0.0
    score = read.score * (GRAMMAR_PENALTY if breaks_grammar(read.text) else 1.0)
    if not weigh:
        return score
    return score if FIT_MIN <= fit_ratio(read, box) <= FIT_MAX else score * 0.5


def fit_ratio(read: LineRead, box: tuple[int, int, int, int]) -> float:
    """(width the reading's characters need) / (width of the box's ink)."""
    text = read.text.replace(" ", "")
    x0, y0, x1, y1 = box
    cjk = any(ord(ch) >= 0x2E80 for ch in text)
    # Ink of a CJK line is about an em high; digits and latin about 0.72 of one.
    em = (y1 - y0) / (1.0 if cjk else 0.72)
    need = sum(1.0 if ord(ch) >= 0x2E80 else 0.3 if ch in ",.:;·'" else 0.55 for ch in text)
    return need * em / max(1, x1 - x0)


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
