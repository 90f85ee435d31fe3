"""Scanned documents through the whole pipeline, values compared by path.

The golden corpus is scanned (150 dpi grey, skew, noise, blur, JPEG; see
tests/data/scanned/build.py DOCUMENT_SCAN) and compared with its truth files exactly as
tests/test_golden.py compares the digital extraction.  Real budgets: a few table pages of
five of them are scanned and compared with the digital extraction of the same pages.
The thresholds are the numbers measured when this was written (see the issue #4 report);
they are floors to hold, not goals.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from .endtoend import REALDATA, Score, report, run_golden, run_real

# Measured 770/770 = 100%; the 1% of slack is for ONNX float results that differ a
# little between CPUs (a borderline digit), not for known misses.
GOLDEN_MIN_ACCURACY = 0.99
GOLDEN_MAX_REVIEW = 0.25  # measured 16.9%
REAL_MIN_ACCURACY = 0.98  # measured 127/129 = 98.45%
# measured 46.5%, then 59.8% once `accepted` needed an identity or a second reading to confirm
# the value: OCR'd figures that nothing confirms now wait for a person (0 wrong accepted).
REAL_MAX_REVIEW = 0.65


@pytest.fixture(scope="session")
def golden_scores(
    tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType
) -> dict[str, Score]:
    return run_golden(build_module, tmp_path_factory.mktemp("golden_scans"))


def test_scanned_golden_values(golden_scores: dict[str, Score]) -> None:
    total = report(golden_scores)
    assert total.total >= 700
    assert not total.wrong_accepted, total.wrong_accepted
    assert total.accuracy >= GOLDEN_MIN_ACCURACY, total.wrong
    assert total.review_rate <= GOLDEN_MAX_REVIEW


@pytest.mark.realdata
def test_scanned_real_budgets_match_their_text_layer(
    tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType
) -> None:
    if not REALDATA.is_dir():
        pytest.skip(f"real budgets not present at {REALDATA}")
    total = report(run_real(build_module, tmp_path_factory.mktemp("real_scans")))
    assert total.total >= 100
    assert not total.wrong_accepted, total.wrong_accepted
    assert total.accuracy >= REAL_MIN_ACCURACY, total.wrong
    assert total.review_rate <= REAL_MAX_REVIEW
