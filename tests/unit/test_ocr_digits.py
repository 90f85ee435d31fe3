"""Which OCR readings a sum confirms digit for digit (validation/ocr_digits.py)."""

from __future__ import annotations

from decimal import Decimal

from extractors.model import Signal
from extractors.reconcile import Value
from extractors.validation.identities import Identity, Outcome
from extractors.validation.ocr_digits import digits_confirmed, without_ocr_doubt
from schemas import ReadMethod, Source


def _value(path: str, yuan: str, method: ReadMethod = ReadMethod.ocr) -> Value:
    source = Source(page=1, table_id="p1-t1", row=1, col=1, text=yuan, method=method)
    return Value(
        path=path,
        value=Decimal(yuan),
        raw=yuan,
        unit="元",
        sources=[source],
        signals=[Signal("ocr_score", 4.0), Signal("unit_assumed", 0.5)],
    )


def _outcome(total: str, parts: list[str], passed: bool = True, diff: str = "0") -> Outcome:
    return Outcome(Identity("rule", total, parts), passed, Decimal(diff))


def test_a_sum_of_several_figures_confirms_their_digits() -> None:
    values = {p: _value(p, v) for p, v in (("a", "30"), ("b", "10"), ("c", "20"), ("z", "0"))}
    confirmed = digits_confirmed(values, [_outcome("a", ["b", "c", "z"])])
    assert confirmed == {"a", "b", "c"}  # a printed 0 is not confirmed by it


def test_equalities_and_failed_sums_confirm_nothing() -> None:
    # The same glyph misread the same way in two copies keeps an equality.
    values = {p: _value(p, v) for p, v in (("a", "600000"), ("b", "600000"), ("c", "0"))}
    assert digits_confirmed(values, [_outcome("a", ["b", "c"])]) == set()
    values = {p: _value(p, v) for p, v in (("a", "31"), ("b", "10"), ("c", "20"))}
    assert digits_confirmed(values, [_outcome("a", ["b", "c"], passed=False)]) == set()


def test_only_ocr_readings_and_only_the_ocr_doubt() -> None:
    values = {p: _value(p, v) for p, v in (("a", "30"), ("b", "10"))}
    values["c"] = _value("c", "20", ReadMethod.pdf_text)
    assert digits_confirmed(values, [_outcome("a", ["b", "c"])]) == {"a", "b"}
    assert [s.name for s in without_ocr_doubt(values["a"]).signals] == ["unit_assumed"]


def test_a_sum_held_only_within_a_coarse_reading_confirms_nothing() -> None:
    # 65.328 = 37.3 + 27.948 holds within the 0.1 of "37.3" (read from "37.380000").
    values = {p: _value(p, v) for p, v in (("a", "65.328"), ("b", "37.3"), ("c", "27.948"))}
    assert digits_confirmed(values, [_outcome("a", ["b", "c"], diff="0.080")]) == set()
