"""Confidence and status: evidence first, then doubts; unconfirmed is never accepted."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.confidence import confidence, status_for
from extractors.model import Signal
from extractors.options import PipelineOptions
from extractors.reconcile import Value
from schemas import Source, Status

THRESHOLD = PipelineOptions().review_threshold


def _value(
    *, from_table: bool = True, agreeing: int = 1, signals: list[Signal] | None = None
) -> Value:
    source = Source(page=3, table_id="p3t1" if from_table else None)
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
    assert status_for(conf, THRESHOLD, doubted=False, confirmed=True) == Status.accepted


@pytest.mark.parametrize("from_table", [True, False])
def test_nothing_confirms_it_so_it_goes_to_review(from_table: bool) -> None:
    conf = confidence(_value(from_table=from_table), confirmed_by=0, doubt=0.0)
    assert conf < THRESHOLD
    # Even where a caller lowers the threshold below it: the evidence rule, not the number.
    assert status_for(conf, 0.0, doubted=False, confirmed=False) == Status.needs_review


def test_a_doubted_value_is_never_accepted_however_confident() -> None:
    assert status_for(0.999, THRESHOLD, doubted=True, confirmed=True) == Status.needs_review


def test_doubt_and_signals_lower_confidence() -> None:
    clean = confidence(_value(), 1, 0.0)
    assert confidence(_value(), 1, 3.0) < clean
    assert confidence(_value(signals=[Signal("ocr_score", 1.0)]), 1, 0.0) < clean


def test_more_evidence_never_lowers_confidence() -> None:
    one = confidence(_value(), 1, 0.0)
    assert confidence(_value(), 2, 0.0) >= one
    assert confidence(_value(agreeing=2), 1, 0.0) >= one


def test_a_table_cell_is_trusted_more_than_a_sentence() -> None:
    assert confidence(_value(), 1, 0.0) > confidence(_value(from_table=False), 1, 0.0)
    assert 0.0 <= confidence(_value(), 1, 50.0) < 0.01  # a probability, however much doubt
