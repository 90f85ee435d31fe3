"""Text the table stage must read for what it is: column headers set sideways inside a ruled
grid and row labels printed left of it (camelot's vertical_header.pdf, an election results
sheet); two columns of prose, which are no table (ICDAR 2013)."""

from __future__ import annotations

import pytest

from tests.tables.test_peer_layouts import rows, tables_of

pytestmark = pytest.mark.realdata


def test_sideways_header_reads_in_its_own_direction_as_one_cell() -> None:
    table = tables_of("vertical_header.pdf")[0]
    header = next(r for r in rows(table) if "Poll Book Totals" in r)
    # The glyphs run up the page: read bottom to top, one cell, words apart.
    assert "Number of Registered voters" in header
    assert "Brian Calley" in header and "Daniel G. Gauthier" in header


def test_row_labels_left_of_the_grid_become_its_first_column() -> None:
    got = rows(tables_of("vertical_header.pdf")[0])
    alcona = next(r for r in got if r[0] == "Alcona")
    assert alcona[1:4] == ["963", "439", "55"]
    assert [r[0] for r in got if r[0]][-3:] == ["Mitchell", "City Harrisville", "Totals"]


def test_two_columns_of_prose_are_no_table() -> None:
    # A report page set in two text columns (ICDAR us-023 page 1) lines up like a two-column
    # table of long cells; its one true table is on page 2 and is still found there.
    assert tables_of("icdar2013/competition-dataset-us/us-023.pdf", 1) == []
    table = tables_of("icdar2013/competition-dataset-us/us-023.pdf", 2)[0]
    assert rows(table)[0][:3] == ["Inequality measure", "1997", "1998"]
