"""Lines printed over a scanned table and read as its first rows go back above it.

On a scan the table region is found from the page image and can take in the lines right
above the grid: "表3（续表）" over a continued three-line table, the title and "单位名称：某局"
over a first page.  As top rows they join the header: a continuation's header no longer
repeats the first page's, so the pages are not joined and rows whose outline codes ("04"
under the 222 of the page before) need the earlier page lose their class; a table whose
title went into its grid has no title, so no kind, and all its values are lost (measured
on generated three-line and unruled scans).  The text layer of the same page keeps these
lines out of the table, so they go back into the table's context, where the digital
reading has them.  A unit printed over the last column can be read into that column's
label ("单位：元项目支出"): the unit goes to the context, the label stays.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, Table
from extractors.tables.kinds import kind_from_title

# The table's number and the continuation mark; the caption lines.
_MARK = re.compile(
    r"^(表[0-9一二三四五六七八九十]+)?([（(]?续表?[)）]?|续上表)$|^表[0-9一二三四五六七八九十]+$"
)
_CAPTION = re.compile(r"^(单位名称|部门名称|预算单位|编制单位)[:：]")
_UNIT = re.compile(r"^(金额)?单位[:：]?(亿元|万元|千元|元)")
_UNIT_SUFFIX = re.compile(r"[（(](金额)?单位[:：]?(亿元|万元|千元|元)[)）]$")


def lift_top_lines(tables: list[Table]) -> list[Table]:
    return [_lifted(t) for t in tables]


def _lifted(table: Table) -> Table:
    while table.n_rows > 2:
        top = [c for c in table.cells if c.row == 0]
        filled = [c for c in top if c.text.strip()]
        if not filled or any(c.row_span > 1 or c.method != "ocr" for c in filled):
            return table
        split = [_over_table(c.text) for c in filled]
        if any(s is None for s in split):
            return table
        parts = [s for s in split if s is not None]
        context = [*table.context, *(line for line, _ in parts)]
        if any(rest for _, rest in parts):
            # A column label follows the unit: the row is the header's, the unit is not.
            kept = {id(c): rest for c, (_, rest) in zip(filled, parts, strict=True)}
            cells = [_relabelled(c, kept[id(c)]) if id(c) in kept else c for c in table.cells]
            return replace(table, cells=cells, context=context)
        table = _without_top_row(table, context)
    return table


def _over_table(text: str) -> tuple[str, str] | None:
    """(the line, what follows it in the cell) when `text` opens with a line printed over
    tables; None when it is anything else."""
    bare = re.sub(r"\s+", "", text)
    if _MARK.match(bare) or _CAPTION.match(bare) or _title(bare):
        return text.strip(), ""
    unit = _UNIT.match(bare)
    return (unit.group(0), bare[unit.end() :]) if unit else None


def _title(bare: str) -> bool:
    """A table title: it names a kind and ends in 表 (a header's group label does not)."""
    title = _UNIT_SUFFIX.sub("", bare)
    return title.endswith("表") and kind_from_title(title) is not None


def _relabelled(cell: Cell, rest: str) -> Cell:
    # The words keep their boxes (one box holds both): only the label is the cell's text.
    return replace(cell, text=rest)


def _without_top_row(table: Table, context: list[str]) -> Table:
    rest = [replace(c, row=c.row - 1) for c in table.cells if c.row > 0]
    top = min((c.bbox[1] for c in rest if c.text.strip()), default=table.bbox[1])
    return replace(
        table,
        cells=rest,
        n_rows=table.n_rows - 1,
        bbox=(table.bbox[0], top, table.bbox[2], table.bbox[3]),
        context=context,
    )
