"""Unruled tables whose cells hold text, on real pages of camelot's suite: a caption over
the header, a phrase a column gap runs through, two labels at one grid position."""

from __future__ import annotations

from collections import Counter

import pytest

from extractors.model import Table
from tests.tables.test_peer_layouts import rows, tables_of

pytestmark = pytest.mark.realdata


def _with(tables: list[Table], text: str) -> Table:
    return next(t for t in tables if any(text in " ".join(r) for r in rows(t)))


def test_caption_over_the_header_is_context_not_a_row() -> None:
    # "Table: 5   Public Health Outlay 2012-13 (Budget Estimates)   (Rs. in 000)" sits on the
    # line above the header; its words were spread over the figure columns as a row.
    table = _with(tables_of("health.pdf"), "Andhra Pradesh")
    assert rows(table)[0][0] == "States-A"
    assert not any("Outlay" in c for r in rows(table) for c in r)
    assert any("PublicHealthOutlay" in line.replace(" ", "") for line in table.context)


def test_phrase_is_not_cut_by_a_chance_column_gap() -> None:
    # Every row has "OKLAHOMA CITY" or "TULSA" in one column; no row has two cells there.
    table = _with(tables_of("tabula/m27.pdf"), "ALLEGIANT AIR")
    allegiant = next(r for r in rows(table) if r[0] == "648765")
    assert "OKLAHOMA CITY" in allegiant
    assert "73159" in allegiant and "2014/12/03" in allegiant
    american = next(r for r in rows(table) if r[0] == "82030")
    assert "(405) 680-3701" in american


def test_two_word_header_label_stays_one_column() -> None:
    # "18 years / and over" over the last figures: one column, the figures all under it.
    table = _with(tables_of("tabula/12s0324.pdf"), "Under 18")
    assert table.n_cols == 10
    violent = next(r for r in rows(table) if r[0].startswith("Violent crime"))
    assert violent[-1] == "75 .2"
    assert [rows(table)[1][-1], rows(table)[2][-1]] == ["18 years", "and over"]


def test_a_code_column_beside_its_names_is_kept() -> None:
    # Numbers a gap from text are never one phrase: the two columns of Clave/Nombre stay.
    table = _with(tables_of("mexican_towns.pdf"), "Aguascalientes")
    first = next(r for r in rows(table) if "Granja Adelita" in r)
    assert first[:4] == ["01", "Aguascalientes", "001", "Aguascalientes"]


def test_one_cell_per_grid_position() -> None:
    for name in ("health.pdf", "tabula/m27.pdf", "detect_vertical_false.pdf"):
        for table in tables_of(name):
            positions = Counter((c.row, c.col) for c in table.cells)
            assert max(positions.values()) == 1, name
