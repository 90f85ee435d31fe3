"""Dotted paths to values, as the contract defines them.

`totals.revenue_total`, `expenditure_by_function.2101501.total`, `projects.软件维护费.amount`:
the review queue, corrections API, exports and evaluation all address values this way.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from schemas.budget import BudgetDocument
from schemas.values import Amount

_KEYED_LISTS = {
    "expenditure_by_function": "code",
    "expenditure_by_economic": "code",
    "basic_expenditure_by_economic": "code",
    "projects": "name",
}
_SKIP = {"tables", "findings", "review", "document", "budget_units"}


def iter_amounts(doc: BudgetDocument) -> Iterator[tuple[str, Amount]]:
    """Every Amount in the document with its path, in document order."""
    for name in type(doc).model_fields:
        if name in _SKIP:
            continue
        value = getattr(doc, name)
        if isinstance(value, list):
            key_field = _KEYED_LISTS.get(name)
            for item in value:
                key = getattr(item, key_field) if key_field else None
                yield from _walk(item, f"{name}.{key}")
        elif isinstance(value, Amount):
            yield name, value
        elif isinstance(value, BaseModel):
            yield from _walk(value, name)


def _walk(model: BaseModel, prefix: str) -> Iterator[tuple[str, Amount]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Amount):
            yield f"{prefix}.{name}", value


def get_amount(doc: BudgetDocument, path: str) -> Amount | None:
    for candidate, amount in iter_amounts(doc):
        if candidate == path:
            return amount
    return None
