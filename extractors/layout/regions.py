"""Image regions on digital pages, and OCR restricted to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from extractors.model import BBox, Page, Word
from extractors.options import PipelineOptions

# An image smaller than this share of the page is a logo, a seal or a bullet, not a table.
MIN_PAGE_SHARE = 0.05
MIN_SIDE_PT = 60.0
# Regions that overlap this much are one picture drawn in pieces (strips, tiles).
_MERGE_GAP_PT = 2.0


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
    return _merge(boxes)


def _merge(boxes: list[BBox]) -> list[BBox]:
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


def ocr_regions(
    path: Path, page: Page, regions: list[BBox], options: PipelineOptions
) -> list[Word]:
    """OCR words inside `regions` of a digital page, in the page's point coordinates.

    Text-layer words already inside a region are the caller's to drop or keep; pictures
    pasted into digital pages are upright, so no orientation or deskew step here.
    """
    if not regions or options.ocr_engine == "none":
        return []
    # Imported lazily: a digital document without pictures never loads ONNX models.
    from extractors.ocr.engines import load_ocr_engine
    from extractors.ocr.page import ocr_image
    from extractors.ocr.page_image import render_page
    from extractors.ocr.word_scores import word_score

    engine = load_ocr_engine(options.ocr_engine)
    words: list[Word] = []
    for x0, top, x1, bottom in regions:
        rendered = render_page(path, page.number, crop=(x0, top, x1, bottom))
        for w in ocr_image(engine, rendered.image):
            bx0, by0, bx1, by1 = (v / rendered.scale for v in w.box)
            text = w.text.strip()
            if not text:
                continue
            words.append(
                Word(
                    text=text,
                    bbox=(x0 + bx0, top + by0, x0 + bx1, top + by1),
                    score=word_score(text, w.score, w.char_scores),
                    method="ocr",
                )
            )
    return words
