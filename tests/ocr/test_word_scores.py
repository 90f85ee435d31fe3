from decimal import Decimal

from extractors.ocr.word_scores import (
    digit_alternatives,
    is_amount,
    looks_numeric,
    normalize_amount,
    word_score,
)


def test_grammar_accepts_printed_amounts() -> None:
    for text in ["0.00", "12,345.67", "-1,032.85", "987", "1，234.50", "３,210", "12.5%", "-0.4"]:
        assert is_amount(text), text


def test_grammar_rejects_misreads() -> None:
    for text in ["1.234.56", "12,34.56", "1,2345", "--12", "12.3.4", "1,234,56", "12-3"]:
        assert looks_numeric(text), text
        assert not is_amount(text), text


def test_fullwidth_normalised() -> None:
    assert normalize_amount("－１，２３４．５") == "-1,234.5"


def test_score_lowered_by_grammar_and_weak_digit() -> None:
    assert word_score("1,234.56", 0.99, [0.99] * 8) == 0.99
    assert word_score("1.234.56", 0.99, [0.99] * 8) < 0.5
    weak = word_score("1,234.56", 0.97, [0.99, 0.99, 0.99, 0.4, 0.99, 0.99, 0.99, 0.99])
    assert weak <= 0.4
    # Words that are not numbers are not held to the amount grammar.
    assert word_score("一般公共服务支出", 0.95, None) == 0.95


def test_digit_alternatives() -> None:
    alts = digit_alternatives("1,238.50")
    assert "1,233.50" in alts  # 8 -> 3
    assert "7,238.50" in alts  # 1 -> 7
    assert "1,238.50" not in alts
    assert all(is_amount(a) for a in alts)
    assert "5,681.65" in digit_alternatives("5,681.55")  # 5 -> 6
    assert "1,234.56" in digit_alternatives("123456")  # dropped decimal point
    assert "1,234.56" in digit_alternatives("1.234.56")  # comma read as a point
    assert digit_alternatives("名称") == []


def test_split_line_gives_each_word_its_own_box() -> None:
    import numpy as np

    from extractors.ocr.engine_types import LineRead
    from extractors.ocr.text_lines import split_line

    quad = np.array([[100, 10], [300, 10], [300, 30], [100, 30]], np.float32)
    read = LineRead("12.00 34.50", 0.98, [0.99] * 10, [])  # no positions: even widths
    words = split_line(read, quad)
    assert [w.text for w in words] == ["12.00", "34.50"]
    assert words[0].box[2] <= words[1].box[0] + 1
    assert words[0].box[0] >= 100 and words[1].box[2] <= 300


def test_candidate_fixes_proposes_the_misread_that_balances() -> None:
    from extractors.ocr.word_scores import amount_value, candidate_fixes

    # 1,834.50 read for 1,334.50 (3/8): the identity needs 1334.50.
    assert candidate_fixes("1,834.50", Decimal("1334.50")) == ["1,334.50"]
    # A dropped decimal point: 123456 read for 1,234.56.
    assert candidate_fixes("123456", Decimal("1234.56")) == ["1,234.56"]
    # No single plausible misread gives 999: nothing to propose.
    assert candidate_fixes("1,834.50", Decimal(999)) == []
    assert amount_value("１，２３４.５") == Decimal("1234.5")
    assert amount_value("12%") is None and amount_value("abc") is None
