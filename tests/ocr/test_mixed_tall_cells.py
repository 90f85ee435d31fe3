"""Pasted tables whose cells are tall (2-3 line headers, a paragraph per row) read right.

Pasted on a digital page, a table picture is only the table: its header cells are a large
share of the picture's height (on a page they are a small one).  Such a cell must still be
cut as a grid cell, its lines read apart; read as a block outside the grid, 项目支出 came
back "项日交出" and the 项目支出 column of the whole table was lost.  A project row that
holds a paragraph of 简介 is taller than an inch, but it fills its box as a cell does (a
frame around other cells does not): cut as outside text, its amount merged with the lines
beside it and the projects' amounts came back 0.
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
# 西安 表10 专项业务经费支出表: each project row is a ~100 pt cell with its 简介.
PROJECTS = manifest().get("xian_emergency")
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


@pytest.mark.skipif(PROJECTS is None or not PROJECTS.exists(), reason="realdata not present")
def test_amounts_in_rows_taller_than_an_inch_are_read(tmp_path: Path) -> None:
    assert PROJECTS is not None
    out = tmp_path / "projects.pdf"
    assert [p.page for p in build_mixed(PROJECTS, out, dpi=150, pages={25})] == [25]
    (result,) = read_pages(out, [25], PipelineOptions())
    ocr = {w.text for w in result.page.words if w.method == "ocr"}
    assert {"642.50", "75.15", "安全生产设备购置经费"} <= ocr
