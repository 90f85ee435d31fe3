"""A figure only the narrative states, where the document has the table that states it.

The narrative rounds (1,642.12 万元 for 16,421,187.67 元); its sums hold to its own rounding
however the table reads.  Where the table of that figure is in the document but gave us no
reading, we failed to read the table: the rounded sentence is not to be accepted as the
figure, however well it adds up.
"""

from __future__ import annotations

from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from schemas import TableKind

DOUBT = 3.0
_TABLE_OF: dict[str, set[TableKind]] = {
    "procurement.": {TableKind.procurement},
    "three_public.": {TableKind.three_public},
    "totals.": {TableKind.revenue_expenditure_summary},
}


def unread_table_doubts(values: dict[str, Value], tables: list[TypedTable]) -> dict[str, float]:
    kinds = {t.kind for t in tables}
    out: dict[str, float] = {}
    for path, value in values.items():
        if value.from_table:
            continue
        wanted = next((k for prefix, k in _TABLE_OF.items() if path.startswith(prefix)), set())
        if wanted & kinds:
            out[path] = DOUBT
    return out
