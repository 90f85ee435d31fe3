"""收入总计 and 支出总计 are one figure by definition: where one of them is stated only in the
narrative, rounded (19,577 万元), and the other in a table to the yuan (195,774,300), the
narrative's figure is the table's, rounded.  Report the exact one, with both sources."""

from __future__ import annotations

from extractors.model import Signal
from extractors.reconcile import Value
from extractors.validation.identities import Outcome

_BALANCE = "totals.balance"


def sharpen_rounded_totals(values: dict[str, Value], outcomes: list[Outcome]) -> None:
    for outcome in outcomes:
        if outcome.identity.rule != _BALANCE or not outcome.passed:
            continue
        pair = [values[outcome.identity.total], values[outcome.identity.parts[0]]]
        for rounded, exact in (pair, pair[::-1]):
            if rounded.from_table or not exact.from_table:
                continue
            if rounded.tolerance <= exact.tolerance or rounded.value == exact.value:
                continue
            rounded.value = exact.value
            rounded.signals.append(Signal("exact_from_balance", 0.0))
