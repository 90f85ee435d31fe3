"""A scanned continuation marked 续表 whose repeated header came out with other columns.

On a skewed scan a two-row header can be read as one row ("基本支出人员经费") and a group
label can open a column of its own, so the continuation's grid has another column count
than the first page's and the pages are not joined: every row of the continuation is lost
(generated three-line scans, 93032: 52 values of the 经济分类汇总表).  The page says it
continues the table before ("表4（续表）") and its body is printed in the same columns, so
its header rows are set aside and its body re-columned onto the earlier page as a
headerless continuation is (regrid.py); kept only when every figure finds its column.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Table
from extractors.stages.regrid import regrid_scanned
from extractors.tables.header import find_header

_CONTINUED = re.compile(r"续表|（续）|\(续\)|续上表")


def drop_mismatched_headers(tables: list[Table]) -> list[Table]:
    out = list(tables)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        rows = find_header(cur).rows
        if rows == 0 or not _marked_continuation(prev, cur):
            continue
        body = replace(
            cur,
            cells=[replace(c, row=c.row - rows) for c in cur.cells if c.row >= rows],
            n_rows=cur.n_rows - rows,
        )
        placed = regrid_scanned([prev, body])[1]
        if placed.n_cols == prev.n_cols:
            out[i] = placed
    return out


def _marked_continuation(prev: Table, cur: Table) -> bool:
    scanned = any(c.method == "ocr" for c in cur.cells)
    marked = bool(_CONTINUED.search(" ".join(cur.context[-1:])))
    next_page = cur.pages[0] == prev.pages[-1] + 1
    return scanned and marked and next_page and cur.n_cols != prev.n_cols
