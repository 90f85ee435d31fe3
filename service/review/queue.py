"""What the UI shows: open items ordered by risk, their evidence, and page geometry."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractors.validation.recheck import describe, outcomes_of, values_of
from schemas import Amount, BudgetDocument, Status, TableRecord
from schemas.paths import iter_amounts

PX_PER_PT = 150 / 72  # page images are rendered at 150 dpi; bboxes are in PDF points


@dataclass(frozen=True, slots=True)
class Filters:
    table_kind: str = ""
    check: str = ""
    status: str = "needs_review"


@dataclass(slots=True)
class Item:
    path: str
    amount: Amount
    table_kind: str
    failed: list[str] = field(default_factory=list)

    @property
    def page(self) -> int | None:
        return self.amount.sources[0].page if self.amount.sources else None

    def risk(self) -> tuple[int, float, Decimal]:
        # The most failed checks first, then low confidence, then larger amounts.  The count
        # comes before confidence: the fitted table may give one and two failed checks the
        # same confidence (few wrong values to tell them apart), a reviewer should not.
        return (-len(self.failed), self.amount.confidence, -abs(self.amount.value))


def items(doc: BudgetDocument, filters: Filters) -> list[Item]:
    kinds = {t.table_id: t.kind.value for t in doc.tables}
    out = []
    for path, amount in iter_amounts(doc):
        if filters.status and filters.status != "all" and amount.status != filters.status:
            continue
        table = amount.sources[0].table_id if amount.sources else None
        item = Item(path, amount, kinds.get(table or "", "narrative"))
        item.failed = [c.name for c in amount.checks if not c.passed]
        if filters.table_kind and item.table_kind != filters.table_kind:
            continue
        if filters.check and filters.check not in item.failed:
            continue
        out.append(item)
    return sorted(out, key=Item.risk)


def open_items(doc: BudgetDocument) -> list[Item]:
    return items(doc, Filters(status=Status.needs_review.value))


def evidence(doc: BudgetDocument, path: str) -> list[tuple[bool, str]]:
    """The identities the value takes part in, failed first, with the other values."""
    values = values_of(doc)
    mine = [o for o in outcomes_of(doc) if path == o.identity.total or path in o.identity.parts]
    mine.sort(key=lambda o: o.passed)
    return [(o.passed, describe(o, values)) for o in mine]


def table_of(doc: BudgetDocument, table_id: str | None) -> TableRecord | None:
    return next((t for t in doc.tables if t.table_id == table_id), None)


def px(bbox: tuple[float, float, float, float] | None) -> dict[str, float] | None:
    if bbox is None:
        return None
    x0, y0, x1, y1 = (v * PX_PER_PT for v in bbox)
    return {"left": x0 - 3, "top": y0 - 3, "width": x1 - x0 + 6, "height": y1 - y0 + 6}


def table_box(table: TableRecord, page: int) -> dict[str, float] | None:
    boxes = [c.bbox for c in table.cells if c.page == page and c.bbox]
    if not boxes:
        return None
    union = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return px(union)


def cell_paths(doc: BudgetDocument, table_id: str) -> dict[tuple[int, int], tuple[str, Amount]]:
    """(row, col) of a table -> the value read from that cell."""
    out: dict[tuple[int, int], tuple[str, Amount]] = {}
    for path, amount in iter_amounts(doc):
        for src in amount.sources:
            if src.table_id == table_id and src.row is not None and src.col is not None:
                out.setdefault((src.row, src.col), (path, amount))
    return out
