"""A chart's tick and legend labels are not returned as tables (ICDAR 2013 pages)."""

from __future__ import annotations

import pytest

from tests.tables.test_peer_layouts import rows, tables_of

pytestmark = pytest.mark.realdata

EU = "icdar2013/competition-dataset-eu/"


def _texts(name: str, page: int) -> list[str]:
    return [c for t in tables_of(EU + name, page) for r in rows(t) for c in r if c]


def test_line_charts_framed_by_gridlines_are_not_tables() -> None:
    # eu-011 page 2: four framed line charts with y ticks (450 … 300, 1350 …) and a legend.
    texts = _texts("eu-011.pdf", 2)
    assert not {"450", "400", "1350", "1150"} & set(texts)
    assert sum("CDSspread" in t for t in texts) <= 1


def test_chart_of_slanted_series_lines_is_not_a_table() -> None:
    # eu-017 page 1: a line chart drawn with straight segments at a slant, country labels.
    assert not any("CzechRepublic" in t.replace(" ", "") for t in _texts("eu-017.pdf", 1))


def test_tables_beside_charts_stay() -> None:
    # The true tables of both documents, on their pages, keep their rows.
    page3 = tables_of(EU + "eu-011.pdf", 3)
    assert any(r[0] == "Q4 2009" for t in page3 for r in rows(t))
    (table,) = tables_of(EU + "eu-017.pdf", 2)
    assert rows(table)[1][:2] == ["Austria", "92.9"] and table.n_rows == 28
