"""Table-stage behaviour on public layouts that are not Chinese budgets (camelot's suite).

Each test reads a real page of /work/shared/realdata/camelot_tests through the same entry
point the pipeline uses (read_page -> page_lines -> find_tables).
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

REALDATA = Path(__file__).resolve().parents[2].parent / "shared/realdata"
FILES = REALDATA / "camelot_tests/tests/files"
pytestmark = pytest.mark.realdata


def tables_of(name: str, page: int = 1) -> list[Table]:
    path = REALDATA / name if name.startswith("icdar2013/") else FILES / name
    if not path.is_file():
        pytest.skip(f"camelot test files not present at {FILES}")
    options = PipelineOptions(ocr_engine="none", ocr_workers=1)
    with pdfplumber.open(str(path)) as pdf:
        read = read_page(pdf.pages[page - 1], page, options)
    return find_tables(read, page_lines(read), options)


def rows(table: Table) -> list[list[str]]:
    return [[c.text.strip() if c else "" for c in row] for row in table.cell_matrix()]


def row_with(table: Table, text: str) -> list[str]:
    return next(r for r in rows(table) if text in r)


def test_dot_leaders_are_not_columns() -> None:
    # "Total . . . . . 10,690,561 7,389,208 …": five figures after the label, no dot columns.
    tables = tables_of("tabula/12s0324.pdf")
    race = next(t for t in tables if any("10,690,561" in r for r in rows(t)))
    total = row_with(race, "10,690,561")
    assert race.n_cols == 6
    assert total[1:] == ["10,690,561", "7,389,208", "3,027,153", "150,544", "123,656"]
    assert not any(c.strip(" .") == "" and c for r in rows(race) for c in r)


def test_grid_ruling_only_column_groups_is_split_at_word_gaps() -> None:
    # Verticals only between "Total | Male | Female": the figures of each group are columns
    # of their own, not one cell per group.
    tables = tables_of("tabula/12s0324.pdf")
    arrests = next(t for t in tables if any("Male" in r for r in rows(t)))
    assert arrests.engine == "stream"
    violent = next(r for r in rows(arrests) if r[0].startswith("Violent crime"))
    figures = [c for c in violent[1:] if c]
    assert len(figures) >= 8
    assert all(" " not in c.replace(" .", ".") for c in figures)


def test_fully_ruled_grid_stays_ruled() -> None:
    # A complete grid (us-030) is still read by the ruled stage, cell for cell.
    tables = tables_of("tabula/icdar2013-dataset/competition-dataset-us/us-030.pdf", page=2)
    grid = next(t for t in tables if any("2012_2" in r for r in rows(t)))
    assert grid.engine == "grid" and grid.ruled
    assert row_with(grid, "2012_2")[:3] == ["2012_2", "3.30", "1.3"]


def test_rules_between_rows_only_do_not_glue_the_columns() -> None:
    # ICDAR eu-016 p3: verticals in the header only, a horizontal rule under every body row;
    # each body row must come out as five cells, not one cell "Austria 86.2 13.8 0 3,375".
    tables = tables_of("icdar2013/competition-dataset-eu/eu-016.pdf", page=3)
    table = next(t for t in tables if any("Austria" in r for r in rows(t)))
    assert [c for c in row_with(table, "Austria") if c] == ["Austria", "86.2", "13.8", "0", "3,375"]


def test_white_cell_boxes_do_not_split_rows() -> None:
    # Every cell also carries white unstroked boxes around its text: invisible, no rows.
    tables = tables_of("twotables_2.pdf")
    assert len(tables) == 2
    for table in tables:
        assert table.ruled and (table.n_rows, table.n_cols) == (13, 8)
        header = [c.replace(" ", "") for c in rows(table)[1]]
        assert header[2:] == [
            "Illiterate",
            "Read&Write",
            "1-4std.",
            "5-8std.",
            "9-12std.",
            "College",
        ]
    assert row_with(tables[0], "Kerala") == [
        "Kerala",
        "2400",
        "7.2",
        "0.5",
        "25.3",
        "20.1",
        "41.5",
        "5.5",
    ]


@pytest.mark.parametrize("name", ["clockwise_table_1.pdf", "anticlockwise_table_1.pdf"])
def test_sideways_ruled_table_reads_upright(name: str) -> None:
    (table,) = tables_of(name)
    assert table.ruled and (table.n_rows, table.n_cols) == (13, 10)
    assert rows(table)[0][0] == "State"
    assert row_with(table, "Kerala")[:5] == ["Kerala", "5738", "6633", "8864", "8297"]


@pytest.mark.parametrize("name", ["clockwise_table_2.pdf", "anticlockwise_table_2.pdf"])
def test_sideways_unruled_table_reads_upright(name: str) -> None:
    table = next(t for t in tables_of(name) if t.n_cols == 17)
    assert row_with(table, "Scheduled caste")[1:4] == ["74.8", "55.8", "42.9"]


def test_shading_pieces_are_not_columns_and_a_title_row_does_not_join_them() -> None:
    # Each cell is shaded by three fills of one colour, and the title above has a year in it.
    (table,) = tables_of("health.pdf")
    assert table.n_cols == 8
    assert row_with(table, "Andhra Pradesh") == [
        "Andhra Pradesh",
        "47,824,589",
        "9,967,837",
        "1,275,000",
        "15,000",
        "59,082,426",
        "14,898,243",
        "73,980,669",
    ]
