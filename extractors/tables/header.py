"""Header rows of a table and the label path of every column.

A column's label path is the header texts above it, top to bottom: a merged header cell
("基本支出" spanning three columns) is part of the path of every column it spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Cell, Table
from extractors.numbers import parse_amount

_COLUMN_NUMBERS = re.compile(r"^(\*+|\d{1,2}|栏次|行次|[A-Z]|—|-)$")
_SPACES = re.compile(r"[\s\u3000]+")
# 上海 决算 prints "类 | 款 | 项" on the 合计 row itself: labels, though the row is data.
_CODE_PARTS = {"类", "款", "项"}


@dataclass(frozen=True, slots=True)
class HeaderLabel:
    text: str
    span: int  # how many columns the header cell spans


@dataclass(slots=True)
class Header:
    rows: int  # number of header rows at the top of the table
    paths: list[list[HeaderLabel]]  # per column, top to bottom

    def path_text(self, col: int) -> str:
        return "/".join(label.text for label in self.paths[col])


_ZERO_MARK = re.compile(r"^[-—－–]{1,2}$")


def clean(text: str) -> str:
    return _SPACES.sub("", text)


def find_header(table: Table) -> Header:
    rows = _header_row_count(table.cell_matrix())
    return Header(rows=rows, paths=[_top_down(table, col, rows) for col in range(table.n_cols)])


def _top_down(table: Table, col: int, rows: int) -> list[HeaderLabel]:
    covering = [
        c
        for c in table.cells
        if (c.row < rows or (c.row == rows and clean(c.text) in _CODE_PARTS))
        and c.col <= col < c.col + c.col_span
        and clean(c.text)
    ]
    covering.sort(key=lambda c: c.row)
    # 行次/栏次 stay in the path: they mark a column of line numbers, not amounts.
    return [
        HeaderLabel(clean(c.text), c.col_span)
        for c in covering
        if not _COLUMN_NUMBERS.match(clean(c.text)) or clean(c.text) in ("行次", "栏次")
    ]


def _header_row_count(grid: list[list[Cell | None]]) -> int:
    """Header rows end where the first row with a real amount or a code begins."""
    for index, row in enumerate(grid):
        cells = [c for c in row if c is not None and clean(c.text)]
        if not cells:
            continue
        if all(_COLUMN_NUMBERS.match(clean(c.text)) for c in cells):
            continue  # "栏次" / "1 2 3" / "**" rows belong to the header
        if any(_is_data(c.text) for c in cells) or _dashes_only(cells):
            return _before_repeats(grid, index)
    return _above_blank_rows(grid)


def _above_blank_rows(grid: list[list[Cell | None]]) -> int:
    """No row states a figure (a 三公 table with nothing spent): the header is what stands
    above the last rows that name only themselves (决算数 | | | |), once it labels at least
    three columns; otherwise there is no header to tell."""
    start = len(grid)
    while start > 0 and _label_only(grid[start - 1]):
        start -= 1
    if start in (0, len(grid)):
        return 0
    labelled = {c.col for row in grid[:start] for c in row if c is not None and clean(c.text)}
    return start if len(labelled) >= 3 else 0


def _label_only(row: list[Cell | None]) -> bool:
    texts = [c for c in row if c is not None and clean(c.text)]
    return len(texts) == 1 and texts[0].col == 0 and len(row) > 2


def _before_repeats(grid: list[list[Cell | None]], rows: int) -> int:
    """Header rows stop at a row whose label recurs in its column beside figures lower down:
    such a row is a body row without figures (产出指标 | 数量指标 | 完成次数 | 100次 opening
    the continuation page of an indicator table), not a header."""
    body: set[tuple[int, str]] = set()
    for row in grid[rows:]:
        cells = [c for c in row if c is not None and clean(c.text)]
        if any(_is_data(c.text) for c in cells):
            body.update((c.col, clean(c.text)) for c in cells if not _is_data(c.text))
    for index, row in enumerate(grid[:rows]):
        if any(c is not None and (c.col, clean(c.text)) in body for c in row):
            return index
    return rows


def _dashes_only(cells: list[Cell]) -> bool:
    """A row stating zeros with dashes beside at most its label (预算数 - - - -): data."""
    marks = sum(bool(_ZERO_MARK.match(clean(c.text))) for c in cells)
    return marks >= 2 and len(cells) - marks <= 1


def _is_data(text: str) -> bool:
    parsed = parse_amount(text)
    if parsed is None or parsed.empty:
        return False
    t = clean(text)
    return len(t) >= 2 or t not in {str(i) for i in range(10)}
