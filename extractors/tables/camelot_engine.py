"""camelot-py behind the same interface: lattice on ruled pages, stream elsewhere.

camelot re-reads the file, so it is slower (lattice renders the page); it is kept as the
alternative engine (BUDGETLENS_TABLE_ENGINE=camelot) and for side-by-side benchmarks.
Its atomic grid cells are used as they are: merged header cells come out unmerged.
"""

from __future__ import annotations

import warnings
from typing import Any

from extractors.model import BBox, Line, Page, Table
from extractors.tables.ruled import grid_table


def camelot_tables(page: Page, lines: list[Line]) -> list[Table]:
    from camelot.io import read_pdf  # imported lazily: only this engine needs it

    if not page.pdf_path:
        return []
    flavor = "lattice" if page.rulings else "stream"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "No tables found" is an answer, not a problem
        found = read_pdf(page.pdf_path, pages=str(page.number), flavor=flavor)
    tables: list[Table] = []
    for index, camelot_table in enumerate(found, 1):
        boxes = [_box(cell, page.height) for row in camelot_table.cells for cell in row]
        table = grid_table(page, boxes, index)
        if table is not None:
            table.engine = f"camelot-{flavor}"
            tables.append(table)
    return tables


def _box(cell: Any, page_height: float) -> BBox:
    # camelot's origin is bottom-left; ours is top-left.
    return (
        float(cell.x1),
        page_height - float(cell.y2),
        float(cell.x2),
        page_height - float(cell.y1),
    )
