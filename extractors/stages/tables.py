"""Stages `stitch` and `type`: tables joined across pages, then given a kind and a unit."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from extractors.model import BBox, Line, PageResult
from extractors.stages.broken_rows import join_broken_rows, tails_from_context, tails_under_header
from extractors.stages.continuation import recolumn_continuations
from extractors.stages.state import DocumentState
from extractors.tables.stitch import stitch
from extractors.tables.typed import TypedTable, type_table
from schemas import TableKind


def stitch_tables(state: DocumentState) -> DocumentState:
    """续表 joined to the table they continue; the lines outside every table are prose."""
    results = state.results
    return replace(
        state,
        lines=[ln for r in results for ln in r.lines],
        prose=_prose_lines(results),
        tables=join_broken_rows(
            stitch(
                recolumn_continuations(
                    tails_under_header(tails_from_context([t for r in results for t in r.tables]))
                )
            )
        ),
    )


def type_tables(state: DocumentState) -> DocumentState:
    """Each table's kind from its title and header; a table that states no unit takes the
    unit most tables state."""
    first = [type_table(t, None) for t in state.tables]
    default = main_unit(first)
    typed = [type_table(t, default) for t in state.tables]
    _inherit_kinds(typed)
    return replace(state, typed=typed)


def main_unit(typed: Sequence[TypedTable]) -> str | None:
    units = Counter(t.unit for t in typed if t.unit_stated)
    return units.most_common(1)[0][0] if units else None


def _inherit_kinds(typed: list[TypedTable]) -> None:
    """A table with no title right after a typed one on the next page continues its kind."""
    for prev, cur in itertools.pairwise(typed):
        untitled = cur.kind == TableKind.other and not cur.title
        next_page = cur.table.pages[0] == prev.table.pages[-1] + 1
        if untitled and next_page and cur.table.n_cols == prev.table.n_cols:
            cur.kind = prev.kind
            cur.unit = prev.unit


def _prose_lines(results: Sequence[PageResult]) -> list[Line]:
    out: list[Line] = []
    for result in results:
        boxes = [t.bbox for t in result.tables]
        out.extend(ln for ln in result.lines if not any(_within(ln.bbox, b) for b in boxes))
    return out


def _within(inner: BBox, outer: BBox) -> bool:
    # Mostly inside: a one-row "table" found in justified prose must not swallow the line.
    yc = (inner[1] + inner[3]) / 2
    overlap = min(inner[2], outer[2]) - max(inner[0], outer[0])
    return outer[1] - 1 <= yc <= outer[3] + 1 and overlap > 0.5 * (inner[2] - inner[0])
