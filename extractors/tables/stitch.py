"""Tables running across pages (续表, header repeated or not) become one table."""

from __future__ import annotations

import re

from extractors.model import Table
from extractors.tables.classify import pick_title
from extractors.tables.header import Header, find_header

_CONTINUED = re.compile(r"续表|（续）|\(续\)|续上表")


def stitch(tables: list[Table]) -> list[Table]:
    """Tables in page order in, merged tables out."""
    out: list[Table] = []
    for index, table in enumerate(tables):
        # Only the last table of a page can run on, into the first table of the next page.
        adjacent = index > 0 and tables[index - 1].pages[-1] + 1 == table.pages[0]
        if out and adjacent and _continues(out[-1], table):
            _append(out[-1], table, _repeated_header_rows(out[-1], table))
        else:
            out.append(table)
    return out


def _continues(first: Table, second: Table) -> bool:
    if second.n_cols != first.n_cols:
        return False
    context = " ".join(second.context)
    if _CONTINUED.search(context):
        return True
    title = pick_title(second.context)
    if title and _bare(title) != _bare(pick_title(first.context)):
        return False  # a new table with its own title (the same title repeated continues)
    return _same_columns(first, second)


def _repeated_header_rows(first: Table, second: Table) -> int:
    head2 = find_header(second)
    if not find_header(first).rows or _labels_not_every_column(head2):
        return 0
    return head2.rows


def _bare(title: str) -> str:
    return re.sub(r"\s|（续）|\(续\)|续表", "", title)


def _same_columns(first: Table, second: Table) -> bool:
    """Same column count and, if the second repeats a header, the same header."""
    head2 = find_header(second)
    if head2.rows == 0 or _labels_not_every_column(head2):
        return True
    head1 = find_header(first)
    return [head1.path_text(c) for c in range(first.n_cols)] == [
        head2.path_text(c) for c in range(second.n_cols)
    ]


def _labels_not_every_column(header: Header) -> bool:
    """A repeated header names every column; top rows that leave a column unnamed are body
    rows with no amounts yet (上海 决算: "使用非财政拨款结余 | | 结余分配 | ")."""
    return any(not path for path in header.paths)


def _append(first: Table, second: Table, skip: int) -> None:
    offset = first.n_rows - skip
    for cell in second.cells:
        if cell.row < skip:
            continue
        cell.row += offset
        first.cells.append(cell)
    first.n_rows += second.n_rows - skip
    first.pages.extend(p for p in second.pages if p not in first.pages)
