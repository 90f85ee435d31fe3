"""What the re-columning of continuation pages shares: which table is a headerless
continuation of the one before, and where the earlier page's filled body cells sit in x."""

from __future__ import annotations

from extractors.model import Cell, Table
from extractors.tables.header import find_header


def headerless_next_page(prev: Table, cur: Table) -> bool:
    """cur starts on the page after prev ends and repeats no header: a continuation, if the
    columns can be matched."""
    return cur.pages[0] == prev.pages[-1] + 1 and find_header(cur).rows == 0


def body_cells(table: Table) -> list[Cell]:
    """The filled cells under the header: the ones whose x positions say where a column is
    (header cells span and wrap; blank cells have no text to place)."""
    rows = find_header(table).rows
    return [c for c in table.cells if c.row >= rows and c.text.strip()]


def centre(cell: Cell) -> float:
    return (cell.bbox[0] + cell.bbox[2]) / 2
