"""Pictures on digital pages: which ones the text layer does not explain, and reading them.

A digital page may carry its table as a picture (typed title, pasted screenshot), a
stamped signature block or a scanned annex.  Such a picture is OCR'd and its words join
the page's text layer with method "ocr"; the page's text layer stays as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from extractors.model import BBox, Page, Ruling, Word
from extractors.options import PipelineOptions

# An image smaller than this share of the page is a logo, a seal or a bullet, not a table.
MIN_PAGE_SHARE = 0.05
MIN_SIDE_PT = 60.0
# Regions that overlap this much are one picture drawn in pieces (strips, tiles).
_MERGE_GAP_PT = 2.0
# A picture under at least this many text-layer characters is explained by them: a scan
# with its own OCR text layer, or a background image under typed text.
EXPLAINED_CHARS = 8
# Rendered with this margin of page around it, so a ruling on the picture's edge is a whole
# line inside the image (find_rulings needs ink on both sides of it).
RENDER_MARGIN_PT = 4.0
# An OCR word this much covered by a text-layer word is that word read twice.
DUPLICATE_SHARE = 0.5
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")


def image_regions(plumber_page: Any) -> list[BBox]:
    """Boxes (points, displayed orientation) of the big images on a pdfplumber page."""
    width, height = float(plumber_page.width), float(plumber_page.height)
    boxes: list[BBox] = []
    for img in plumber_page.images:
        x0 = max(0.0, float(img["x0"]))
        top = max(0.0, float(img["top"]))
        x1 = min(width, float(img["x1"]))
        bottom = min(height, float(img["bottom"]))
        w, h = x1 - x0, bottom - top
        if w < MIN_SIDE_PT or h < MIN_SIDE_PT:
            continue
        if w * h < MIN_PAGE_SHARE * width * height:
            continue
        boxes.append((x0, top, x1, bottom))
    return merge_boxes(boxes)


def merge_boxes(boxes: list[BBox]) -> list[BBox]:
    merged: list[BBox] = []
    for b in sorted(boxes, key=lambda b: (b[1], b[0])):
        for i, m in enumerate(merged):
            if (
                b[0] <= m[2] + _MERGE_GAP_PT
                and m[0] <= b[2] + _MERGE_GAP_PT
                and b[1] <= m[3] + _MERGE_GAP_PT
                and m[1] <= b[3] + _MERGE_GAP_PT
            ):
                merged[i] = (min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3]))
                break
        else:
            merged.append(b)
    return merged


def unexplained_pictures(page: Page) -> list[BBox]:
    """The page's big pictures that hold almost no text-layer characters."""
    out = []
    for box in merge_boxes([_clip(b, page) for b in page.image_regions]):
        if min(box[2] - box[0], box[3] - box[1]) < MIN_SIDE_PT:
            continue
        chars = sum(len(_MEANINGFUL.findall(w.text)) for w in page.words if _centre_in(w, box))
        if chars < EXPLAINED_CHARS:
            out.append(box)
    return out


def read_pictures(path: Path, page: Page, pictures: list[BBox], options: PipelineOptions) -> Page:
    """`page` with the words and rulings of `pictures` added (OCR words keep method "ocr")."""
    if not pictures or options.ocr_engine == "none":
        return page
    words: list[Word] = []
    rulings: list[Ruling] = []
    for box in pictures:
        found, lines = ocr_region(path, page, box, options)
        words += found
        rulings += lines
    typed = [w.bbox for w in page.words]
    words = [w for w in words if not any(_covered(w.bbox, t) for t in typed)]
    return replace(page, words=page.words + words, rulings=page.rulings + rulings)


def ocr_region(
    path: Path, page: Page, box: BBox, options: PipelineOptions
) -> tuple[list[Word], list[Ruling]]:
    """OCR words and rulings inside `box` of a digital page, in the page's points."""
    # Imported lazily: a digital document without pictures never loads ONNX models.
    from extractors.ocr.engines import load_ocr_engine
    from extractors.ocr.page_image import render_page
    from extractors.ocr.picture import read_picture
    from extractors.ocr.word_scores import word_score

    m = RENDER_MARGIN_PT
    x0, top = max(0.0, box[0] - m), max(0.0, box[1] - m)
    crop = (x0, top, min(page.width, box[2] + m), min(page.height, box[3] + m))
    rendered = render_page(path, page.number, crop=crop)
    found, lines = read_picture(load_ocr_engine(options.ocr_engine), rendered.image, rendered.scale)
    words = []
    for w in found:
        text = w.text.strip()
        bx0, by0, bx1, by1 = (v / rendered.scale for v in w.box)
        if text:
            score = word_score(text, w.score, w.char_scores)
            bbox = (x0 + bx0, top + by0, x0 + bx1, top + by1)
            words.append(Word(text=text, bbox=bbox, score=score, method="ocr"))
    rulings = [Ruling(r.x0 + x0, r.top + top, r.x1 + x0, r.bottom + top) for r in lines]
    return words, rulings


def _clip(box: BBox, page: Page) -> BBox:
    return (max(0.0, box[0]), max(0.0, box[1]), min(page.width, box[2]), min(page.height, box[3]))


def _centre_in(word: Word, box: BBox) -> bool:
    cx, cy = (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _covered(ocr: BBox, typed: BBox) -> bool:
    w = min(ocr[2], typed[2]) - max(ocr[0], typed[0])
    h = min(ocr[3], typed[3]) - max(ocr[1], typed[1])
    area = max(1e-6, (ocr[2] - ocr[0]) * (ocr[3] - ocr[1]))
    return w > 0 and h > 0 and w * h >= DUPLICATE_SHARE * area
