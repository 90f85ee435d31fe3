"""Find the tables on one page with the configured engine; attach the lines above as context."""

from __future__ import annotations

import re
from collections.abc import Callable

from extractors.model import Line, Page, Table
from extractors.options import PipelineOptions
from extractors.tables.blank_items import blank_item_tables
from extractors.tables.caption import drop_caption_rows, merge_shared_positions
from extractors.tables.chart import chart_labels
from extractors.tables.empty import drop_empty_leading_columns
from extractors.tables.hints import TableHints, hinted_tables
from extractors.tables.packed import packed_grid
from extractors.tables.phrase_columns import merge_phrase_columns
from extractors.tables.prose import prose_columns
from extractors.tables.row_labels import with_outside_labels
from extractors.tables.ruled import ruled_tables
from extractors.tables.spans import flatten_spans
from extractors.tables.stack import join_stacked
from extractors.tables.stream import stream_tables
from extractors.tables.token_grid import token_grids

CONTEXT_LINES = 5
CONTEXT_REACH = 120.0  # points above a table where its title and unit line may stand
NOTE_LINES = 3
NOTE_REACH = 60.0  # points below a table where its footnote (注：…单位…) may stand
_FOOTNOTE = re.compile(r"^(注|说明|备注)|本表")


def grid_engine(page: Page, lines: list[Line]) -> list[Table]:
    """Our engine: ruled grid first, then word clustering where no grid stands."""
    ruled = [with_outside_labels(page, t) for t in ruled_tables(page) if not packed_grid(t)]
    stream = stream_tables(page, lines, [t.bbox for t in ruled], first_index=len(ruled) + 1)
    found = ruled + stream
    found += blank_item_tables(page, lines, [t.bbox for t in found], len(found) + 1)
    return found + token_grids(page, lines, [t.bbox for t in found], len(found) + 1)


def camelot_engine(page: Page, lines: list[Line]) -> list[Table]:
    from extractors.tables.camelot_engine import camelot_tables

    tables: list[Table] = camelot_tables(page, lines)
    return tables


ENGINES: dict[str, Callable[[Page, list[Line]], list[Table]]] = {
    "grid": grid_engine,
    "camelot": camelot_engine,
}


def find_tables(
    page: Page, lines: list[Line], options: PipelineOptions, hints: TableHints | None = None
) -> list[Table]:
    """The page's tables; `hints` (extractors/tables/hints.py) are what the caller knows."""
    if page.status != "ok" or not page.words:
        return []
    engine = ENGINES[options.table_engine]
    hints = hints or TableHints()
    if hints.locate:
        found = hinted_tables(page, engine, hints)
    else:
        found = [t for t in engine(page, lines) if not (prose_columns(t) or chart_labels(t, page))]
    tables = sorted(found, key=lambda t: t.bbox[1])
    previous_bottom = 0.0
    for index, table in enumerate(tables):
        merge_shared_positions(table)
        # A hinted table is what the caller drew: its rows and columns stay as given.
        if not table.ruled and table.engine != "hints":
            drop_caption_rows(table)
            merge_phrase_columns(table)
        drop_empty_leading_columns(table)
        table.context = _context(lines, table, previous_bottom)
        following = tables[index + 1].bbox[1] if index + 1 < len(tables) else page.height
        table.notes = _notes(lines, table, following)
        previous_bottom = table.bbox[3]
    return [flatten_spans(t, hints.span_text) for t in join_stacked(tables, lines)]


def _notes(lines: list[Line], table: Table, ceiling: float) -> list[str]:
    bottom = table.bbox[3]
    below = [
        ln for ln in lines if bottom - 1 <= ln.bbox[1] <= min(ceiling, bottom + NOTE_REACH) + 1
    ]
    # Only what reads as a footnote: the next table's own unit line may stand here too.
    return [ln.text for ln in below[:NOTE_LINES] if _FOOTNOTE.match(ln.text.strip())]


def _context(lines: list[Line], table: Table, floor: float) -> list[str]:
    top = table.bbox[1]
    above = [
        ln
        for ln in lines
        if floor - 1 <= ln.bbox[3] <= top + 1 and top - ln.bbox[3] <= CONTEXT_REACH
    ]
    return [ln.text for ln in above[-CONTEXT_LINES:]]
