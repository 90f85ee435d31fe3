"""A line printed over a scanned table and read as the table's first row goes back above it.

On a scan the table region is found from the page image and can take in the line right
above the grid: "表3（续表）" over a continued three-line table, "单位名称：某局" over the first
page.  As a first row it joins the header, so the continuation's header no longer repeats
the first page's, the pages are not joined, and rows whose outline codes ("04" under the
222 of the page before) need the earlier page lose their class (measured on generated
three-line and unruled scans: every row above the continuation's first full code lost).
The text layer of the same page keeps the line out of the table, so this puts it back
in the table's context, where the digital reading has it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Table

# What is printed over a table: its number, the continuation mark, the caption lines.
_OVER_TABLE = re.compile(
    r"^(表\s*[0-9一二三四五六七八九十]+\s*)?([（(]?\s*续表?\s*[)）]?|续上表)$"
    r"|^表\s*[0-9一二三四五六七八九十]+$"
    r"|^(单位名称|部门名称|预算单位|编制单位|金额单位|单位)\s*[:：]"
)


def lift_top_lines(tables: list[Table]) -> list[Table]:
    return [_lifted(t) for t in tables]


def _lifted(table: Table) -> Table:
    top = [c for c in table.cells if c.row == 0]
    filled = [c for c in top if c.text.strip()]
    if table.n_rows < 2 or len(filled) != 1 or any(c.row_span > 1 for c in top):
        return table
    line = filled[0]
    if line.method != "ocr" or not _OVER_TABLE.search(re.sub(r"\s+", "", line.text)):
        return table
    rest = [replace(c, row=c.row - 1) for c in table.cells if c.row > 0]
    return replace(
        table,
        cells=rest,
        n_rows=table.n_rows - 1,
        bbox=(table.bbox[0], _top(rest, table.bbox[1]), table.bbox[2], table.bbox[3]),
        context=[*table.context, line.text.strip()],
    )


def _top(cells: list[Cell], fallback: float) -> float:
    return min((c.bbox[1] for c in cells if c.text.strip()), default=fallback)
