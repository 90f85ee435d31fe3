"""An identity's rounding allowance: a blank or "0" term must not widen it to a whole unit."""

from __future__ import annotations

from decimal import Decimal

from extractors.reconcile import Value
from extractors.validation.identities import Identity, evaluate

ROW = Identity("row", "t.total", ["t.basic", "t.project"])


def _value(path: str, raw: str, yuan: str) -> Value:
    return Value(path=path, value=Decimal(yuan), raw=raw, unit="万元", sources=[])


def _passes(total: str, basic: str, project: str) -> bool:
    def yuan(raw: str) -> str:
        figure = raw.replace(",", "").strip("-") or "0"
        return str(Decimal(figure) * 10000)

    values = {
        "t.total": _value("t.total", total, yuan(total)),
        "t.basic": _value("t.basic", basic, yuan(basic)),
        "t.project": _value("t.project", project, yuan(project)),
    }
    (outcome,) = evaluate(values, [ROW])
    return outcome.passed


def test_a_misread_cent_figure_does_not_hide_behind_a_blank_cell() -> None:
    # 1,234.56 read where 1,234.51 is printed: 500 元 off, a blank 项目 cell beside it.
    assert not _passes("1,234.56", "1,234.51", "")
    assert not _passes("1,234.56", "1,234.51", "0")
    assert not _passes("1,234.56", "1,234.51", "-")


def test_figures_that_add_up_still_pass_beside_a_blank_cell() -> None:
    assert _passes("1,234.51", "1,234.51", "")
    assert _passes("1,234.51", "1,234.51", "0")


def test_whole_unit_figures_keep_their_own_rounding() -> None:
    # A table printed to the 万元: 1,235 = 1,234 + 0 within its rounding.
    assert _passes("1,235", "1,234", "0")
    # Coarse figures that disagree by less than their rounding pass as before.
    assert _passes("1,235", "1,234", "1")
