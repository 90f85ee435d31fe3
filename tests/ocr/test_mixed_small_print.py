"""Small grey print in a pasted table whose black rulings outweigh it reads whole.

西安 表13 (三公经费) packs 22 columns of 6-pt figures into a landscape page; pasted at
150 dpi its digits are light grey, its many rulings black.  With the ink threshold chosen
over every pixel, the rulings pulled it towards black and the digits fell to background
in pieces: "28.38" cut into "28" and "38", "4.38" read "438", "21.22" lost, and the 三公
total of the year was not found.  And the column rulings under the spanning title
"一般公共预算拨款安排的“三公”经费预算" ran on up through it where a stroke of its small
characters stood on them: the title was cut into pieces, 小计 lost the word 三公, and
the 三公 total was not found either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.truth_score import manifest
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document, read_pages
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import build_mixed

SOURCE = manifest().get("xian_emergency")
PAGE = 32  # 表13 一般公共预算拨款"三公"经费及会议费、培训费支出预算表

pytestmark = pytest.mark.skipif(
    SOURCE is None or not SOURCE.exists(), reason="../shared realdata not present"
)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert SOURCE is not None
    out = tmp_path_factory.mktemp("small_print") / "mixed.pdf"
    assert [p.page for p in build_mixed(SOURCE, out, dpi=150, pages={PAGE})] == [PAGE]
    return out


def test_small_figures_are_read_whole(mixed: Path) -> None:
    (result,) = read_pages(mixed, [PAGE], PipelineOptions())
    total_row = sorted(
        (w for w in result.page.words if w.method == "ocr" and 152 < w.bbox[1] < 160),
        key=lambda w: w.bbox[0],
    )
    # 合计 row: 2018 合计 … 培训费, then 2019 合计, 小计, 公务接待费.
    texts = [w.text for w in total_row]
    assert texts[:12] == ["合计", "24.08", "2.86", "2.86", "21.22", "21.22", "4.32",
                          "29.79", "83.74", "28.38", "4.38", "24.00"]  # fmt: skip


def test_a_spanning_title_is_not_cut_by_the_rulings_below_it(mixed: Path) -> None:
    (result,) = read_pages(mixed, [PAGE], PipelineOptions())
    titles = [
        w.text
        for w in result.page.words
        if w.method == "ocr" and "一般公共预算拨款" in w.text and "三公" in w.text
    ]
    assert len(titles) >= 2  # 2018年 and 2019年 (增减变化 clips it)


def test_three_public_figures_match_the_digital_file(mixed: Path) -> None:
    assert SOURCE is not None
    want = {p: a.value for p, a in iter_amounts(extract_document(SOURCE))}
    got = {p: a.value for p, a in iter_amounts(extract_document(mixed))}
    three = {p: v for p, v in want.items() if p.startswith("three_public.")}
    assert three
    assert {p: got.get(p) for p in three} == three
