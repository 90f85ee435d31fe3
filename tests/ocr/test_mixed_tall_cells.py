"""A pasted table whose header cells hold two or three lines reads like the digital page.

Pasted on a digital page, a table picture is only the table: its header cells are a large
share of the picture's height (on a page they are a small one).  Such a cell must still be
cut as a grid cell, its lines read apart; read as a block outside the grid, 项目支出 came
back "项日交出" and the 项目支出 column of the whole table was lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.truth_score import manifest
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document, read_pages
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import build_mixed

SOURCE = manifest().get("huzhou_finance")
# 湖州 表03 支出预算总表: 事业单位经营支出, 上缴上级支出, 对附属单位补助支出 in 2-3 lines.
PAGE = 20

pytestmark = pytest.mark.skipif(
    SOURCE is None or not SOURCE.exists(), reason="../shared realdata not present"
)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert SOURCE is not None
    out = tmp_path_factory.mktemp("tall") / "mixed.pdf"
    pasted = build_mixed(SOURCE, out, dpi=150, pages={PAGE})
    assert [p.page for p in pasted] == [PAGE]
    return out


def test_each_line_of_a_tall_header_cell_is_read(mixed: Path) -> None:
    (result,) = read_pages(mixed, [PAGE], PipelineOptions())
    ocr = {w.text for w in result.page.words if w.method == "ocr"}
    assert {"项目支出", "事业单位", "经营支出", "上缴上级", "支出"} <= ocr


def test_the_pasted_table_gives_the_digital_values(mixed: Path) -> None:
    assert SOURCE is not None
    want = {p: a.value for p, a in iter_amounts(extract_document(SOURCE))}
    got = {p: a for p, a in iter_amounts(extract_document(mixed))}
    from_picture = [p for p, a in got.items() if any(s.page == PAGE for s in a.sources)]
    assert any(p.endswith(".project") for p in from_picture)
    assert {p: a.value for p, a in got.items()} == want
