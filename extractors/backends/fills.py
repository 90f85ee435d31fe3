"""Sides of filled rectangles, less the stretches where a fill of the same colour continues.

Shaded tables are often drawn as several fills per cell (padding strips left and right, a
text box between): each piece's sides are edges to pdfplumber but no line to a reader, since
the colour runs on across them.  Only where the colour changes is there a boundary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.model import Ruling

_TOUCH = 0.6  # points: fills this close abut
_MIN_LENGTH = 2.0


@dataclass(frozen=True, slots=True)
class Fill:
    colour: str
    x0: float
    top: float
    x1: float
    bottom: float


def is_fill_only(rect: dict[str, Any]) -> bool:
    """A filled, unstroked rectangle wider than a line both ways (a thin one *is* a line)."""
    thick = min(rect["x1"] - rect["x0"], rect["bottom"] - rect["top"]) >= _MIN_LENGTH
    return bool(rect.get("fill")) and not rect.get("stroke") and thick


def fill_rulings(rects: Sequence[dict[str, Any]]) -> list[Ruling]:
    """The visible stretches of the sides of these fill-only rectangles."""
    fills = [
        Fill(
            str(r.get("non_stroking_color")), *(float(r[k]) for k in ("x0", "top", "x1", "bottom"))
        )
        for r in rects
    ]
    by_edge: dict[tuple[str, str, int], list[Fill]] = defaultdict(list)
    for f in fills:
        for side, at in (("x0", f.x0), ("x1", f.x1), ("top", f.top), ("bottom", f.bottom)):
            by_edge[f.colour, side, round(at)].append(f)
    out: list[Ruling] = []
    for f in fills:
        out.extend(_sides(f, by_edge))
    return out


def _sides(f: Fill, by_edge: dict[tuple[str, str, int], list[Fill]]) -> Iterator[Ruling]:
    # Each side, and the side of a neighbour that would continue the colour across it.
    for at, facing in ((f.x0, "x1"), (f.x1, "x0")):
        covers = [(n.top, n.bottom) for n in _neighbours(f, at, facing, by_edge)]
        for lo, hi in _uncovered(f.top, f.bottom, covers):
            yield Ruling(at, lo, at, hi)
    for at, facing in ((f.top, "bottom"), (f.bottom, "top")):
        covers = [(n.x0, n.x1) for n in _neighbours(f, at, facing, by_edge)]
        for lo, hi in _uncovered(f.x0, f.x1, covers):
            yield Ruling(lo, at, hi, at)


def _neighbours(
    f: Fill, at: float, facing: str, by_edge: dict[tuple[str, str, int], list[Fill]]
) -> Iterator[Fill]:
    key = round(at)
    for k in (key - 1, key, key + 1):
        for n in by_edge.get((f.colour, facing, k), ()):
            if n is not f and abs(getattr(n, facing) - at) <= _TOUCH:
                yield n


def _uncovered(
    lo: float, hi: float, covers: Sequence[tuple[float, float]]
) -> Iterator[tuple[float, float]]:
    """The parts of [lo, hi] outside every cover, each at least a ruling long."""
    start = lo
    for c_lo, c_hi in sorted(covers):
        if c_lo - _TOUCH > start and c_lo - start >= _MIN_LENGTH:
            yield start, min(c_lo, hi)
        start = max(start, c_hi)
        if start >= hi:
            return
    if hi - start >= _MIN_LENGTH:
        yield start, hi
