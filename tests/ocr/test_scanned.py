"""Scanned pages end to end: amounts, positions, orientation, rulings, blank pages, regions.

Inputs are built from a digital PDF (tests/data/scanned/build.py), so the digital words
from pdfplumber are the ground truth for both text and position.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pdfplumber
import pytest

from extractors.layout import image_regions, ocr_region
from extractors.model import Page, Word
from extractors.ocr.word_scores import is_amount, normalize_amount
from extractors.options import PipelineOptions

from .conftest import OcrCache, blank_page

# Amount columns start right of this on both source pages (codes and names are left of it).
AMOUNT_X0 = 280.0
NEAR_PT = 8.0


def truth(path: Path, number: int) -> list[Word]:
    with pdfplumber.open(str(path)) as pdf:
        raw = pdf.pages[number - 1].extract_words(x_tolerance=1.5, y_tolerance=2.5)
    return [
        Word(w["text"], (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"])))
        for w in raw
    ]


def amounts(words: list[Word]) -> list[Word]:
    return [w for w in words if w.x0 > AMOUNT_X0 and is_amount(w.text)]


def nearest(word: Word, candidates: list[Word]) -> tuple[Word | None, float]:
    best, dist = None, float("inf")
    for c in candidates:
        d = max(abs(c.xc - word.xc), abs(c.yc - word.yc))
        if d < dist:
            best, dist = c, d
    return best, dist


def read_right(expected: list[Word], page: Page) -> tuple[int, list[str]]:
    right, wrong = 0, []
    for w in expected:
        got, dist = nearest(w, page.words)
        if got is not None and dist <= NEAR_PT and normalize_amount(got.text) == w.text:
            right += 1
        else:
            wrong.append(f"{w.text} -> {got.text if got else None} ({dist:.1f}pt)")
    return right, wrong


def test_amounts_read_exactly_at_150dpi_noisy(scanned: dict[str, Path], ocr: OcrCache) -> None:
    total = right = 0
    misses: list[str] = []
    for number in (1, 2):
        expected = amounts(truth(scanned["source"], number))
        page = ocr.page(scanned["source_150_noisy"], number)
        assert page.status == "ok" and page.source == "ocr"
        ok, wrong = read_right(expected, page)
        total, right, misses = total + len(expected), right + ok, misses + wrong
    assert total >= 80
    assert right / total >= 0.98, misses


def test_amounts_read_at_200dpi(scanned: dict[str, Path], ocr: OcrCache) -> None:
    expected = amounts(truth(scanned["source"], 2))
    right, wrong = read_right(expected, ocr.page(scanned["source_200"], 2))
    assert right / len(expected) >= 0.98, wrong


def test_words_land_where_the_digital_words_are(scanned: dict[str, Path], ocr: OcrCache) -> None:
    page = ocr.page(scanned["source_150_noisy"], 1)
    dists = []
    for w in truth(scanned["source"], 1):
        got, dist = nearest(w, [o for o in page.words if o.text == w.text])
        if got is not None:
            dists.append(dist)
    assert len(dists) >= 40
    assert statistics.median(dists) <= 2.5, dists
    assert max(dists) <= 6.0, dists


def test_words_are_ocr_words_with_scores(scanned: dict[str, Path], ocr: OcrCache) -> None:
    page = ocr.page(scanned["source_150_noisy"], 1)
    assert page.words and all(w.method == "ocr" for w in page.words)
    assert all(0.0 <= w.score <= 1.0 for w in page.words)
    assert statistics.median(w.score for w in page.words) > 0.9


def test_rotated_page_is_turned_back(scanned: dict[str, Path], ocr: OcrCache) -> None:
    path = scanned["source_rot90"]
    with pdfplumber.open(str(path)) as pdf:
        displayed = pdf.pages[0]
        assert displayed.width > displayed.height  # fed sideways: a landscape image
    page = ocr.page(path, 1)
    assert page.rotation == 90
    assert page.width < page.height  # upright frame: portrait again
    expected = amounts(truth(scanned["source"], 1))
    right, wrong = read_right(expected, page)
    assert right / len(expected) >= 0.98, wrong


def test_rulings_recovered_where_the_grid_is(scanned: dict[str, Path], ocr: OcrCache) -> None:
    page = ocr.page(scanned["source_150_noisy"], 1)
    with pdfplumber.open(str(scanned["source"])) as pdf:
        edges = pdf.pages[0].edges
    h_src = sorted({round(float(e["top"]), 1) for e in edges if e["orientation"] == "h"})
    v_src = sorted({round(float(e["x0"]), 1) for e in edges if e["orientation"] == "v"})
    h_ocr = [r for r in page.rulings if r.horizontal]
    v_ocr = [r for r in page.rulings if not r.horizontal]
    for y in h_src:
        assert any(abs(r.top - y) <= 2.0 and r.x1 - r.x0 > 400 for r in h_ocr), y
    for x in v_src:
        assert any(abs(r.x0 - x) <= 2.0 and r.bottom - r.top > 300 for r in v_ocr), x
    # Nothing else on the page is a line: text must not turn into rulings.
    assert len(h_ocr) <= len(h_src) + 2 and len(v_ocr) <= len(v_src) + 2


def test_grid_engine_builds_the_table_from_ocr_rulings(
    scanned: dict[str, Path], ocr: OcrCache
) -> None:
    ruled = pytest.importorskip("extractors.tables.ruled")
    page = ocr.page(scanned["source_150_noisy"], 1)
    tables = ruled.ruled_tables(page)
    assert len(tables) == 1
    assert (tables[0].n_rows, tables[0].n_cols) == (17, 3)


def test_page_without_text_is_ok_and_empty(scanned: dict[str, Path], ocr: OcrCache) -> None:
    page = ocr.page(scanned["source_150_noisy"], 3)
    assert page.status == "ok"
    assert page.words == [] and page.rulings == []


def test_image_region_on_a_digital_page_is_read(
    scanned: dict[str, Path], build_module: object
) -> None:
    path = scanned["mixed"]
    with pdfplumber.open(str(path)) as pdf:
        regions = image_regions(pdf.pages[0])
    assert len(regions) == 1
    crop_x0, crop_top = build_module.MIXED_CROP[:2]  # type: ignore[attr-defined]
    at_x, at_top = build_module.MIXED_AT  # type: ignore[attr-defined]
    assert abs(regions[0][0] - at_x) < 1 and abs(regions[0][1] - at_top) < 1
    words, _ = ocr_region(path, blank_page(path, 1), regions[0], PipelineOptions())
    # Ground truth: the source words, moved to where the picture was pasted.
    dx, dy = at_x - crop_x0, at_top - crop_top
    expected = [
        Word(w.text, (w.x0 + dx, w.top + dy, w.x1 + dx, w.bottom + dy))
        for w in amounts(truth(scanned["source"], 1))
    ]
    page = Page(number=1, width=595, height=842, words=words)
    right, wrong = read_right(expected, page)
    assert right == len(expected), wrong
