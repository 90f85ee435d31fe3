"""Small print on faint hairlines, scanned at 150 dpi: rows and header columns kept apart."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.line_boxes import grid_cells
from extractors.ocr.page_image import render_page
from extractors.ocr.rulings import find_rulings

from .conftest import OcrCache

CN_BUDGET = Path(__file__).resolve().parents[3] / "shared/realdata/cn_budget"
# 预算03表: 64 rows of ~4.6 pt text between light grey hairlines, under a two-level header.
BEIJING = "renwu_2026_city_budgets/002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
BEIJING_ROWS = 64


@pytest.fixture(scope="module")
def beijing_scan(build_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = CN_BUDGET / BEIJING
    if not source.exists():
        pytest.skip(f"{BEIJING} not present")
    # The whole file as benchmarks/real_truth_report.py --scanned 150 scans it (a page's
    # noise depends on the pages before it).
    variant = build_module.Variant("150", 150, 1.5, 8.0, 0.5, 60)
    out: Path = build_module.scan_pdf(source, tmp_path_factory.mktemp("faint") / "bj.pdf", variant)
    return out


@pytest.mark.realdata
def test_every_row_of_a_faintly_ruled_table_gets_its_own_cell(beijing_scan: Path) -> None:
    rendered = render_page(beijing_scan, 3)
    image = rotate_small(rendered.image, estimate_skew(rendered.image))
    cells = grid_cells(image.shape, find_rulings(image, rendered.scale), rendered.scale)
    left = min(c[0] for c in cells)
    first_column = [c for c in cells if c[0] <= left + 5]
    heights = np.array([c[3] - c[1] for c in first_column])
    # Before the hairlines were completed, 31 cells: up to 11 rows shared one cell.
    assert len(first_column) >= BEIJING_ROWS, len(first_column)
    # ...and no cell but the header holds more than one row (a false line would split one
    # row in two, a lost one merge two).
    assert int((heights > 2 * np.median(heights)).sum()) <= 1, sorted(heights)
    assert len(first_column) <= BEIJING_ROWS + 2, len(first_column)


@pytest.mark.realdata
def test_header_words_of_small_bold_print_are_read(beijing_scan: Path, ocr: OcrCache) -> None:
    words = [w.text for w in ocr.page(beijing_scan, 3).words]
    # 项目支出 shared one box with its neighbours' header words (a header ruling lost) and
    # read as nothing; 合计's two bold glyphs ran together as 甜.  (基本支出 still reads
    # 基本变出 with confidence, one glyph confused: not solved here.)
    for header in ("项目支出", "合计"):
        assert header in words, (header, words[:40])
