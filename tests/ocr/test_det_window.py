"""The detector reads only the inked window of a scanned page (ocr/det_window.py): fewer
pixels, the same text read, boxes where the whole-page detector puts them."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import ModuleType

import cv2
import numpy as np
import pytest

from benchmarks.truth_score import manifest
from extractors.ocr import det_window
from extractors.ocr.deskew import estimate_skew, rotate_small
from extractors.ocr.engines import load_ocr_engine
from extractors.ocr.page_image import render_page
from extractors.ocr.quad_reading import DET_LONG_SIDE, detect, read_quads
from extractors.ocr.rapid_engine import RapidOcrEngine

HUZHOU = manifest().get("huzhou_finance")


@pytest.fixture(scope="module")
def scanned_pages(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    """A real budget's contents page (text over half the page), scanned at 150 dpi."""
    if HUZHOU is None or not HUZHOU.exists():
        pytest.skip("../shared/realdata not present")
    out = tmp_path_factory.mktemp("det_window") / "scan.pdf"
    return Path(build_module.scan_pdf(HUZHOU, out, build_module.DOCUMENT_SCAN, pages_wanted=[3]))


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _page(path: Path) -> np.ndarray:
    image = render_page(path, 1, 150).image
    return rotate_small(image, estimate_skew(image))


def _small(image: np.ndarray) -> np.ndarray:
    factor = DET_LONG_SIDE / max(image.shape[:2])
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def test_window_reads_the_same_text_as_the_whole_page(
    scanned_pages: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = load_ocr_engine("rapidocr")
    assert isinstance(engine, RapidOcrEngine)
    image = _page(scanned_pages)
    win = det_window.ink_window(_small(image))
    # The page has margins: the window is a real cut, on the network's grid.
    assert win is not None
    assert win.image.size < 0.85 * win.width * win.height
    assert win.x0 % 32 == 0 and win.y0 % 32 == 0
    assert win.image.shape[0] % 32 == 0 and win.image.shape[1] % 32 == 0
    cut = detect(engine, image)
    monkeypatch.setattr(det_window, "MAX_SHARE", 0.0)  # never cut: the whole page
    whole = detect(engine, image)
    assert len(cut) == len(whole) > 10
    # Boxes within ~2 pt (150 dpi pixels) of the whole page's.
    assert max(float(np.abs(a - b).max()) for a, b in zip(cut, whole, strict=True)) <= 6
    # The same text read; the boxes shift by a pixel or two, which can turn a bracket
    # between its full- and half-width forms (the table stage's patterns take either).
    texts = [_norm(w.text) for w in read_quads(engine, image, cut)]
    assert texts == [_norm(w.text) for w in read_quads(engine, image, whole)]
    assert sum(len(t) for t in texts) > 200


def test_no_window_on_a_blank_page_or_a_full_one() -> None:
    blank = np.full((1280, 905), 235, np.uint8)
    assert det_window.ink_window(blank) is None
    full = blank.copy()
    full[10:-10:40, 10:-10] = 20  # lines of ink from edge to edge
    assert det_window.ink_window(full) is None
    spot = blank.copy()
    spot[600:640, 400:500] = 20
    win = det_window.ink_window(spot)
    assert win is not None
    # The inked spot and a margin around it, mapped back where it was drawn.
    box = np.array([[0, 0], [win.image.shape[1], win.image.shape[0]]], np.float32)
    (x0, y0), (x1, y1) = det_window.to_source(box, win, 1280, 905)
    assert x0 <= 400 and x1 >= 500 and y0 <= 600 and y1 >= 640
    assert (x1 - x0) * (y1 - y0) < 0.1 * 1280 * 905
