"""A table with its meaning: kind, title, unit, header and column roles."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.model import Cell, Table
from extractors.numbers import unit_in
from extractors.tables.header import Header, find_header
from extractors.tables.kinds import kind_from_title, pick_title
from extractors.tables.roles import column_roles
from schemas import TableKind


@dataclass(slots=True)
class TypedTable:
    table: Table
    kind: TableKind
    title: str
    unit: str
    unit_stated: bool  # False: the unit was taken from the document, not this table
    header: Header
    roles: list[str | None]
    # No table of the document states a unit: 元 is a guess.
    unit_guessed: bool = False

    @property
    def table_id(self) -> str:
        return self.table.table_id

    def body(self) -> list[list[Cell | None]]:
        return self.table.cell_matrix()[self.header.rows :]

    def col(self, role: str) -> int | None:
        return next((i for i, r in enumerate(self.roles) if r == role), None)

    def cols(self, role: str) -> list[int]:
        return [i for i, r in enumerate(self.roles) if r == role]


def type_table(table: Table, default_unit: str | None) -> TypedTable:
    inside = _top_texts(table)
    title = table.title or pick_title(table.context) or pick_title(inside)
    header = find_header(table)
    kind = kind_from_title(title) or _kind_from_header(header)
    unit = _table_unit(table, header) or _unit_of(inside)
    return TypedTable(
        table=table,
        kind=kind,
        title=title,
        unit=unit or default_unit or "元",
        unit_stated=unit is not None,
        unit_guessed=unit is None and default_unit is None,
        header=header,
        roles=column_roles(header),
    )


def _top_texts(table: Table, rows: int = 4) -> list[str]:
    """Some producers draw the title and unit line as the first rows of the grid (北京)."""
    texts = [c.text for c in sorted(table.cells, key=lambda c: (c.row, c.col)) if c.row < rows]
    return [t for t in texts if t.strip()]


def _unit_of(texts: list[str]) -> str | None:
    return next((u for u in map(unit_in, texts) if u), None)


def _table_unit(table: Table, header: Header) -> str | None:
    for line in reversed(table.context):
        unit = unit_in(line)
        if unit:
            return unit
    for path in header.paths:
        for label in path:
            unit = unit_in(label.text)
            if unit:
                return unit
    # A footnote states the unit of the table above it, not of the next one.
    return next((u for u in map(unit_in, table.notes) if u), None)


def _kind_from_header(header: Header) -> TableKind:
    text = "".join(lb.text for path in header.paths for lb in path)
    if "因公出国" in text and "公务接待" in text:
        return TableKind.three_public
    return TableKind.other
