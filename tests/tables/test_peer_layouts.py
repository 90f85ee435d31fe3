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
