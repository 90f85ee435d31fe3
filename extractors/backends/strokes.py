"""Slanted lines and curves on a PDF page: what a chart's plot is drawn with.

Tables are ruled with horizontal and vertical strokes only; a line chart's series, a pie's
arcs and a curve's polyline run at a slant.  Their boxes let the table stage tell a chart's
tick and legend labels (laid out in rows and columns too) from a table.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from pdfplumber.page import Page as PlumberPage

from extractors.model import BBox

# A segment that moves this many points both across and down is slanted.
_SLANT = 1.0


def plot_strokes(plumber_page: PlumberPage) -> list[BBox]:
    """The box of every drawn line or curve that has a slanted segment."""
    shapes: list[dict[str, Any]] = [*plumber_page.lines, *plumber_page.curves]
    return [_box(s) for s in shapes if _slanted(s.get("pts") or [])]


def _slanted(points: list[tuple[float, float]]) -> bool:
    pairs = pairwise(points)
    return any(abs(b[0] - a[0]) > _SLANT and abs(b[1] - a[1]) > _SLANT for a, b in pairs)


def _box(shape: dict[str, Any]) -> BBox:
    return (float(shape["x0"]), float(shape["top"]), float(shape["x1"]), float(shape["bottom"]))
