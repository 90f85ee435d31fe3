"""Read a value from the extracted JSON by the contract's dotted path (as evaluation does)."""

from __future__ import annotations

from typing import Any

_KEYS = {
    "expenditure_by_function": "code",
    "expenditure_by_economic": "code",
    "basic_expenditure_by_economic": "code",
    "projects": "name",
}


def value_at(doc: dict[str, Any], path: str) -> Any:
    head, _, rest = path.partition(".")
    node: Any = doc.get(head)
    if head in _KEYS:
        key, _, rest = rest.partition(".")
        wanted = _squash(key)
        node = next((i for i in node or [] if _squash(str(i.get(_KEYS[head]))) == wanted), None)
    for part in rest.split(".") if rest else []:
        if node is None:
            return None
        node = node.get(part)
    return node


def amount_at(doc: dict[str, Any], path: str) -> dict[str, Any] | None:
    node = value_at(doc, path)
    return node if isinstance(node, dict) and "value" in node else None


def _squash(text: str) -> str:
    """Names compare without white space: a space the publisher typed is not a difference."""
    return "".join(text.split())
