"""Tables running across pages (续表, header repeated or not) become one table."""

from __future__ import annotations

import re

from extractors.model import Table
from extractors.tables.header import Header, find_header
from extractors.tables.kinds import pick_title

_CONTINUED = re.compile(r"续表|（续）|\(续\)|续上表")


def stitch(tables: list[Table]) -> list[Table]:
    """Tables in page order in, merged tables out."""
    out: list[Table] = []
    for index, table in enumerate(tables):
        # Only the last table of a page can run on, into the first table of the next page.
        adjacent = index > 0 and tables[index - 1].pages[-1] + 1 == table.pages[0]
        skip = _continuation(out[-1], table) if out and adjacent else None
        if skip is None:
            out.append(table)
        else:
            _append(out[-1], table, skip)
    return out


def _continuation(first: Table, second: Table) -> int | None:
    """None: `second` is a table of its own; else how many header rows it repeats."""
    if second.n_cols != first.n_cols:
        return None
    title = pick_title(second.context)
    continued = bool(_CONTINUED.search(" ".join(second.context)))
    if not continued and title and _bare(title) != _bare(pick_title(first.context)):
        return None  # a new table with its own title (the same title repeated continues)
    head1, head2 = find_header(first), find_header(second)
    # No header on top of the second, or top rows that are body rows: nothing to compare.
    body_on_top = head2.rows == 0 or _labels_not_every_column(head2)
    if not (continued or body_on_top or _same_paths(head1, head2, first.n_cols)):
        return None
    return 0 if not head1.rows or _labels_not_every_column(head2) else head2.rows


def _bare(title: str) -> str:
    return re.sub(r"\s|（续）|\(续\)|续表", "", title)


def _same_paths(head1: Header, head2: Header, n_cols: int) -> bool:
    """The second repeats the first's header."""
    return [head1.path_text(c) for c in range(n_cols)] == [
        head2.path_text(c) for c in range(n_cols)
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
    first.notes = second.notes or first.notes
    first.pages.extend(p for p in second.pages if p not in first.pages)
