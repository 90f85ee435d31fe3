"""Names-only rows that share one name under one 款: codes by printing order.

The national lists give some 款 two 项 of the same name (21099 has 2109901 and 2109999,
both 其他卫生健康支出); the name alone cannot tell them apart.  When a table prints as many
rows of that name under the 款 as the list has codes of it, the rows are those codes in
code order, the order every list and every publisher prints them in.  Fewer rows stay
without a code: which of the codes is printed is not known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from extractors.classification.lists import codes_named

LEVELS = {3: "类", 5: "款", 7: "项"}


class _Row(Protocol):
    code: str | None
    name: str
    level: str | None
    is_total: bool
    inferred: bool


def codes_by_order(rows: Sequence[_Row], scheme: Literal["function", "economic"]) -> None:
    """Rows left without a code get the codes their shared name has under their 款."""
    groups: dict[tuple[str, str], list[_Row]] = {}
    kuan: str | None = None
    for row in rows:
        if row.code is not None:
            kuan = row.code if len(row.code) == 5 else (None if len(row.code) == 3 else kuan)
        elif kuan is not None and row.name and not row.is_total:
            groups.setdefault((kuan, row.name), []).append(row)
    used = {r.code for r in rows if r.code}
    for (parent, name), group in groups.items():
        codes = codes_named(scheme, name, parent)
        if len(group) < 2 or len(codes) != len(group) or used & set(codes):
            continue
        for row, code in zip(group, codes, strict=True):
            row.code, row.level, row.inferred = code, LEVELS[len(code)], True
