"""One data model from page to value.

A page's words are the same type whether they came from the text layer or from OCR:
table finding, classification, mapping and validation never ask where a word came from
(the score and method travel with it).  Coordinates are PDF points in the page's
displayed orientation (after /Rotate), origin top-left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from schemas import Source
from schemas.budget import RegionKind

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom
Method = Literal["pdf_text", "ocr"]
# Which way a word's glyphs run on the page: left to right, or rotated to run down (ttb) or
# up (btt) the page (a column header set sideways); from the text layer's glyph matrix.
Direction = Literal["ltr", "ttb", "btt"]
PageStatus = Literal["ok", "needs_ocr", "failed"]


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    score: float = 1.0
    method: Method = "pdf_text"
    direction: Direction = "ltr"

    @property
    def x0(self) -> float:
        return self.bbox[0]

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def x1(self) -> float:
        return self.bbox[2]

    @property
    def bottom(self) -> float:
        return self.bbox[3]

    @property
    def xc(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def yc(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


@dataclass(frozen=True, slots=True)
class Ruling:
    """A horizontal or vertical ruling line segment (from lines, thin rects or rect edges)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return (self.x1 - self.x0) >= (self.bottom - self.top)


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    rotation: int = 0
    source: Method = "pdf_text"
    words: list[Word] = field(default_factory=list)
    rulings: list[Ruling] = field(default_factory=list)
    status: PageStatus = "ok"
    reason: str | None = None
    # Regions of the page covered by images (digital pages with pasted-in tables).
    image_regions: list[BBox] = field(default_factory=list)
    pdf_path: str = ""  # the file, for engines that re-read it (camelot)
    # Boxes of slanted lines and curves: a chart's plot (extractors/backends/strokes.py).
    plot_strokes: list[BBox] = field(default_factory=list)


@dataclass(slots=True)
class Line:
    """Words on one visual line, left to right (titles, unit lines, narrative)."""

    page: int
    words: list[Word]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def bbox(self) -> BBox:
        return union_bbox([w.bbox for w in self.words])


@dataclass(frozen=True, slots=True)
class ReadingChoice:
    """An OCR'd figure whose reading a table identity chose among its alternatives."""

    replaced: str  # the text as first read
    rule: str  # the identity that chose it
    confirmed_by: str | None = None  # a different identity that holds with it, if any


@dataclass(slots=True)
class Cell:
    row: int
    col: int
    text: str
    bbox: BBox
    page: int
    row_span: int = 1
    col_span: int = 1
    words: list[Word] = field(default_factory=list)
    choice: ReadingChoice | None = None  # set by extractors/ocr/identity_choice.py

    @property
    def confidence(self) -> float:
        return min((w.score for w in self.words), default=1.0)

    @property
    def method(self) -> Method:
        return "ocr" if any(w.method == "ocr" for w in self.words) else "pdf_text"


@dataclass(slots=True)
class Table:
    """A grid of cells as found on the page(s); header and roles come later."""

    table_id: str
    pages: list[int]
    bbox: BBox
    cells: list[Cell]
    n_rows: int
    n_cols: int
    engine: str
    title: str = ""
    unit: str | None = None
    # Lines above the table on its first page (title, 单位, 部门名称 …), nearest last.
    context: list[str] = field(default_factory=list)
    # Lines right under the table on its last page (注：本表金额单位为千元 …).
    notes: list[str] = field(default_factory=list)
    ruled: bool = True

    def cell_matrix(self) -> list[list[Cell | None]]:
        """Row-major grid; a spanning cell appears at its top-left position only."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for c in self.cells:
            out[c.row][c.col] = c
        return out


@dataclass(slots=True)
class PageResult:
    """Everything the per-page stages learn about one page; JSON-serialisable."""

    page: Page
    tables: list[Table] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Region:
    """What the layout stage says about a part of a page (extractors/layout/)."""

    kind: RegionKind
    bbox: BBox  # PDF points, origin top-left of the upright page
    score: float  # how sure the finder is of the kind
    method: Method | None = None  # how its words were read, when it was read on its own


# A signal of at least this penalty keeps its value in review, whatever confirms it.  The
# judged doubts (a failed identity, validation/policy.py; a failed rule over a reading that
# is not firm, findings.py; a rounded sentence where a table was not read, unread.py) add
# this same weight: one threshold on one log-odds scale, "enough to send it to review".
DOUBTED_PENALTY = 3.0


@dataclass(slots=True)
class Signal:
    """One reason to doubt (or trust) a reading; the confidence stage weighs them."""

    name: str
    penalty: float  # 0 = no doubt; subtracted in log-odds space by the confidence stage


@dataclass(slots=True)
class Reading:
    """One place the document states a value for a path."""

    path: str
    value: Decimal  # 元
    raw: str
    unit: str
    source: Source
    signals: list[Signal] = field(default_factory=list)
    budget_value: Decimal | None = None  # 决算 tables: the budget figure beside the actual
    extra_sources: list[Source] = field(default_factory=list)  # summed rows of one code


def union_bbox(boxes: list[BBox]) -> BBox:
    if not boxes:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
