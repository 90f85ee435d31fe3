"""Words and ruling lines from a PDF page's text layer (pdfplumber)."""

from __future__ import annotations

import re
from typing import Any

from pdfplumber.page import Page as PlumberPage

from extractors.backends.rulings import page_rulings
from extractors.backends.strokes import plot_strokes
from extractors.backends.turn import reading_turn, sideways_direction, turn_page, turned_words
from extractors.model import Page, Word
from extractors.options import PipelineOptions

# Glyphs without a Unicode mapping come out as "(cid:123)": such a text layer is unusable.
_CID = re.compile(r"\(cid:\d+\)")
_MEANINGFUL = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
# An image covering at least this share of the page may carry text (a scan, a pasted table).
_MIN_IMAGE_SHARE = 0.05
_WORD_OPTIONS: dict[str, Any] = {
    "x_tolerance": 1.5,
    "y_tolerance": 2.5,
    "keep_blank_chars": False,
    "use_text_flow": False,
}


def read_page(plumber_page: PlumberPage, number: int, options: PipelineOptions) -> Page:
    width, height = float(plumber_page.width), float(plumber_page.height)
    rotation = int(plumber_page.rotation or 0) % 360
    raw_words = plumber_page.extract_words(**_WORD_OPTIONS)
    if not all(w.get("upright", True) for w in raw_words):  # their glyphs say which way
        raw_words = plumber_page.extract_words(**_WORD_OPTIONS, return_chars=True)
    words = [_word(w) for w in raw_words if w["text"].strip()]
    text = "".join(w.text for w in words)
    meaningful = len(_MEANINGFUL.findall(_CID.sub("", text)))
    page = Page(
        number=number,
        width=width,
        height=height,
        rotation=rotation,
        words=words,
        rulings=page_rulings(plumber_page),
        image_regions=_image_regions(plumber_page, width, height),
        plot_strokes=plot_strokes(plumber_page),
    )
    garbled = bool(_CID.search(text))
    if meaningful < options.min_text_chars and (page.image_regions or garbled):
        # Something is drawn there that the text layer does not carry: OCR it.
        page.words = []
        page.source = "ocr"
        page.status = "needs_ocr"
        page.reason = (
            "no usable text layer (glyphs without Unicode mapping)" if garbled else "no text layer"
        )
    elif not page.image_regions:
        # Pages with images stay as drawn: their OCR crops map pixels in the page's own frame.
        _turn_sideways(plumber_page, page)
    return page


def _turn_sideways(plumber_page: PlumberPage, page: Page) -> None:
    turn = reading_turn(plumber_page.chars)
    if turn:
        raw = turned_words(plumber_page.chars, turn, page.width, page.height, **_WORD_OPTIONS)
        turn_page(page, turn, [_word(w) for w in raw if w["text"].strip()])


def _word(raw: dict[str, Any]) -> Word:
    text = str(raw["text"])
    direction = sideways_direction(raw.get("chars") or []) if not raw.get("upright", 1) else "ltr"
    return Word(
        # pdfplumber strings sideways glyphs top to bottom: text set to read upwards comes
        # out reversed ("sretov") unless turned back.
        text=text[::-1] if direction == "btt" else text,
        bbox=(float(raw["x0"]), float(raw["top"]), float(raw["x1"]), float(raw["bottom"])),
        direction=direction,
    )


def _image_regions(
    plumber_page: PlumberPage, width: float, height: float
) -> list[tuple[float, float, float, float]]:
    regions = []
    for img in plumber_page.images:
        x0, top, x1, bottom = (float(img[k]) for k in ("x0", "top", "x1", "bottom"))
        if (x1 - x0) * (bottom - top) >= _MIN_IMAGE_SHARE * width * height:
            regions.append((max(0.0, x0), max(0.0, top), min(width, x1), min(height, bottom)))
    return regions
