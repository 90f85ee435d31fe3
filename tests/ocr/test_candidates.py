"""Failed identities on OCR'd values propose the one-misread reading that restores them."""

from __future__ import annotations

from decimal import Decimal

from extractors.reconcile import Value
from extractors.validation.candidates import misread_candidates
from extractors.validation.identities import Identity, evaluate
from schemas import ReadMethod, Source


def _value(path: str, raw: str, method: ReadMethod = ReadMethod.ocr) -> Value:
    amount = Decimal(raw.replace(",", "")) * 10000
    return Value(path, amount, raw, "万元", [Source(page=1, method=method, text=raw)])


def _candidates(values: dict[str, Value]) -> dict[str, list[str]]:
    identity = Identity("three_public.sum", "t", ["a", "b"])
    found = misread_candidates(values, evaluate(values, [identity]))
    return {path: [c.raw for c in cands] for path, cands in found.items()}


def test_whole_read_with_3_for_8_gets_the_8() -> None:
    values = {
        "t": _value("t", "1,234.56"),
        "a": _value("a", "1,000.00"),
        "b": _value("b", "284.56"),
    }
    found = _candidates(values)
    assert found["t"] == ["1,284.56"]
    # or the part was the misread one (284.56 for 234.56): the reviewer decides
    assert found["b"] == ["234.56"]
    assert "a" not in found  # no single misread of 1,000.00 gives 950.00
    assert values["t"].value == Decimal("12345600")  # the read value is kept


def test_dropped_decimal_point_on_a_part() -> None:
    values = {
        "t": _value("t", "1,284.56"),
        "a": _value("a", "1,000.00"),
        "b": _value("b", "28456"),
    }
    assert _candidates(values)["b"] == ["284.56"]


def test_text_layer_values_and_passing_identities_get_none() -> None:
    digital = {
        "t": _value("t", "1,234.56", ReadMethod.pdf_text),
        "a": _value("a", "1,000.00", ReadMethod.pdf_text),
        "b": _value("b", "284.56", ReadMethod.pdf_text),
    }
    assert _candidates(digital) == {}
    holding = {
        "t": _value("t", "1,284.56"),
        "a": _value("a", "1,000.00"),
        "b": _value("b", "284.56"),
    }
    assert _candidates(holding) == {}
