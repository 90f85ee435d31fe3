"""Reviewer actions on a BudgetDocument, addressed by contract path.

`correct` takes the figure as printed (raw text in the printed unit) and computes 元;
`confirm` accepts a value as read; `not_applicable` removes a value that is not in the
document (absent is absent). Pure functions over the model: the store persists them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from extractors.numbers import UNIT_FACTORS, parse_amount
from schemas import Amount, BudgetDocument, Status, to_cents

_KEYED = {
    "expenditure_by_function": "code",
    "expenditure_by_economic": "code",
    "basic_expenditure_by_economic": "code",
    "projects": "name",
}
Action = Literal["correct", "confirm", "not_applicable"]


class ValueEdit(BaseModel):
    """The PATCH body: `{"value", "raw", "unit", "reason"}` or `{"action": "confirm"}`."""

    action: Action = "correct"
    value: Decimal | None = None
    raw: str | None = Field(default=None, max_length=200)
    unit: str | None = Field(default=None, max_length=8)
    reason: str = Field(default="", max_length=2000)


class EditError(ValueError):
    """The edit cannot be applied as asked (422)."""


@dataclass(frozen=True, slots=True)
class Applied:
    path: str
    action: str
    old: Amount
    new: Amount | None


def _slot(doc: BudgetDocument, path: str) -> tuple[BaseModel, str] | None:
    """The model holding the value at `path` and the field name."""
    head, _, rest = path.partition(".")
    if head in _KEYED:
        key, _, name = rest.rpartition(".")
        items: list[BaseModel] = getattr(doc, head)
        owner = next((i for i in items if getattr(i, _KEYED[head]) == key), None)
    elif head == "operating_expenses" and not rest:
        owner, name = doc, head
    elif head in ("totals", "three_public", "procurement") and "." not in rest:
        owner, name = getattr(doc, head), rest
    else:
        return None
    if owner is None or not isinstance(getattr(owner, name, None), Amount):
        return None
    return owner, name


def amount_at(doc: BudgetDocument, path: str) -> Amount | None:
    slot = _slot(doc, path)
    if slot is None:
        return None
    found: Amount = getattr(*slot)
    return found


def apply_edit(doc: BudgetDocument, path: str, edit: ValueEdit) -> Applied:
    slot = _slot(doc, path)
    if slot is None:
        raise LookupError(path)
    owner, name = slot
    old: Amount = getattr(owner, name)
    new = _edited(old, edit)
    setattr(owner, name, new)
    return Applied(path, edit.action, old, new)


def _edited(old: Amount, edit: ValueEdit) -> Amount | None:
    if edit.action == "not_applicable":
        return None
    if edit.action == "confirm":
        return old.model_copy(update={"status": Status.confirmed, "confidence": 1.0})
    raw, unit, value = _figure(old, edit)
    return old.model_copy(
        update={
            "value": value,
            "raw": raw,
            "unit": unit,
            "status": Status.corrected,
            "confidence": 1.0,
            "candidates": None,
        }
    )


def _figure(old: Amount, edit: ValueEdit) -> tuple[str, str, Decimal]:
    """(raw, unit, 元) from what the reviewer typed; raw and value must agree if both come."""
    unit = edit.unit or old.unit
    factor = UNIT_FACTORS.get(unit)
    if factor is None:
        raise EditError(f"unknown unit {unit!r}; one of {sorted(UNIT_FACTORS)}")
    if edit.raw is None:
        if edit.value is None:
            raise EditError("a correction needs `raw` (as printed) or `value` (元)")
        return _plain(edit.value / factor), unit, to_cents(edit.value)
    parsed = parse_amount(edit.raw)
    if parsed is None:
        raise EditError(f"{edit.raw!r} is not an amount")
    value = to_cents(parsed.value * factor)
    if edit.value is not None and to_cents(edit.value) != value:
        raise EditError(f"raw {edit.raw!r} {unit} is {value} 元, not {edit.value}")
    return edit.raw.strip(), unit, value


def _plain(number: Decimal) -> str:
    text = f"{number:,.2f}"
    return text[:-3] if text.endswith(".00") else text
