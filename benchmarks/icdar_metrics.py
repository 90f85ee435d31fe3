"""ICDAR 2013 table competition metrics (Göbel et al.): ground truth reading and scoring.

Region detection is scored on sub-objects, the characters of the page: a table region's
recall is the share of its characters inside a found table, a found table's precision the
share of its characters inside a true region.  Structure is scored on adjacency relations:
each non-empty cell and its nearest non-empty neighbour to the right and below, compared as
(text, text, direction) with whitespace removed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

BBox = tuple[float, float, float, float]  # top-left origin, points


@dataclass(frozen=True, slots=True)
class GtCell:
    r0: int
    r1: int
    c0: int
    c1: int
    text: str


@dataclass(frozen=True, slots=True)
class GtTable:
    page: int
    bbox: BBox
    cells: tuple[GtCell, ...]


Relation = tuple[str, str, str]


def load_structure(struct: Path, heights: dict[int, float]) -> list[GtTable]:
    """One GtTable per region of the structure file (a table over two pages has two).

    The XML boxes are in PDF space (origin bottom-left); `heights` maps 1-based page
    numbers to page heights for the flip.  A region's box bounds its cells.
    """
    tables = []
    for region in ET.parse(struct).getroot().iter("region"):
        page = int(region.attrib["page"])
        cells = tuple(_cell(c) for c in region.iter("cell"))
        xs, ys = [], []
        for box in region.iter("bounding-box"):
            xs += [_number(box.attrib["x1"]), _number(box.attrib["x2"])]
            ys += [_number(box.attrib["y1"]), _number(box.attrib["y2"])]
        bbox = _flip((min(xs), min(ys), max(xs), max(ys)), heights[page])
        tables.append(GtTable(page, bbox, cells))
    return tables


def load_regions(reg: Path, heights: dict[int, float]) -> list[tuple[int, BBox]]:
    out = []
    for region in ET.parse(reg).getroot().iter("region"):
        page = int(region.attrib["page"])
        box = region.find("bounding-box")
        assert box is not None
        raw = tuple(_number(box.attrib[k]) for k in ("x1", "y1", "x2", "y2"))
        out.append((page, _flip(raw, heights[page])))  # type: ignore[arg-type]
    return out


def _number(text: str) -> float:
    """A coordinate; one ground-truth file has a stray letter after the digits ("26ß")."""
    found = re.match(r"\s*-?\d+(\.\d+)?", text)
    if found is None:
        raise ValueError(f"not a coordinate: {text!r}")
    return float(found.group())


def _flip(box: tuple[float, ...], height: float) -> BBox:
    x1, y1, x2, y2 = box
    return (min(x1, x2), height - max(y1, y2), max(x1, x2), height - min(y1, y2))


def _cell(el: ET.Element) -> GtCell:
    r0, c0 = int(el.attrib["start-row"]), int(el.attrib["start-col"])
    r1 = int(el.attrib.get("end-row", r0))
    c1 = int(el.attrib.get("end-col", c0))
    content = el.find("content")
    return GtCell(r0, r1, c0, c1, (content.text or "") if content is not None else "")


def key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def relations(cells: list[GtCell] | tuple[GtCell, ...]) -> Counter[Relation]:
    """Each non-empty cell to its nearest non-empty neighbours right and below."""
    full = [c for c in cells if key(c.text)]
    out: Counter[Relation] = Counter()
    for a in full:
        right = [b for b in full if b.c0 > a.c1 and b.r0 <= a.r1 and a.r0 <= b.r1]
        below = [b for b in full if b.r0 > a.r1 and b.c0 <= a.c1 and a.c0 <= b.c1]
        for direction, group, pos in (("h", right, "c0"), ("v", below, "r0")):
            if group:
                nearest = min(getattr(b, pos) for b in group)
                for b in group:
                    if getattr(b, pos) == nearest:
                        out[key(a.text), key(b.text), direction] += 1
    return out


def grid_cells(rows: list[list[str]]) -> list[GtCell]:
    return [GtCell(i, i, j, j, t) for i, row in enumerate(rows) for j, t in enumerate(row)]


def inside(point: tuple[float, float], box: BBox, slack: float = 1.0) -> bool:
    x, y = point
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def overlap_ratio(a: BBox, b: BBox) -> float:
    """Intersection over the smaller box."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return w * h / smaller if smaller > 0 else 0.0
