"""A table's bold 合计 row on a 150 dpi scan: its column rulings kept, its figures apart.

北京 预算03表 and 06表 scanned with the scanned real-truth benchmark's settings: the bold
figures of the 合计 row touch their cells' rulings.  Before bold_rows.py the column
rulings stopped inside that row (06表: its three figures read as one word,
"25,218.53758523,545.6805001,672.857085") and on 03表 the figures' strokes made a
ruling through the middle of the row.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from extractors.model import Ruling
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.page_image import DEFAULT_DPI, render_page
from extractors.ocr.rulings import find_rulings

from .conftest import OcrCache, scan_beijing


@pytest.fixture(scope="module")
def beijing_totals(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    out = tmp_path_factory.mktemp("bold_rows") / "beijing_p3_p6_150.pdf"
    return scan_beijing(build_module, out, [3, 6])


def _rulings(path: Path, number: int) -> list[Ruling]:
    rendered = render_page(path, number, DEFAULT_DPI)
    image = rotate_small(rendered.image, estimate_skew(rendered.image))
    return find_rulings(image, rendered.scale)


def _bottom(rulings: list[Ruling]) -> float:
    return max(r.top for r in rulings if r.top == r.bottom)


@pytest.mark.realdata
@pytest.mark.parametrize("number", [1, 2])
def test_every_column_ruling_reaches_the_bottom_of_its_table(
    beijing_totals: Path, number: int
) -> None:
    rulings = _rulings(beijing_totals, number)
    bottom = _bottom(rulings)
    columns = {round(r.x0) for r in rulings if r.x0 == r.x1 and r.bottom - r.top > 100}
    reaching = {round(r.x0) for r in rulings if r.x0 == r.x1 and r.bottom >= bottom}
    short = {x for x in columns if not any(abs(x - y) <= 2 for y in reaching)}
    assert not short, sorted(short)


@pytest.mark.realdata
def test_no_ruling_through_the_bold_row(beijing_totals: Path) -> None:
    rulings = _rulings(beijing_totals, 1)
    rows = sorted({round(r.top, 1) for r in rulings if r.top == r.bottom})
    # The 合计 row is the last one: its top and bottom rulings are a full row apart (a
    # ruling through it left two rows of half height, 4 pt apart on this page).
    assert rows[-1] - rows[-2] > 6.0, rows[-4:]


@pytest.mark.realdata
def test_bold_total_figures_read_apart(beijing_totals: Path, ocr: OcrCache) -> None:
    words = {w.text for w in ocr.page(beijing_totals, 2).words}
    assert {"25,218.537585", "23,545.680500", "1,672.857085"} <= words


@pytest.mark.realdata
def test_bottom_ruling_under_bold_figures_is_one_line(beijing_totals: Path) -> None:
    # 06表: the threshold lost the bottom ruling under two of the bold figures, which left
    # their cells open (the 合计 row lost 人员经费 and 基本支出).
    rulings = _rulings(beijing_totals, 2)
    bottom = _bottom(rulings)
    columns = [r.x0 for r in rulings if r.x0 == r.x1 and r.bottom - r.top > 100]
    under = [r for r in rulings if r.top == r.bottom and abs(r.top - bottom) <= 1.0]
    assert any(r.x0 <= min(columns) + 2 and r.x1 >= max(columns) - 2 for r in under)
