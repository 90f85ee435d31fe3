"""Ruling lines a reader can see on a PDF page's vector drawing.

pdfplumber's `edges` holds every side of every rectangle, including rectangles filled white
and never stroked: layout tools draw one behind each cell's text (and a smaller one inside
it), so their sides fall between the text lines of a cell and split it into rows that have no
line on paper.  Such a rectangle is invisible on a white page and contributes no ruling,
unless it sits on a coloured fill, where its sides are the edge between the two colours
(tables drawn as white cells on a dark background).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import geometry

from extractors.model import Ruling

# A colour component at or above this is white (gray, RGB); CMYK white is all components 0.
_WHITE = 0.99
_MIN_LENGTH = 2.0
_INSIDE_TOL = 1.0


def page_rulings(plumber_page: PlumberPage) -> list[Ruling]:
    """Every visible straight edge: drawn lines, thin rectangles, and rectangle borders."""
    rects = _visible_rects(plumber_page.rects)
    edges = chain(
        map(geometry.line_to_edge, plumber_page.lines),
        chain.from_iterable(geometry.rect_to_edges(r) for r in rects),
        chain.from_iterable(geometry.curve_to_edges(c) for c in plumber_page.curves),
    )
    return _to_rulings(edges)


def is_white(colour: Any) -> bool:
    """Whether a pdfminer colour value (gray, RGB or CMYK; number or tuple) is white."""
    if isinstance(colour, int | float):
        return float(colour) >= _WHITE
    if not isinstance(colour, list | tuple) or not colour:
        return False
    values = [float(v) for v in colour if isinstance(v, int | float)]
    if len(values) != len(colour):
        return False  # a pattern or named colour: treat as ink
    if len(values) == 4:
        return max(values) <= 1 - _WHITE
    return min(values) >= _WHITE


def _invisible(rect: dict[str, Any]) -> bool:
    return (
        not rect.get("stroke")
        and bool(rect.get("fill"))
        and is_white(rect.get("non_stroking_color"))
    )


def _visible_rects(rects: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    # Only a fill wider than a line can have a white cell drawn on it.
    backgrounds = [
        r
        for r in rects
        if r.get("fill")
        and not is_white(r.get("non_stroking_color"))
        and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) >= _MIN_LENGTH
    ]
    return [r for r in rects if not _invisible(r) or _on_background(r, backgrounds)]


def _on_background(rect: dict[str, Any], backgrounds: Sequence[dict[str, Any]]) -> bool:
    return any(
        b["x0"] - _INSIDE_TOL <= rect["x0"]
        and rect["x1"] <= b["x1"] + _INSIDE_TOL
        and b["top"] - _INSIDE_TOL <= rect["top"]
        and rect["bottom"] <= b["bottom"] + _INSIDE_TOL
        for b in backgrounds
        if b is not rect
    )


def _to_rulings(edges: Iterable[dict[str, Any]]) -> list[Ruling]:
    out = []
    for edge in edges:
        x0, x1 = float(edge["x0"]), float(edge["x1"])
        top, bottom = float(edge["top"]), float(edge["bottom"])
        if edge.get("orientation") == "h":
            top = bottom = (top + bottom) / 2
        elif edge.get("orientation") == "v":
            x0 = x1 = (x0 + x1) / 2
        else:
            continue
        if max(x1 - x0, bottom - top) >= _MIN_LENGTH:
            out.append(Ruling(x0, top, x1, bottom))
    return out
