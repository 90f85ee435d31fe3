"""Blank cells of a scanned table continued on a page whose grid came out with other columns.

regrid.py places such a continuation's cells under the first page's columns.  A blank cell
is a 0 to review, not an absent value, so it must come through: the first page's
项目支出 column is blank on every body row (a department whose rows there are all basic
spending), and on the continuation a missed ruling merged the blank 基本支出 and 项目支出
cells of a row into one.  Before, the continuation kept neither blank.
"""

from __future__ import annotations

from extractors.model import BBox, Cell, Table, Word
from extractors.stages.regrid import regrid_scanned

# 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出, x ranges in points
COLUMNS = [(40.0, 100.0), (100.0, 260.0), (260.0, 360.0), (360.0, 460.0), (460.0, 560.0)]


def _cell(page: int, row: int, col: int, text: str, x: tuple[float, float]) -> Cell:
    top = 100.0 + 20 * row
    bbox: BBox = (x[0], top, x[1], top + 18)
    words = [Word(text, (x[0] + 2, top + 3, x[1] - 2, top + 15), 0.99, "ocr")] if text else []
    return Cell(row=row, col=col, text=text, bbox=bbox, page=page, words=words)


def _table(page: int, rows: list[list[str]], cols: list[tuple[float, float]]) -> Table:
    cells = [
        _cell(page, r, c, text, cols[c]) for r, row in enumerate(rows) for c, text in enumerate(row)
    ]
    return Table(f"p{page}-t1", [page], (40.0, 100.0, 560.0, 100.0 + 20 * len(rows)), cells,
                 len(rows), len(cols), "ocr_grid", context=["部门支出总表"])  # fmt: skip


def _first_page() -> Table:
    rows = [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["208", "社会保障和就业支出", "120.00", "120.00", ""],
        ["20805", "行政事业单位养老支出", "120.00", "120.00", ""],
    ]
    return _table(5, rows, COLUMNS)


def _continuation() -> Table:
    # 基本支出 | 项目支出 read as one grid column: the ruling between them was missed
    cols = [*COLUMNS[:3], (360.0, 560.0)]
    rows = [
        ["2080505", "机关事业单位基本养老保险缴费支出", "80.00", "80.00"],
        ["2080506", "机关事业单位职业年金缴费支出", "40.00", "40.00"],
        ["22102", "住房改革支出", "", ""],
    ]
    table = _table(6, rows, cols)
    table.context = []
    # the figures sit in the 基本支出 half of the merged column, as printed
    for c in table.cells:
        if c.col == 3 and c.text:
            c.bbox = (360.0, c.bbox[1], 460.0, c.bbox[3])
    return table


def test_blank_cells_of_a_regridded_continuation_stay_blank_cells() -> None:
    first, cont = regrid_scanned([_first_page(), _continuation()])
    assert cont.n_cols == first.n_cols == 5
    grid = cont.cell_matrix()
    for row in range(3):
        project = grid[row][4]
        assert project is not None and project.text == "", (row, project)
    assert [c.text if c else None for c in grid[0]][2:4] == ["80.00", "80.00"]
    basic_blank = grid[2][3]
    assert basic_blank is not None and basic_blank.text == ""
