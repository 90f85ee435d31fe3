"""Figures on 150 dpi scans of real budgets read digit for digit; broken readings re-read."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from extractors.ocr.box_reading import breaks_grammar, weighed
from extractors.ocr.engine_types import LineRead
from extractors.ocr.word_scores import odd_precision

from .conftest import OcrCache

CN_BUDGET = Path(__file__).resolve().parents[3] / "shared/realdata/cn_budget"
# (file, page, figures printed in its ruled table), read off the page by eye: doubled
# digits and zeros next to a ruling are the ones a crop too tall for the recogniser lost.
PAGES = [
    (
        "shanghai_putuo_zxj6827111/GovBudgetChecker/tmp/doc_check/unit_budget.pdf",
        12,
        ["22,118,861", "2,070,000.00", "86,959,408.34", "64,840,547.00", "1,791,459.00"],
    ),
    (
        "renwu_2026_city_budgets/001_上海/2026年上海市审计局_部门预算.pdf",
        11,
        ["6,142,000", "6,100,000", "31,300,000", "13,500,000", "17,800,000"],
    ),
    (
        # Small print in light ink: once taken for a blank page and skipped.
        "renwu_2026_city_budgets/002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf",
        13,
        ["40.000000", "产出指标", "数量指标"],
    ),
]


def test_a_reading_that_breaks_the_amount_grammar_loses_to_one_that_keeps_it() -> None:
    box = (0, 0, 100, 21)
    lost_a_digit = LineRead(text="6,00,000", score=0.99, char_scores=[], char_pos=[])
    right = LineRead(text="6,100,000", score=0.88, char_scores=[], char_pos=[])
    assert breaks_grammar("6,00,000") and breaks_grammar("合计 31,300,00")
    assert not breaks_grammar("6,100,000") and not breaks_grammar("住房公积金 0.00")
    assert weighed(right, box) > weighed(lost_a_digit, box)


def test_a_figure_printed_less_finely_than_its_page_is_picked_out() -> None:
    page = ["244.848000", "173.520000", "6.000000", "65.328000", "37.3", "27.948000", "合计"]
    assert odd_precision(page) == {4}
    # Too few figures, or no single precision (a percent and a whole number do not count).
    assert odd_precision(["1.00", "2.5"]) == set()
    assert odd_precision(["1.00", "2.5", "3.0", "4.00", "5.0", "0", "12.5%"]) == set()


@pytest.mark.realdata
@pytest.mark.parametrize(("rel", "number", "figures"), PAGES)
def test_real_scan_figures_read_whole(
    rel: str,
    number: int,
    figures: list[str],
    build_module: ModuleType,
    ocr: OcrCache,
    tmp_path: Path,
) -> None:
    source = CN_BUDGET / rel
    if not source.exists():
        pytest.skip(f"{rel} not present")
    # The whole file, as benchmarks/real_truth_report.py --scanned 150 scans it (the noise
    # of a page depends on the pages before it), so the page is the one measured there.
    variant = build_module.Variant("150", 150, 1.5, 8.0, 0.5, 60)
    scan = build_module.scan_pdf(source, tmp_path / "scan.pdf", variant)
    words = [w.text for w in ocr.page(scan, number).words]
    for figure in figures:
        assert figure in words, (figure, words)
    # Figures with separators only: a 19-digit project code with a letter is no amount.
    assert not [w for w in words if breaks_grammar(w) and ("," in w or "." in w)], words
