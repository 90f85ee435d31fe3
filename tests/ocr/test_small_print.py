"""Small print on a 150 dpi scan: every figure read from several crops, settled by vote.

北京 预算03表 (six-decimal 万元 figures in ~4 pt print) scanned with the scanned real-truth
benchmark's settings; its 05表 (same document, normal print) is the page left alone.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engine_types import LineRead
from extractors.ocr.line_boxes import segment_page
from extractors.ocr.page_image import DEFAULT_DPI, render_page
from extractors.ocr.rulings import find_rulings
from extractors.ocr.small_print import is_small_print, vote

from .conftest import OcrCache

BEIJING = (
    Path(__file__).resolve().parents[3]
    / "shared/realdata/cn_budget/renwu_2026_city_budgets/002_北京"
    / "审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
)
SPAN = (0, 100)


def _read(text: str, score: float = 0.9) -> tuple[LineRead, tuple[int, int]]:
    return LineRead(text, score, [], []), SPAN


def test_each_glyph_goes_to_the_crops_that_agree() -> None:
    # Three crops, each losing a different glyph: the vote reads the figure as printed.
    voters = [_read("3,138.091600"), _read("3,138.093606"), _read("3,130.093600")]
    best = vote(voters)
    assert best is not None and best[0].text == "3,138.093600"
    # No crop read it whole: the result is doubted by the share behind its weakest glyph.
    assert best[0].score == pytest.approx(0.9 * 2 / 3)


def test_a_crop_that_lost_a_glyph_does_not_vote() -> None:
    voters = [_read("16.40000"), _read("16.440000", 0.7), _read("16.440000", 0.8)]
    best = vote(voters)
    assert best is not None and best[0].text == "16.440000" and best[0].score == 0.8


def test_a_tie_keeps_the_first_reading_and_words_do_not_vote() -> None:
    voters = [_read("128.859324"), _read("128.839324"), _read("行政运行")]
    best = vote(voters)
    assert best is not None and best[0].text == "128.859324"
    assert vote([_read("行政运行"), _read("2010801-行政运行")]) is None


def _boxes(path: Path, number: int) -> list[tuple[int, int, int, int]]:
    rendered = render_page(path, number, DEFAULT_DPI)
    image = rotate_small(rendered.image, estimate_skew(rendered.image))
    seg = segment_page(image, find_rulings(image, rendered.scale), rendered.scale)
    assert seg is not None
    return seg.boxes


@pytest.fixture(scope="module")
def beijing_scan(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    if not BEIJING.exists():
        pytest.skip("shared realdata not present")
    out = tmp_path_factory.mktemp("small_print") / "beijing_p3_p5_150.pdf"
    # The variant of benchmarks/real_truth_report.py --scanned 150, on pages 3 and 5.
    build_module.scan_pdf(
        BEIJING, out, build_module.Variant("150", 150, 1.5, 8.0, 0.5, 60), 11, [3, 5]
    )
    return out


@pytest.mark.realdata
def test_small_print_is_told_by_the_text_height_on_the_page(beijing_scan: Path) -> None:
    assert is_small_print(_boxes(beijing_scan, 1))  # 预算03表, ~4 pt
    assert not is_small_print(_boxes(beijing_scan, 2))  # 预算05表, normal print


@pytest.mark.realdata
def test_small_print_figures_read_as_printed(beijing_scan: Path, ocr: OcrCache) -> None:
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", "-l", "3", str(BEIJING), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    printed = {t for t in text.split() if any(ch.isdigit() for ch in t) and "." in t}
    words = [w.text for w in ocr.page(beijing_scan, 1).words]
    right = [t for t in words if t in printed]
    # One crop per figure read 68 of them as printed on this scan, the vote 74.
    assert len(right) >= 72, len(right)
