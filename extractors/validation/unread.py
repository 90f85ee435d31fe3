"""A figure only the narrative states, where the document has the table that states it.

The narrative rounds (1,642.12 万元 for 16,421,187.67 元); its sums hold to its own rounding
however the table reads.  Where the table of that figure is in the document, prints its
figures finer than the sentence does, and gave us no reading, we failed to read the table:
the rounded sentence is not to be accepted as the figure, however well it adds up.  (A
sentence as precise as the table, 28.00 万元 beside 28.00, is the figure.)  Where the
section's table is not found at all, the precision of the document's other tables stands in.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.model import DOUBTED_PENALTY
from extractors.numbers import UNIT_FACTORS, parse_amount, printed_precision
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from schemas import TableKind

_TABLE_OF: dict[str, set[TableKind]] = {
    "procurement.": {TableKind.procurement},
    "three_public.": {TableKind.three_public},
    "totals.": {TableKind.revenue_expenditure_summary},
}


def unread_table_doubts(values: dict[str, Value], tables: list[TypedTable]) -> dict[str, float]:
    # One pass over each section's tables, not one per narrative value.
    # Where no table of the section was found (not printed, or not recognised), the
    # document's other tables still say how finely it prints its figures: a sentence
    # coarser than that restates a table figure rounded, however well its parts add up.
    anywhere = _finest_step(tables)
    finest = {
        prefix: _finest_step([t for t in tables if t.kind in kinds]) or anywhere
        for prefix, kinds in _TABLE_OF.items()
    }
    out: dict[str, float] = {}
    for path, value in values.items():
        if value.from_table:
            continue
        step = next((f for prefix, f in finest.items() if path.startswith(prefix)), None)
        if step is not None and value.tolerance > step:
            out[path] = DOUBTED_PENALTY
    return out


def _finest_step(tables: list[TypedTable]) -> Decimal | None:
    """One unit in the last digit of the most precise figure these tables print, in 元."""
    steps = [
        printed_precision(cell.text) * UNIT_FACTORS.get(typed.unit, Decimal(1))
        for typed in tables
        for cell in typed.table.cells
        if (parsed := parse_amount(cell.text)) is not None and not parsed.empty
    ]
    return min(steps, default=None)
