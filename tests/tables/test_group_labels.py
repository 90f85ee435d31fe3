"""A label line between items of an unruled list is a row, not the item's wrapped tail.

Read on camelot's detect_vertical_false.pdf (a wine list: sections a few blank lines apart,
group labels "A.O.P …" between the wines, prices "8 €"), and on a synthetic budget page
whose long names really wrap: the join of wrapped names must still hold there.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from extractors.backends.text_layer import read_page
from extractors.model import Table
from extractors.options import PipelineOptions
from extractors.tables.find import find_tables
from extractors.tables.lines import page_lines
from tests.synth.generate import write
from tests.tables.test_peer_layouts import rows, tables_of

pytestmark = pytest.mark.realdata

WINES = "detect_vertical_false.pdf"


def _wines() -> Table:
    tables = tables_of(WINES)
    assert len(tables) == 1
    return tables[0]


def _after(table: Table, first_cell: str) -> list[str]:
    grid = rows(table)
    index = next(i for i, r in enumerate(grid) if r[0].startswith(first_cell))
    return grid[index + 1]


def test_label_under_the_widest_name_is_a_row_of_its_own() -> None:
    # "Famille Coulon (…) Biotifulfox 2017" is the widest name of its section; the label
    # under it is one row pitch down with room to spare on the name's line.
    table = _wines()
    assert not any("A.O.P" in r[0] and "Famille" in r[0] for r in rows(table))
    assert _after(table, "Famille Coulon") == ["A.O.P Vacqueyras", ""]
    assert _after(table, "L’Oratoire St Martin") == ["A.O.P Saint Joseph", ""]


def test_label_under_a_name_split_over_columns_is_a_row() -> None:
    # In the first section a chance gap splits the names over columns; the label after
    # "Domaine de Montvac « Melodine » 2016" still stays off that name.
    assert _after(_wines(), "Domaine de Montvac«Melodine»") == ["A.O.P Châteauneuf du Pape", ""]


def test_price_and_its_currency_sign_are_one_cell() -> None:
    prices = {r[1].replace(" ", "") for r in rows(_wines()) if r[1]}
    assert {"8€", "10€", "15€"} <= prices
    assert "€" not in prices


def test_sections_a_blank_gap_apart_are_one_table() -> None:
    table = _wines()
    firsts = [r[0] for r in rows(table)]
    assert {"Les Blancs", "Les Rosés", "Les Rouges"} <= set(firsts)
    assert table.n_rows == 37 and table.n_cols == 2


def test_wrapped_budget_name_still_joins_its_row(tmp_path: Path) -> None:
    # Seed 5045 wraps "其他地方自行试点项目收益专项债券收 / 入安排的支出" in a column
    # with 36 points of blank before the next column's figures, which stand centred between
    # the two lines: the tail is the name's, whatever room the first line seems to leave.
    pdf = write(5045, tmp_path, False, 0)
    options = PipelineOptions(ocr_engine="none", ocr_workers=1)
    with pdfplumber.open(str(pdf)) as doc:
        page = read_page(doc.pages[3], 4, options)
    cells = [c.text for t in find_tables(page, page_lines(page), options) for c in t.cells]
    assert any("专项债券收入安排的支出" in text for text in cells)
    assert "入安排的支出" not in cells
