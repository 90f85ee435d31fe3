"""Whether a text-only line under a row is that row's wrapped last line or a row of its own.

A cell's text wraps when its next word does not fit before the cell's edge.  An unruled
column's edge is not drawn, but it stands left of the next column's text; and a cell's
wrapped line follows its first line at the text's leading, tighter than the table's row
pitch.  A line a full row pitch under a row whose text had room left for the line's first
word (and a gutter) before the next column is a row of its own: a group label under an
item ("A.O.P Vacqueyras" under a wine's name), not the item's wrapped tail.

Both must hold.  A table set without cell padding puts wrapped lines at the row pitch, and a
Chinese name wrapped in a wide column whose figures stand right-aligned leaves room before
the figures: either alone would split real wrapped names.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

from extractors.model import Cell, Word
from extractors.tables.stream_blocks import NUMBER

# A wrapped line sits less than this share of the row pitch under its first line.
_LEADING_SHARE = 0.9
# Words of one phrase stand less than this many of their heights apart (a word space).
_SPACE = 0.6
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def row_pitch(rows: list[list[Cell]]) -> float | None:
    """The usual distance between the tops of two successive one-line rows of figures; where
    no two rows of figures follow each other (items under labels), between any two lines."""
    tops = [_top(row) for row in rows]
    figures = [t if _has_figure(row) else None for t, row in zip(tops, rows, strict=True)]
    return _median_step(figures) or _median_step(tops)


def _median_step(tops: list[float | None]) -> float | None:
    steps = [b - a for a, b in pairwise(tops) if a is not None and b is not None]
    steps = [s for s in steps if s > 0]
    return median(steps) if steps else None


def own_row(
    head: list[Cell], tail: list[Cell], bounds: list[tuple[float, float]], pitch: float | None
) -> bool:
    """`tail` (a text-only line) is a row of its own, not the wrapped end of `head`."""
    tail_words = sorted((w for c in tail for w in c.words), key=lambda w: w.x0)
    cols = {c.col for c in tail if c.text.strip()}
    head_words = [w for c in head if c.col in cols for w in c.words]
    if pitch is None or not tail_words or not head_words:
        return False
    last = max(head_words, key=lambda w: w.top)  # the head cell's last line
    if tail_words[0].top - last.top < _LEADING_SHARE * pitch:
        return False
    height = last.bottom - last.top
    line = sorted((w for c in head for w in c.words if _same_line(w, last)), key=lambda w: w.x0)
    end = max(w.x1 for w in head_words if _same_line(w, last))
    following = [w for w in line if w.x0 > end - 1.0]
    for word in following:  # the phrase may run on into the next column a word space on
        if word.x0 - end >= _SPACE * height:
            edge = min(word.x0, _column_start(word, bounds))
            return edge - end >= _first_unit(tail_words[0]) + height
        end = max(end, word.x1)
    return False


def _first_unit(word: Word) -> float:
    """What must fit for the line not to break: a word, or one character of Chinese."""
    width = word.x1 - word.x0
    return width / len(word.text) if _CJK.match(word.text) else width


def _column_start(word: Word, bounds: list[tuple[float, float]]) -> float:
    starts = [a for a, b in bounds if word.x0 < b and word.x1 > a]
    return min(starts, default=word.x0)


def _same_line(word: Word, other: Word) -> bool:
    return abs(word.yc - other.yc) < 0.5 * max(other.bottom - other.top, 1.0)


def _top(row: list[Cell]) -> float | None:
    return min((w.top for c in row for w in c.words), default=None)


def _has_figure(row: list[Cell]) -> bool:
    return any(NUMBER.match(c.text.strip()) for c in row)
