"""A code summed from several rows (one row per unit or per economic item): its row
identity total = basic + project holds row by row, so it holds with a row lost and cannot
confirm the sums (a scan that dropped one unit's row was accepted this way)."""

from __future__ import annotations

from decimal import Decimal

from extractors.reconcile import Value
from extractors.validation.evidence import confirmations
from extractors.validation.identities import Identity, evaluate
from schemas import Source

ROW = Identity(
    "expenditure_by_function.row_sum",
    "expenditure_by_function.2050403.total",
    ["expenditure_by_function.2050403.basic", "expenditure_by_function.2050403.project"],
)


def _values(terms: int) -> dict[str, Value]:
    figures = {"total": "300.00", "basic": "200.00", "project": "100.00"}
    out = {}
    for col, (field, raw) in enumerate(figures.items(), start=2):
        path = f"expenditure_by_function.2050403.{field}"
        source = Source(page=4, table_id="p4-t1", row=7, col=col, text=raw)
        out[path] = Value(
            path=path,
            value=Decimal(raw) * 10000,
            raw=raw,
            unit="万元",
            sources=[source],
            terms=terms,
        )
    return out


def test_a_row_identity_does_not_confirm_sums_over_several_rows() -> None:
    values = _values(terms=2)
    outcomes = evaluate(values, [ROW])
    assert all(o.passed for o in outcomes)
    assert not any(confirmations(values, outcomes).values())


def test_a_row_identity_still_confirms_a_single_rows_figures() -> None:
    values = _values(terms=1)
    confirmed = confirmations(values, evaluate(values, [ROW]))
    assert all(confirmed.values())
