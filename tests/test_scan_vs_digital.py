"""A real budget's table pages scanned at 150 dpi read the same as its digital pages.

The pages are 西安人社's detail tables, each running over two or three pages with the
header printed once: on the scan their grids come out with a different column count page
to page, and the continuation pages used to be lost (half the economic rows).  The digital
reading's accepted values are the reference (benchmarks/scan_compare.py), as in
benchmarks/scan_vs_digital.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks.scan_compare import Tally, compare, flatten
from extractors.pipeline import extract_document
from tests.ocr.conftest import load_build
from tests.ocr.endtoend import page_subset

pytestmark = pytest.mark.realdata

CITIES = Path(__file__).resolve().parents[2] / "shared/realdata/cn_budget/renwu_2026_city_budgets"
SOURCE = CITIES / "020_西安" / "人力资源和社会保障局_2026年部门预算.pdf"
PAGES = range(33, 41)  # 一般公共预算支出明细表 by function, by economic; 基本支出 by economic


@pytest.fixture(scope="module")
def tallies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Tally]:
    if not SOURCE.exists():
        pytest.skip("shared/realdata not present")
    tmp = tmp_path_factory.mktemp("scan_vs_digital")
    digital_pdf = page_subset(SOURCE, list(PAGES), tmp / "tables.pdf")
    build: ModuleType = load_build()
    scan_pdf = build.scan_pdf(
        digital_pdf, tmp / "tables_150.pdf", build.Variant("150", 150, 1.5, 8.0, 0.5, 60)
    )
    digital = json.loads(extract_document(digital_pdf).model_dump_json())
    scan = json.loads(extract_document(scan_pdf).model_dump_json())
    return compare(flatten(digital), flatten(scan))


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
