"""Pages whose text runs up or down the sheet (a landscape table printed on a portrait page).

pdfplumber gives such text as glyphs stacked in a column, so a table on that page comes out
transposed, each word a column of letters.  When most of the page's glyphs run one way the
page is turned, as a scanned page found sideways is: words, rulings and image regions move
into the frame in which the text reads left to right, width and height swap, and `rotation`
records the clockwise turn (the same convention as extractors/ocr/page.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pdfplumber.utils import text as plumber_text

from extractors.model import BBox, Direction, Page, Ruling, Word

# Share of the page's glyphs that must run the same sideways direction to turn the page.
_MIN_SHARE = 0.6
_MIN_GLYPHS = 20


def reading_turn(chars: Sequence[dict[str, Any]]) -> int:
    """Clockwise degrees that make most of these glyphs read left to right: 0, 90 or 270."""
    glyphs = [c for c in chars if str(c.get("text", "")).strip()]
    if len(glyphs) < _MIN_GLYPHS:
        return 0
    turns = Counter(_glyph_turn(c) for c in glyphs)
    turn, count = turns.most_common(1)[0]
    return turn if turn and count >= _MIN_SHARE * len(glyphs) else 0


def _glyph_turn(char: dict[str, Any]) -> int:
    if char.get("upright", True):
        return 0
    # The text matrix's x axis, in PDF space (y up): b < 0 runs down the page, b > 0 up it.
    b = float(char["matrix"][1])
    if b < 0:
        return 270  # reads top to bottom: turn the page a quarter anticlockwise
    return 90 if b > 0 else 0


def sideways_direction(chars: Sequence[dict[str, Any]]) -> Direction:
    """Which way a sideways word reads, by its first glyph's matrix ("ltr" if upright)."""
    turn = _glyph_turn(chars[0]) if chars else 0
    if turn == 270:
        return "ttb"
    return "btt" if turn == 90 else "ltr"


def turned_words(
    chars: Sequence[dict[str, Any]], turn: int, width: float, height: float, **options: Any
) -> list[dict[str, Any]]:
    """pdfplumber words of the glyphs moved into the turned frame (sideways glyphs only)."""
    moved = []
    for char in chars:
        if _glyph_turn(char) != turn:
            continue  # glyphs still sideways after the turn: a margin note, a page number
        x0, top, x1, bottom = turn_bbox(
            (char["x0"], char["top"], char["x1"], char["bottom"]), turn, width, height
        )
        moved.append(
            {**char, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": 1}
        )
    return plumber_text.extract_words(moved, **options)


def turn_bbox(bbox: BBox, turn: int, width: float, height: float) -> BBox:
    """A box on the page as drawn (width × height) in the frame turned by `turn` degrees."""
    x0, top, x1, bottom = (float(v) for v in bbox)
    if turn == 270:
        return (top, width - x1, bottom, width - x0)
    if turn == 90:
        return (height - bottom, x0, height - top, x1)
    return (x0, top, x1, bottom)


def turn_page(page: Page, turn: int, words: list[Word]) -> Page:
    """The page in the turned frame, with the words already read there."""
    w, h = page.width, page.height
    page.words = words
    page.rulings = [
        Ruling(*turn_bbox((r.x0, r.top, r.x1, r.bottom), turn, w, h)) for r in page.rulings
    ]
    page.image_regions = [turn_bbox(b, turn, w, h) for b in page.image_regions]
    page.plot_strokes = [turn_bbox(b, turn, w, h) for b in page.plot_strokes]
    page.width, page.height = h, w
    page.rotation = (page.rotation + turn) % 360
    return page
