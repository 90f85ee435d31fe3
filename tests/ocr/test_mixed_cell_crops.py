"""Text touching a ruling from both sides reads without its neighbour's glyphs.

In 部门收支总表 a right-aligned figure ends at the ruling and the next column's label
starts right after it ("48,362.82|本年支出合计").  A line's crop took a line height of
page on each side, across the ruling: pasted at 150 dpi they read "48,362.824" and
"2本年支出合计", and the year's expenditure total was lost.  Crops stay inside the cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.truth_score import manifest
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document, read_pages
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import build_mixed

SOURCE = manifest().get("kunming_petition")
PAGE = 5  # 部门公开表1 部门收支总表

pytestmark = pytest.mark.skipif(
    SOURCE is None or not SOURCE.exists(), reason="../shared realdata not present"
)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert SOURCE is not None
    out = tmp_path_factory.mktemp("cell_crops") / "mixed.pdf"
    assert [p.page for p in build_mixed(SOURCE, out, dpi=150, pages={PAGE})] == [PAGE]
    return out


def test_words_beside_a_ruling_read_alone(mixed: Path) -> None:
    (result,) = read_pages(mixed, [PAGE], PipelineOptions())
    ocr = {w.text for w in result.page.words if w.method == "ocr"}
    assert {"48,362.82", "本年支出合计", "本年收入合计", "2,254.12"} <= ocr
    assert not any(t.endswith("本年支出合计") and t != "本年支出合计" for t in ocr)


def test_the_summary_table_gives_the_digital_totals(mixed: Path) -> None:
    assert SOURCE is not None
    want = {p: a.value for p, a in iter_amounts(extract_document(SOURCE))}
    got = {p: a.value for p, a in iter_amounts(extract_document(mixed))}
    totals = {p: v for p, v in want.items() if p.startswith("totals.")}
    assert "totals.year_expenditure" in totals
    assert {p: got.get(p) for p in totals} == totals
