"""A scrap of a cell's own ruling read as a "1" on a line of its own is dropped.

On a 150 dpi scan a short stretch of a vertical ruling, where noise broke it off the rest,
is detected as a text box and recognised as "1" (or "l", "|").  Inside a tall ruled cell
it sits on its own line, above the figure, so the cell read "13,855" for 3,855 (measured on
广州卫健's project table: three project amounts a 1 too large, each in review).  A real
glyph on its own line against the cell's left or right border, in a cell that has text
elsewhere, is not how a figure or a name is printed.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Cell, Table, Word
from extractors.tables.cells import join_words

EDGE = 1.5  # points between the scrap and the cell's border (the ruling it came from)
_STROKES = {"1", "l", "I", "|", "丨"}


def drop_ruling_marks(tables: list[Table]) -> list[Table]:
    return [_cleaned(t) for t in tables]


def _cleaned(table: Table) -> Table:
    cells = [_without_marks(c) for c in table.cells]
    if all(new is old for new, old in zip(cells, table.cells, strict=True)):
        return table
    return replace(table, cells=cells)


def _without_marks(cell: Cell) -> Cell:
    if len(cell.words) < 2 or cell.method != "ocr":
        return cell
    kept = [w for w in cell.words if not _mark(w, cell)]
    if len(kept) == len(cell.words) or not kept:
        return cell
    return replace(cell, text=join_words(kept), words=kept)


def _mark(word: Word, cell: Cell) -> bool:
    if word.text.strip() not in _STROKES:
        return False
    at_border = word.x0 - cell.bbox[0] <= EDGE or cell.bbox[2] - word.x1 <= EDGE
    return at_border and not any(_same_line(word, w) for w in cell.words if w is not word)


def _same_line(a: Word, b: Word) -> bool:
    return a.top < b.bottom and b.top < a.bottom
