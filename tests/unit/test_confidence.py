"""Confidence and status: evidence first, then doubts; unconfirmed is never accepted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.confidence import below_evidence_bar, confidence, status_for
from extractors.model import Signal
from extractors.options import PipelineOptions
from extractors.reconcile import Value
from schemas import ReadMethod, Source, Status

THRESHOLD = PipelineOptions().review_threshold


def _value(
    *,
    from_table: bool = True,
    agreeing: int = 1,
    signals: list[Signal] | None = None,
    ocr: bool = False,
) -> Value:
    method = ReadMethod.ocr if ocr else ReadMethod.pdf_text
    source = Source(page=3, table_id="p3t1" if from_table else None, method=method)
    return Value(
        path="totals.expenditure_total",
        value=Decimal("12005000"),
        raw="1,200.50",
        unit="万元",
        sources=[source],
        signals=signals or [],
        agreeing=agreeing,
        from_table=from_table,
    )


def test_a_confirmed_clean_table_value_is_accepted() -> None:
    conf = confidence(_value(), confirmed_by=1, doubt=0.0)
    assert conf >= THRESHOLD
    assert status_for(doubted=False, confirmed=True) == Status.accepted


@pytest.mark.parametrize("ocr", [False, True])
def test_nothing_confirms_it_so_it_goes_to_review_with_less_confidence(ocr: bool) -> None:
    unconfirmed = confidence(_value(ocr=ocr), confirmed_by=0, doubt=0.0)
    assert unconfirmed < confidence(_value(ocr=ocr), confirmed_by=1, doubt=0.0)
    # However high its fitted confidence: the evidence rule, not the number.
    assert status_for(doubted=False, confirmed=False) == Status.needs_review


def test_a_doubted_value_is_never_accepted_however_confident() -> None:
    assert status_for(doubted=True, confirmed=True) == Status.needs_review


def test_doubt_and_signals_never_raise_confidence() -> None:
    clean = confidence(_value(), 1, 0.0)
    # A failed identity disputes the value: clearly less sure than a confirmed one.
    assert confidence(_value(), 1, 3.0) < clean
    assert confidence(_value(signals=[Signal("ocr_score", 1.0)]), 1, 0.0) <= clean
    assert confidence(_value(ocr=True), 1, 0.0) <= clean


def test_more_evidence_never_lowers_confidence() -> None:
    one = confidence(_value(), 1, 0.0)
    assert confidence(_value(), 2, 0.0) >= one
    assert confidence(_value(agreeing=2), 1, 0.0) >= one


def test_a_probability_however_much_doubt() -> None:
    assert 0.0 <= confidence(_value(), 1, 50.0) < 0.99
    assert 0.0 < confidence(_value(ocr=True), 0, 50.0) < 0.99


def test_calibration_accepts_nothing_the_hand_set_bar_kept_in_review() -> None:
    # Several doubts, none strong enough alone to mark the value doubted: the fitted
    # confidence may be high, the value still goes to review as it did before calibration.
    doubts = [Signal("ocr_score", 2.9), Signal("unit_guessed", 1.0), Signal("empty_cell", 0.2)]
    value = _value(signals=doubts, ocr=True)
    assert below_evidence_bar(value, 1, 0.0, THRESHOLD)
    assert not below_evidence_bar(_value(ocr=True), 1, 0.0, THRESHOLD)
