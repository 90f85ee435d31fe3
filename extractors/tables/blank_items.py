"""An unruled 三公 table printed with no figure at all (a department that spent nothing on
the three items): a header naming the items over rows that name only themselves (决算数).

Without a figure no line reads as a table row (stream_blocks wants figures), so the table
is lost and its items stay missing.  Only a header that names the 三公 items is taken:
elsewhere a row of labels over label lines is prose or a list, not a blank table.  Every
cell of such a table is blank: read downstream as a 0 that stays in review.
"""

from __future__ import annotations

import re
from statistics import median

from extractors.model import BBox, Cell, Line, Page, Table, union_bbox
from extractors.tables.stream import free_lines, merged_bounds
from extractors.tables.stream_blocks import (
    MAX_WRAPPED_HEADER_LINES,
    column_count,
    is_numeric_row,
)
from extractors.tables.stream_header import header_cells, join_wrapped_labels
from extractors.tables.stream_rows import line_cells

_ITEMS = ("因公出国", "公务接待", "公务用车")
_MAX_ROWS = 8  # 合计 and five items down the rows, or 上年/本年/增减 across
_CAPTION = re.compile(r"^(单位|部门|编制单位)")


def blank_item_tables(
    page: Page, lines: list[Line], taken: list[BBox], first_index: int
) -> list[Table]:
    free = free_lines(lines, taken)
    # Cheap exit for the pages (nearly all) that name fewer than two items anywhere.
    if not _names_items(free):
        return []
    gap = 2.5 * median([ln.bbox[3] - ln.bbox[1] for ln in free] or [10.0])
    tables: list[Table] = []
    for index in range(len(free)):
        header = _header_ending(free, index, gap)
        bounds = merged_bounds(header)
        rows = _label_rows(free[index + 1 :], header, bounds, gap) if header else []
        if rows and _names_items(header + rows):
            tables.append(_table(page, header, bounds, rows, first_index + len(tables)))
    return tables


def _header_ending(lines: list[Line], index: int, gap: float) -> list[Line]:
    """The lines of labels ending at lines[index], over three columns at least."""
    start = index
    while start > 0 and index - start + 1 < MAX_WRAPPED_HEADER_LINES:
        if lines[start].bbox[1] - lines[start - 1].bbox[3] > gap / 2.5:
            break
        above = lines[start - 1]
        if column_count(above) < 2 or is_numeric_row(above) or _CAPTION.match(above.text):
            break
        start -= 1
    header = lines[start : index + 1]
    wide = max(column_count(ln) for ln in header) >= 3
    if not wide or any(is_numeric_row(ln) for ln in header):
        return []
    return header


def _names_items(lines: list[Line]) -> bool:
    """Items across the header, or down the rows (项目 | 预算数 | 决算数 over 因公出国…)."""
    text = "".join(ln.text for ln in lines)
    return sum(item in text for item in _ITEMS) >= 2


def _label_rows(
    after: list[Line], header: list[Line], bounds: list[tuple[float, float]], gap: float
) -> list[Line]:
    """Lines of one label right under the header, left of its second column (a row label
    is set left, the header's 项目 centred over it)."""
    if len(bounds) < 2:
        return []
    rows: list[Line] = []
    last = header[-1]
    for line in after[:_MAX_ROWS]:
        one_label = column_count(line) == 1 and line.bbox[2] < bounds[1][0]
        near = line.bbox[1] - last.bbox[3] <= gap
        if not (one_label and near) or line.text.startswith(("注", "说明")):
            break
        rows.append(line)
        last = line
    return rows


def _table(
    page: Page,
    header: list[Line],
    bounds: list[tuple[float, float]],
    rows: list[Line],
    index: int,
) -> Table:
    cells: list[Cell] = []
    for row, line in enumerate(header):
        cells.extend(header_cells(page.number, row, line, header[row + 1 :], bounds, header[:row]))
    cells = join_wrapped_labels(cells)
    for row, line in enumerate(rows, start=len(header)):
        cells.extend(line_cells(page.number, row, line, bounds))
    return Table(
        table_id=f"p{page.number}-t{index}",
        pages=[page.number],
        bbox=union_bbox([ln.bbox for ln in header + rows]),
        cells=cells,
        n_rows=len(header) + len(rows),
        n_cols=len(bounds),
        engine="stream",
        ruled=False,
    )
