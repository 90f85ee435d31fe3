"""Text set in columns is not a table: two columns of running prose line up like a two-column
table of long cells, and the unruled stage reads them as one (a report page, a newsletter).

A table whose every column is made of phrases (cells of several space-separated words, the
typical line of prose) and which holds hardly any figures is dropped.  CJK text is one word
per phrase in the text layer, so a budget table's long item names never count as prose.
"""

from __future__ import annotations

from statistics import median

from extractors.model import Table
from extractors.tables.stream_blocks import NUMBER

MIN_PROSE_WORDS = 5  # median words per filled cell of a column of prose lines
MAX_FIGURE_SHARE = 0.1  # of the words: years and references in prose stay below it
MIN_ROWS = 4


def prose_columns(table: Table) -> bool:
    if table.ruled or table.n_rows < MIN_ROWS:
        return False
    filled = [c for c in table.cells if c.words]
    if not filled:
        return False
    words = [w for c in filled for w in c.words]
    if sum(bool(NUMBER.match(w.text)) for w in words) > MAX_FIGURE_SHARE * len(words):
        return False
    for col in range(table.n_cols):
        counts = [len(c.words) for c in filled if c.col == col]
        if counts and median(counts) < MIN_PROSE_WORDS:
            return False
    return True
