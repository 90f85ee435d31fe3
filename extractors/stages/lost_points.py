"""A scanned figure whose decimal point was read as a gap gets its point back, in review.

Small print in narrow cells at 150 dpi loses the point but keeps its width: "24.00" comes
out as "24 00" (measured on a 西安 三公 table, every figure of its 2019 block).  A gap before
two digits is no thousands gap (numbers.py refuses it), so the cell would be lost.  On a
table whose figures mostly print that many decimals, the gap sits where the point goes.
The restored reading is marked as a choice no identity confirms, so it stays in review:
one lost glyph in the same place on every cell of a row keeps the row's sums holding.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Cell, ReadingChoice, Table
from extractors.ocr.figure_variants import table_precision

RULE = "printed_precision"
_GAPPED = re.compile(r"^(-?\d+)[ \u3000]+(\d+)$")


def restore_points(tables: list[Table]) -> list[Table]:
    return [_restored(t) for t in tables]


def _restored(table: Table) -> Table:
    if not any(c.method == "ocr" for c in table.cells):
        return table  # a text layer prints its points
    decimals = table_precision(c.text for c in table.cells)
    if decimals is None:
        return table
    cells = [_pointed(c, decimals) for c in table.cells]
    if all(new is old for new, old in zip(cells, table.cells, strict=True)):
        return table
    return replace(table, cells=cells)


def _pointed(cell: Cell, decimals: int) -> Cell:
    match = _GAPPED.match(cell.text.strip())
    if cell.method != "ocr" or match is None or len(match.group(2)) != decimals:
        return cell
    text = f"{match.group(1)}.{match.group(2)}"
    return replace(cell, text=text, choice=ReadingChoice(replaced=cell.text, rule=RULE))
