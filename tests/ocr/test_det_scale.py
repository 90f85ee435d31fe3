"""Pages set in large type are detected on a smaller copy (ocr/det_scale.py); small print,
ruled blocks and small pictures keep the detector's full scale."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import ModuleType

import cv2
import numpy as np
import pytest

from extractors.ocr import quad_reading
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.det_scale import FLOOR_PX, TARGET_PX, shrink_factor
from extractors.ocr.engines import load_ocr_engine
from extractors.ocr.page_image import render_page
from extractors.ocr.quad_reading import DET_LONG_SIDE, detect, read_quads
from extractors.ocr.rapid_engine import RapidOcrEngine

# A real budget whose fourth page is explanatory prose in large type.
CHANGSHA = (
    Path(__file__).resolve().parents[3]
    / "shared/realdata/cn_budget/renwu_2026_city_budgets/015_长沙"
    / "2026年长沙市公安局2025年部门预算.pdf"
)


def _lines(heights: list[int], width: int = 800) -> np.ndarray:
    """A 1280x905 page of paper with one line of ink per height, 40 px apart."""
    page = np.full((1280, 905), 235, np.uint8)
    y = 60
    for h in heights:
        page[y : y + h, 50 : 50 + width] = 30
        y += h + 40
    return page


def test_large_type_is_shrunk_to_the_target_height() -> None:
    assert shrink_factor(_lines([24] * 12)) == pytest.approx(TARGET_PX / 26, abs=0.02)


def test_small_print_ruled_blocks_and_small_images_keep_the_full_scale() -> None:
    assert shrink_factor(_lines([15] * 12)) == 1.0  # table small print
    assert shrink_factor(_lines([24] * 12 + [150])) == 1.0  # a ruled block, a picture
    assert shrink_factor(_lines([24] * 5 + [12] * 5)) == 1.0  # two sizes of type
    assert shrink_factor(_lines([24] * 3)[:600, :700]) == 1.0  # the detector scales it up
    # One line of small print among large type is not shrunk below the floor.
    factor = shrink_factor(_lines([24] * 12 + [14]))
    assert 0 < factor < 1.0
    assert (14 + 2) * factor >= FLOOR_PX - 0.5  # the blur adds a row above and below


@pytest.fixture(scope="module")
def prose_page(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    """A real budget's page of explanatory prose, scanned at 150 dpi."""
    if not CHANGSHA.exists():
        pytest.skip("../shared/realdata not present")
    out = tmp_path_factory.mktemp("det_scale") / "scan.pdf"
    return Path(build_module.scan_pdf(CHANGSHA, out, build_module.DOCUMENT_SCAN, pages_wanted=[4]))


def test_a_prose_page_reads_the_same_text_on_the_smaller_copy(
    prose_page: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = load_ocr_engine("rapidocr")
    assert isinstance(engine, RapidOcrEngine)
    image = render_page(prose_page, 1, 150).image
    image = rotate_small(image, estimate_skew(image))
    factor = DET_LONG_SIDE / max(image.shape[:2])
    small = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    assert shrink_factor(small) < 0.8
    shrunk = detect(engine, image)
    monkeypatch.setattr(quad_reading, "shrink_factor", lambda gray: 1.0)
    full = detect(engine, image)
    assert abs(len(shrunk) - len(full)) <= 2 and len(full) > 10

    def text(quads: list[np.ndarray]) -> str:
        words = read_quads(engine, image, quads)
        return unicodedata.normalize("NFKC", "".join(w.text for w in words))

    # The same characters in the same order; a heading's words may split where its gap
    # is (a section number and its title).
    assert text(shrunk) == text(full)
    assert len(text(full)) > 300
