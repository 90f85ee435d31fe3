"""Reading order inside a cell: the words of one printed line stay in x order.

Boxes as OCR gave them on the 150 dpi scan of 西安应急's 收支总表 (p. 3): the enumerator
"1、" sits 0.4 pt lower than the words after it, across a fixed 4-point band, and the label
came out as "人员经费和公用经费支1、".
"""

from extractors.model import Word
from extractors.tables.cells import join_words


def test_a_lower_enumerator_stays_in_front_of_its_line() -> None:
    words = [
        Word("人员经费和公用经费支", (463.7, 125.3, 544.0, 134.2), method="ocr"),
        Word("1、", (449.6, 126.6, 455.0, 133.7), method="ocr"),
    ]
    assert join_words(words) == "1、人员经费和公用经费支"


def test_wrapped_lines_keep_their_order() -> None:
    words = [
        Word("支出", (10.0, 22.0, 30.0, 31.0)),
        Word("机关事业单位基本养老保险缴费", (10.0, 10.0, 120.0, 19.0)),
    ]
    assert join_words(words) == "机关事业单位基本养老保险缴费支出"


def test_figures_on_one_line_keep_their_gap() -> None:
    words = [Word("554", (30.0, 10.2, 45.0, 19.0)), Word("24,", (10.0, 10.0, 27.0, 19.5))]
    assert join_words(words) == "24, 554"
