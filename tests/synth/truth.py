"""The flat truth of a synthetic document: {contract path: value in 元 | string}.

Built from what the document states, not from the budget: every printed cell recorded its
path and the value its printed figure means (rounded as printed).  A table cell beats a
sentence (prose restates figures rounded); two tables stating one path must agree.
"""

from __future__ import annotations

from decimal import Decimal

from tests.synth.document import Document

ORDER = ("document.", "totals.", "expenditure_by_function.", "expenditure_by_economic.",
         "basic_expenditure_by_economic.", "three_public.", "operating_expenses",
         "procurement.", "projects.")  # fmt: skip


class TruthConflict(AssertionError):
    """Two tables state one path with different values: a generator bug."""


def truth(doc: Document) -> dict[str, float | int | str]:
    strong: dict[str, Decimal] = {}
    weak: dict[str, Decimal] = {}
    for path, value, is_strong in doc.ctx.statements:
        seen = strong if is_strong else weak
        if is_strong and path in seen and seen[path] != value:
            raise TruthConflict(f"{doc.name}: {path} stated as {seen[path]} and {value}")
        seen.setdefault(path, value)
    values = {**weak, **strong}
    out: dict[str, float | int | str] = {
        "document.department": doc.budget.department,
        "document.fiscal_year": doc.budget.year,
        "document.kind": doc.traits.kind,
    }
    for path in sorted(values, key=_group):
        out[path] = float(values[path])
    return out


def _group(path: str) -> int:
    return next(i for i, g in enumerate(ORDER) if path.startswith(g))
