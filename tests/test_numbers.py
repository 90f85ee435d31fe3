from decimal import Decimal

import pytest

from extractors.numbers import parse_amount, printed_precision, to_yuan, unit_in


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("688.7", "688.7"),
        ("29,331.60", "29331.60"),
        ("24，554", "24554"),
        ("-12.5", "-12.5"),
        ("(3.00)", "-3.00"),
        ("195,774,300", "195774300"),
        ("1 234.56", "1234.56"),
    ],
)
def test_amounts(text: str, value: str) -> None:
    parsed = parse_amount(text)
    assert parsed is not None and not parsed.empty
    assert parsed.value == Decimal(value)


@pytest.mark.parametrize("text", ["", "-", "—", "——", " "])
def test_blank_and_dashes_are_stated_zero(text: str) -> None:
    parsed = parse_amount(text)
    assert parsed is not None and parsed.empty and parsed.value == 0


# "24 00", "4 38": a scan's lost decimal point; "2.2 2": a stray digit among the decimals
@pytest.mark.parametrize(
    "text", ["61.38%", "12％", "行政运行", "2026年", "1,23,4", "24 00", "4 38", "1 2345", "2.2 2"]
)
def test_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("单位：万元", "万元"),
        ("金额单位：元", "元"),
        ("编制单位：上海市审计局单位:万元", "万元"),
        ("（单位：元）", "元"),
        ("(万元)", "万元"),
        ("部门名称：平顶山市医疗保障局", None),
    ],
)
def test_unit_lines(line: str, unit: str | None) -> None:
    assert unit_in(line) == unit


def test_unit_conversion_and_precision() -> None:
    assert to_yuan(Decimal("688.7"), "万元") == Decimal("6887000.0")
    assert printed_precision("688.7") == Decimal("0.1")
    assert printed_precision("195,774,300") == Decimal(1)
