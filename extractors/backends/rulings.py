"""Ruling lines a reader can see on a PDF page's vector drawing.

pdfplumber's `edges` holds every side of every rectangle, including rectangles filled white
and never stroked: layout tools draw one behind each cell's text (and a smaller one inside
it), so their sides fall between the text lines of a cell and split it into rows that have no
line on paper.  Such a rectangle is invisible on a white page and contributes no ruling,
unless it lies over a coloured fill, where its sides are the edge between the two colours
(white cells on a dark background, white lines drawn across shaded cells).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

import numpy as np
from pdfplumber.page import Page as PlumberPage
from pdfplumber.utils import geometry

from extractors.backends.fills import fill_rulings, is_fill_only
from extractors.model import Ruling

# A colour component at or above this is white (gray, RGB); CMYK white is all components 0.
_WHITE = 0.99
_MIN_LENGTH = 2.0
# Two shapes overlap when they share, each way, half the white one's extent or this many
# points; abutting shapes drawn with a little slop share only a tenth of a point or so.
_OVERLAP = 2.0


def page_rulings(plumber_page: PlumberPage) -> list[Ruling]:
    """Every visible straight edge: drawn lines, thin rectangles, and rectangle borders."""
    rects = _visible_rects(plumber_page.rects)
    fills = [r for r in rects if is_fill_only(r)]
    edges = chain(
        map(geometry.line_to_edge, plumber_page.lines),
        chain.from_iterable(geometry.rect_to_edges(r) for r in rects if not is_fill_only(r)),
        chain.from_iterable(geometry.curve_to_edges(c) for c in plumber_page.curves),
    )
    return _to_rulings(edges) + fill_rulings(fills)


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
    # Only a fill wider than a line can show a white shape drawn over it.
    backgrounds = np.array(
        [
            [r["x0"], r["top"], r["x1"], r["bottom"]]
            for r in rects
            if r.get("fill")
            and not is_white(r.get("non_stroking_color"))
            and min(r["x1"] - r["x0"], r["bottom"] - r["top"]) >= _MIN_LENGTH
        ],
        dtype=float,
    ).reshape(-1, 4)
    return [r for r in rects if not _invisible(r) or _over_colour(r, backgrounds)]


def _over_colour(rect: dict[str, Any], backgrounds: np.ndarray) -> bool:
    """Whether the rectangle overlaps a coloured fill (a white line across shaded cells)."""
    wide = np.minimum(backgrounds[:, 2], rect["x1"]) - np.maximum(backgrounds[:, 0], rect["x0"])
    high = np.minimum(backgrounds[:, 3], rect["bottom"]) - np.maximum(
        backgrounds[:, 1], rect["top"]
    )
    need_wide = min(_OVERLAP, (rect["x1"] - rect["x0"]) / 2)
    need_high = min(_OVERLAP, (rect["bottom"] - rect["top"]) / 2)
    return bool(np.any((wide >= need_wide) & (high >= need_high) & (wide > 0) & (high > 0)))


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
