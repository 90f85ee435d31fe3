"""Recognised lines to words: a document number's bracketed year keeps one kind of bracket."""

from __future__ import annotations

import numpy as np

from extractors.ocr.engine_types import LineRead
from extractors.ocr.text_lines import balance_year_brackets, split_line


def test_a_mismatched_pair_around_a_year_takes_the_rarer_bracket_it_was_read_with() -> None:
    # Read off a 150 dpi scan of 珠海 商务局's project table: the page prints 〔2025〕.
    assert balance_year_brackets("粤财工（2025〕139号") == "粤财工〔2025〕139号"
    assert balance_year_brackets("粤财工[2025)105号") == "粤财工[2025]105号"
    # Pairs of one kind stay as read, whichever kind; so do brackets around anything else.
    for text in ("粤财工【2024】156号", "粤财工（2025）59号", "（一）"):
        assert balance_year_brackets(text) == text
    assert balance_year_brackets("预算（12345〕") == "预算（12345〕"


def test_words_split_from_a_line_carry_the_balanced_brackets() -> None:
    read = LineRead("粤财工（2025〕168号 57,870,000.00", 0.9, [], [])
    quad = np.array([[0, 0], [300, 0], [300, 20], [0, 20]], np.float32)
    assert [w.text for w in split_line(read, quad)] == ["粤财工〔2025〕168号", "57,870,000.00"]
