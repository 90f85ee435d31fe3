"""Reconcile: the readings of one path -> one value that keeps every source."""

from __future__ import annotations

from decimal import Decimal

from extractors.model import Reading, Signal
from extractors.reconcile import reconcile
from schemas import Source

PATH = "totals.expenditure_total"


def _table(raw: str, yuan: str, page: int = 3, unit: str = "万元") -> Reading:
    source = Source(page=page, table_id=f"p{page}t1", row=9, col=3, text=raw)
    return Reading(PATH, Decimal(yuan), raw, unit, source)


def _narrative(raw: str, yuan: str, page: int = 2) -> Reading:
    source = Source(page=page, text=f"支出总计{raw}万元")
    return Reading(PATH, Decimal(yuan), raw, "万元", source)


def test_two_agreeing_readings_make_one_value_with_both_sources() -> None:
    value = reconcile([_table("1,200.50", "12005000"), _narrative("1200.5", "12005000")])[PATH]
    assert value.value == Decimal("12005000") and value.raw == "1,200.50"
    assert [s.page for s in value.sources] == [3, 2]
    assert value.agreeing == 2
    assert value.source_checks == [("narrative.equals_table", True)]
    assert value.from_table and not value.signals


def test_the_table_figure_is_chosen_over_the_narrative() -> None:
    value = reconcile([_narrative("1,201", "12010000"), _table("1,200.50", "12005000")])[PATH]
    assert value.value == Decimal("12005000")


def test_rounded_prose_agrees_within_its_printed_precision() -> None:
    # 1,201 万元 printed to the 万: 12,005,000 is within one unit of its last digit.
    value = reconcile([_table("1,200.50", "12005000"), _narrative("1,201", "12010000")])[PATH]
    assert value.source_checks == [("narrative.equals_table", True)]


def test_disagreement_is_a_signal_not_a_silent_pick() -> None:
    value = reconcile([_table("1,200.50", "12005000"), _table("1,300.50", "13005000", page=5)])[
        PATH
    ]
    assert value.value == Decimal("12005000")
    assert value.source_checks == [("cross_table.same_value", False)]
    assert [(s.name, s.penalty) for s in value.signals] == [("disagrees_with_p5", 3.0)]


def test_a_blank_cell_beside_a_printed_figure_is_no_source() -> None:
    blank = _table("", "0", page=4)
    blank.signals.append(Signal("empty_cell", 0.2))
    value = reconcile([blank, _table("1,200.50", "12005000")])[PATH]
    assert value.value == Decimal("12005000")
    assert [s.page for s in value.sources] == [3]
    assert not value.source_checks


def test_a_value_only_the_narrative_states_is_marked() -> None:
    value = reconcile([_narrative("1,200.50", "12005000")])[PATH]
    assert not value.from_table
    assert [s.name for s in value.signals] == ["narrative_only"]


def test_each_path_reconciled_on_its_own() -> None:
    other = Reading("totals.revenue_total", Decimal(5), "5", "元", Source(page=1, table_id="t"))
    values = reconcile([_table("1,200.50", "12005000"), other])
    assert set(values) == {PATH, "totals.revenue_total"}
    assert values["totals.revenue_total"].unit == "元"
