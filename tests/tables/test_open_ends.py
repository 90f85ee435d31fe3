"""A merged cell that runs on to the next page has no rule under it: the table's last rule
spans only the columns that closed their rows (北京 项目支出绩效目标表).  The cell must still
be read, and a neighbouring table ending at the same height must not be joined to it."""

from __future__ import annotations

from extractors.model import Page, Ruling, Word
from extractors.tables.open_ends import close_open_ends
from extractors.tables.ruled import SNAP, _edges, ruled_tables


def _box(x0: float, y0: float, x1: float, y1: float, text: str) -> Word:
    return Word(text=text, bbox=(x0, y0, x1, y1))


def _page(rulings: list[Ruling], words: list[Word]) -> Page:
    return Page(number=1, width=600, height=300, words=words, rulings=rulings)


def _project_table(dx: float = 0.0) -> tuple[list[Ruling], list[Word]]:
    """项目 | 金额 | 指标: the second project's name and amount span three indicator rows and
    the page ends under them, ruled only beneath the indicator column."""
    rulings = [Ruling(dx + x, 0, dx + x, 100) for x in (0, 100, 200, 300)]
    rulings += [Ruling(dx, y, dx + 300, y) for y in (0, 20, 40)]
    rulings += [Ruling(dx + 200, y, dx + 300, y) for y in (60, 80, 100)]
    words = [
        _box(dx + 10, 5, dx + 40, 15, "项目"),
        _box(dx + 110, 5, dx + 150, 15, "金额"),
        _box(dx + 210, 5, dx + 250, 15, "指标"),
        _box(dx + 10, 25, dx + 40, 35, "项目甲"),
        _box(dx + 110, 25, dx + 150, 35, "10.00"),
        _box(dx + 210, 25, dx + 250, 35, "次数"),
        _box(dx + 10, 65, dx + 40, 75, "项目乙"),
        _box(dx + 110, 65, dx + 150, 75, "61.80"),
        *(_box(dx + 210, y + 5, dx + 250, y + 15, f"指标{y}") for y in (40, 60, 80)),
    ]
    return rulings, words


def test_a_cell_open_at_the_page_end_is_read() -> None:
    rulings, words = _project_table()
    [table] = ruled_tables(_page(rulings, words))
    texts = {c.text: c for c in table.cells}
    assert "项目乙" in texts and "61.80" in texts
    assert texts["项目乙"].row == texts["61.80"].row == texts["指标40"].row
    assert texts["项目乙"].row_span == 3


def test_the_rule_is_not_drawn_on_into_a_table_beside_it() -> None:
    """A grid to the right ends at the same height, its side rules beginning lower down:
    the closing rule stops at the project table's own columns."""
    left, _ = _project_table()
    right = [Ruling(x, 50, x, 100) for x in (400, 450, 500)]
    right += [Ruling(400, y, 500, y) for y in (50, 75)]
    edges = close_open_ends(_edges(left + right), SNAP)
    drawn = [e for e in edges if e["orientation"] == "h" and e["top"] == 100 and e["x0"] == 0]
    assert [(e["x0"], e["x1"]) for e in drawn] == [(0, 300)]


def test_no_rule_is_drawn_through_a_tall_header_cell() -> None:
    """A group header ruled under its own columns only, beside a tall 会议费 cell whose side
    rules are drawn in pieces (西安 三公表): the table goes on below, nothing is closed."""
    rulings = [Ruling(x, y0, x, y1) for x in (0, 100, 200) for y0, y1 in ((0, 20), (26, 100))]
    rulings += [Ruling(0, y, 200, y) for y in (0, 40, 100)] + [Ruling(0, 20, 100, 20)]
    edges = _edges(rulings)
    assert close_open_ends(edges, SNAP) == edges
