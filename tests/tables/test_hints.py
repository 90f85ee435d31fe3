"""Caller hints to the table stage (extractors/tables/hints.py, spans.py) on real pages of
camelot's test suite: the same knowledge camelot's own tests pass it as options."""

from __future__ import annotations

import pdfplumber
import pytest

from extractors.backends.text_layer import read_page
from extractors.model import Table
from extractors.options import PipelineOptions
from extractors.tables.find import find_tables
from extractors.tables.hints import TableHints
from extractors.tables.lines import page_lines
from tests.tables.test_peer_layouts import FILES, rows

pytestmark = pytest.mark.realdata


def tables(
    name: str, hints: TableHints | None = None, area_pdf: tuple[float, ...] = ()
) -> list[Table]:
    path = FILES / name
    if not path.is_file():
        pytest.skip(f"camelot test files not present at {FILES}")
    options = PipelineOptions(ocr_engine="none", ocr_workers=1)
    with pdfplumber.open(str(path)) as pdf:
        page = read_page(pdf.pages[0], 1, options)
    if area_pdf:  # PDF space (origin bottom-left) as camelot's tests give it
        x0, y0, x1, y1 = area_pdf
        hints = TableHints(areas=((x0, page.height - y1, x1, page.height - y0),))
    return find_tables(page, page_lines(page), options, hints)


def test_row_span_text_is_copied_down_only_when_asked() -> None:
    plain = rows(tables("row_span_1.pdf")[0])
    copied = rows(tables("row_span_1.pdf", TableHints(span_text="copy_down"))[0])
    assert plain[2][:3] == ["", "", "Health Net"]
    assert copied[2][:3] == ["GMC", "Sacramento", "Health Net"]
    # A label spanning columns is not copied across by copy_down.
    assert copied[10][1:3] == ["Total GMC Enrollment", ""]


def test_span_text_moves_to_the_last_cell_or_stays_where_printed() -> None:
    last = rows(tables("column_span_2.pdf", TableHints(span_text="bottom_right"))[0])
    assert last[4] == [
        "Diet survey",
        "1200",
        "",
        "",
        "",
        "",
        "All the individuals partaking meals in the HH",
    ]
    assert last[10][0].startswith("Knowledge") and last[9][0] == ""
    placed = rows(tables("column_span_2.pdf", TableHints(span_text="in_place"))[0])
    # A two-row label printed across both rows keeps each line in the row it stands in.
    assert placed[9][0].startswith("Knowledge") and placed[10][0] == "DM"
    assert placed[2][3] == "All the available individuals"


def test_table_area_holds_one_table_with_every_word_in_it() -> None:
    found = tables("tabula/us-007.pdf", area_pdf=(320, 335, 573, 500))
    assert len(found) == 1
    got = rows(found[0])
    assert got[0] == ["", "One Withholding"] and got[1] == ["Payroll Period", "Allowance"]
    assert ["Annually", "3,700.00"] in got and got[-1][0] == "(each day of the payroll period)"
    # Without the area the page's two columns of prose come out as one table.
    assert not any(
        r == ["Annually", "3,700.00"] for t in tables("tabula/us-007.pdf") for r in rows(t)
    )


def test_given_columns_and_row_tolerance_make_the_grid() -> None:
    hints = TableHints(columns=(67, 180, 230, 425, 475), row_tol=10)
    got = rows(tables("mexican_towns.pdf", hints)[0])
    assert got[0] == [
        "Clave",
        "Nombre Entidad",
        "Clave",
        "Nombre Municipio",
        "Clave",
        "Nombre Localidad",
    ]
    assert got[2] == ["01", "Aguascalientes", "001", "Aguascalientes", "0094", "Granja Adelita"]


def test_borderless_grid_of_codes_is_found_without_figures() -> None:
    found = tables("stream_inner_outer_columns.pdf")
    assert len(found) == 1
    got = rows(found[0])
    assert got[0] == ["Outer 1", "Outer 2", "Long 1", "Long 2", "Inner", "Long 3"]
    assert got[1] == ["A1", "B1", "C1", "D1", "E1", "F1"]
    assert got[4] == ["", "", "C4", "D4", "", "F4"]


def test_edge_tolerance_joins_blocks_split_by_group_labels() -> None:
    path = FILES / "edge_tol.pdf"
    plain = tables("edge_tol.pdf")
    joined = tables("edge_tol.pdf", TableHints(edge_tol=500))
    assert len(plain) > 1 and len(joined) == 1
    got = rows(joined[0])
    assert got[0] == ["Key figures", ""] and ["Class B", ""] in got
    assert ["Net Asset Value at 31 December", "54,256,197"] in got
    assert ["Total investment result per unit", "3.78"] in got and path.is_file()
