"""A real budget's table pages scanned at 150 dpi read the same as its digital pages.

One case per class of loss found by benchmarks/scan_vs_digital.py; the digital reading's
accepted values are the reference (benchmarks/scan_compare.py), as there.
- 西安人社's detail tables, each running over two or three pages with the header printed
  once: on the scan their grids come out with a different column count page to page, and
  the continuation pages used to be lost (half the economic rows).
- 深圳财政's 政府采购 paragraph, printed letter-spaced: its OCR word boxes were trimmed to
  their last glyphs, the paragraph read as a two-column table, and its figures were lost.
- a cell's lone "0" recognised as the letter o, or as "of" with the ruling beside it: the
  row's figure was missing.
- a 政府采购 sentence whose "；" between two items the scan dropped: the second item lost.
- 西安应急's 收支总表: the label 人员经费和公用经费支出 is clipped to "…支" by its cell's border
  (the text layer has it whole), so the scan lost totals.basic_expenditure.
- 西安应急's 三公 table, small print in narrow cells: the scan reads "24.00" as "24 00", the
  gap was taken for a thousands gap, and 小计 = 购置 + 运行 held over two hundredfold
  figures, so they were accepted; the gap is now the point again, in review.
- 广州卫健's 重点项目 table, figures in tall ruled cells: a scrap of the cell's ruling, read
  as "1" on a line of its own, was put in front of the figure (3,855 -> 13,855).  The digital
  reading keeps these amounts in review, so the case compares values whatever their status.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks.scan_compare import Leaf, Tally, compare, flatten, same
from extractors.pipeline import extract_document
from tests.ocr.conftest import load_build
from tests.ocr.endtoend import page_subset

pytestmark = pytest.mark.realdata

CITIES = Path(__file__).resolve().parents[2] / "shared/realdata/cn_budget/renwu_2026_city_budgets"
SOURCE = CITIES / "020_西安" / "人力资源和社会保障局_2026年部门预算.pdf"
PAGES = range(33, 41)  # 一般公共预算支出明细表 by function, by economic; 基本支出 by economic
PROSE = CITIES / "003_深圳" / "2026年深圳市财政局部门预算.pdf"
PROSE_PAGES = range(9, 11)  # 政府采购 and 三公 paragraphs
SEPARATOR = CITIES / "015_长沙" / "2026年长沙市公安局2025年部门预算.pdf"
# a hand-truth document (tests/data/real_truth/xian_emergency), not a held-out one
THREE_PUBLIC = CITIES / "020_西安" / "应急管理局_2026年部门预算.pdf"
PROJECTS = CITIES / "005_广州" / "2026年广州市卫生健康委员会部门预算.pdf"


def _scan_against_digital(source: Path, pages: Sequence[int], tmp: Path) -> dict[str, Tally]:
    return compare(*_both_readings(source, pages, tmp))


def _both_readings(
    source: Path, pages: Sequence[int], tmp: Path
) -> tuple[dict[str, Leaf], dict[str, Leaf]]:
    """The digital and the scanned reading of these pages, every value whatever its status."""
    if not source.exists():
        pytest.skip("shared/realdata not present")
    digital_pdf = page_subset(source, list(pages), tmp / "pages.pdf")
    build: ModuleType = load_build()
    scan_pdf = build.scan_pdf(
        digital_pdf, tmp / "pages_150.pdf", build.Variant("150", 150, 1.5, 8.0, 0.5, 60)
    )
    digital = json.loads(extract_document(digital_pdf).model_dump_json())
    scan = json.loads(extract_document(scan_pdf).model_dump_json())
    return flatten(digital), flatten(scan)


@pytest.fixture(scope="module")
def tallies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    return _scan_against_digital(SOURCE, PAGES, tmp_path_factory.mktemp("tables"))


@pytest.fixture(scope="module")
def prose(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    return _scan_against_digital(PROSE, PROSE_PAGES, tmp_path_factory.mktemp("prose"))


def test_the_scan_accepts_no_value_the_digital_reading_contradicts(
    tallies: dict[str, Tally],
) -> None:
    wrong = [m for t in tallies.values() for m in t.misses if "ACCEPTED" in m]
    assert wrong == []


def test_continued_tables_keep_their_rows_on_the_scan(tallies: dict[str, Tally]) -> None:
    for name in ("expenditure_by_function", "expenditure_by_economic"):
        tally = tallies[name]
        assert tally.reference >= 100, name
        assert tally.agreement >= 0.9, (name, tally.agreement, tally.misses[:10])


def test_letter_spaced_paragraphs_keep_their_figures_on_the_scan(prose: dict[str, Tally]) -> None:
    tally = prose["procurement"]
    assert tally.reference == 4
    assert tally.agreed == 4, tally.misses
    wrong = [m for t in prose.values() for m in t.misses if "ACCEPTED" in m]
    assert wrong == []


def _as_whole_scan(source: Path, pages: list[int], tmp: Path) -> dict[str, Tally]:
    """`pages` as the whole document's scan renders them (each page's noise depends on the
    pages before it, so every page up to the last is rendered, in order)."""
    if not source.exists():
        pytest.skip("shared/realdata not present")
    build: ModuleType = load_build()
    variant = build.Variant("150", 150, 1.5, 8.0, 0.5, 60)
    upto = list(range(1, max(pages) + 1))
    scanned = build.scan_pdf(source, tmp / "first_150.pdf", variant, pages_wanted=upto)
    digital = json.loads(
        extract_document(page_subset(source, pages, tmp / "d.pdf")).model_dump_json()
    )
    scan = json.loads(
        extract_document(page_subset(scanned, pages, tmp / "s.pdf")).model_dump_json()
    )
    return compare(flatten(digital), flatten(scan))


@pytest.fixture(scope="module")
def zero_page(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    """西安人社's function and economic tables: on this scan 2080506's 专项业务经费 "0" is
    read as the letter o, and four 0 cells of p. 36 (30206, 30224, 30227) as "of"."""
    return _as_whole_scan(SOURCE, [33, 34, 35, 36, 37], tmp_path_factory.mktemp("zero"))


@pytest.fixture(scope="module")
def lost_separator(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    """长沙公安's 政府采购 sentence: the scan drops the "；" before 工程类采购预算."""
    return _as_whole_scan(SEPARATOR, [10], tmp_path_factory.mktemp("separator"))


def test_a_lone_zero_cell_keeps_its_figure_on_the_scan(zero_page: dict[str, Tally]) -> None:
    lost = [m for m in zero_page["expenditure_by_function"].misses if "2080506.project" in m]
    assert lost == []
    assert zero_page["expenditure_by_function"].reference >= 80
    economic = zero_page["expenditure_by_economic"]
    zeros = ("30206.personnel", "30224.public")
    assert [m for m in economic.misses if any(z in m for z in zeros)] == []
    assert economic.reference >= 100


def test_a_procurement_item_after_a_lost_separator_is_kept(
    lost_separator: dict[str, Tally],
) -> None:
    tally = lost_separator["procurement"]
    assert tally.reference == 4
    assert tally.agreed == 4, tally.misses


@pytest.fixture(scope="module")
def lost_points(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    """西安应急's 收支总表 and 三公 table (pp. 3, 32)."""
    return _scan_against_digital(THREE_PUBLIC, [3, 32], tmp_path_factory.mktemp("points"))


def test_a_figure_whose_point_the_scan_lost_is_not_accepted(
    lost_points: dict[str, Tally],
) -> None:
    tally = lost_points["three_public"]
    assert tally.reference >= 5
    assert [m for m in tally.misses if "ACCEPTED" in m] == []


def test_a_figure_whose_point_the_scan_lost_gets_it_back(lost_points: dict[str, Tally]) -> None:
    restored = ("vehicle_total", "vehicle_operation", "reception")
    lost = [m for m in lost_points["three_public"].misses if any(r in m for r in restored)]
    assert lost == []


def test_a_label_clipped_by_its_cell_still_names_its_row(lost_points: dict[str, Tally]) -> None:
    assert [m for m in lost_points["totals"].misses if "basic_expenditure" in m] == []


def test_a_scrap_of_ruling_is_not_read_into_the_figure(tmp_path: Path) -> None:
    digital, scan = _both_readings(PROJECTS, [117, 118, 119], tmp_path)
    amounts = [p for p in digital if p.startswith("projects.")]
    assert len(amounts) >= 10
    differing = [p for p in amounts if p in scan and not same(scan[p].value, digital[p].value)]
    assert differing == []
