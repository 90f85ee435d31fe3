"""A reading that runs several figures together ("2590050943997.64" and longer) is not one
amount, and no figure, however long, may fail the document's serialisation (the scan of a
99-page budget crashed with decimal.InvalidOperation at the JSON step)."""

from __future__ import annotations

from decimal import Decimal

from extractors.numbers import parse_amount
from schemas.values import to_cents


def test_a_run_of_more_digits_than_any_budget_is_no_amount() -> None:
    assert parse_amount("25900509439976412345678901234.5") is None
    assert parse_amount("1234567890123456") is None


def test_the_largest_budget_figures_still_parse() -> None:
    parsed = parse_amount("12,345,678,901,234.56")
    assert parsed is not None and parsed.value == Decimal("12345678901234.56")


def test_cents_of_a_figure_beyond_decimal_precision_do_not_raise() -> None:
    huge = Decimal("259005094399764123456789012345678.125")
    assert to_cents(huge) == Decimal("259005094399764123456789012345678.13")
