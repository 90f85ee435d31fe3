"""Amount cells with the labels that name them: the row label to the left, the column path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from extractors.model import Cell
from extractors.numbers import parse_amount
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable


@dataclass(slots=True)
class LabelledCell:
    cell: Cell
    row_label: str  # text cells left of it in its row, up to the previous amount
    column_label: str  # header path of its column
    role: str | None
    empty: bool
    row_head: str  # the first label of the row (leftmost text), for total rows


def covering(typed: TypedTable) -> list[list[Cell | None]]:
    """Grid where a spanning cell fills every position it covers."""
    table = typed.table
    grid: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for r in range(cell.row, min(table.n_rows, cell.row + cell.row_span)):
            for c in range(cell.col, min(table.n_cols, cell.col + cell.col_span)):
                grid[r][c] = cell
    return grid


# Columns that never hold an amount, whatever their (empty) cells parse as.
_NOT_AMOUNTS = {"line_no", "name", "gov_name", "code", "gov_code", "unit_code"}


def labelled_cells(typed: TypedTable) -> Iterator[LabelledCell]:
    grid = covering(typed)
    for r in range(typed.header.rows, typed.table.n_rows):
        row = grid[r]
        head = next((clean(c.text) for c in row if c and _is_label(c)), "")
        for c, cell in enumerate(row):
            if cell is None or cell.col != c or cell.row != r or _is_label(cell):
                continue
            if typed.roles[c] in _NOT_AMOUNTS:
                continue
            parsed = parse_amount(cell.text)
            if parsed is None:
                continue
            yield LabelledCell(
                cell=cell,
                row_label=_left_label(row, c, typed.roles),
                column_label=typed.header.path_text(c),
                role=typed.roles[c],
                empty=parsed.empty,
                row_head=head,
            )


def _is_label(cell: Cell) -> bool:
    return bool(clean(cell.text)) and parse_amount(cell.text) is None


def _left_label(row: list[Cell | None], col: int, roles: list[str | None]) -> str:
    """The text cells left of the amount at `col`, up to the previous amount.

    A 决算 row prints 预算数 then 决算数 after one label: the 预算数 cells in between do not
    end the label (they would leave the 决算数, the figure the contract wants, unnamed)."""
    parts: list[str] = []
    seen: set[int] = set()
    for c in range(col - 1, -1, -1):
        cell = row[c]
        if cell is None or id(cell) in seen or roles[c] == "line_no":
            continue
        seen.add(id(cell))
        parsed = parse_amount(cell.text)
        if parsed is None:
            parts.append(clean(cell.text))
        elif not parts and (roles[c] or "").startswith("budget_"):
            continue
        elif not parsed.empty or parts:
            break
    return "".join(reversed(parts))
