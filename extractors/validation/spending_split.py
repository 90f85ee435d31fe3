"""基本支出 = 人员经费 + 公用经费 at the department's level, as evidence only.

The split is printed in the 收支总表's 基本支出 columns, the 基本支出表's 合计 row or the
narrative, and 基本支出 itself in another table: where the two figures add up to it, each
is confirmed by a figure read elsewhere.  Where the sum fails it says nothing (the narrative's
公用经费 is sometimes the 机关运行经费 or leaves out 对个人和家庭的补助), so it never doubts.
"""

from __future__ import annotations

from extractors.reconcile import Value
from extractors.validation.identities import Identity

RULE = "totals.basic_split"
_WHOLE = "totals.basic_expenditure"
_PARTS = ["totals.personnel_expense", "totals.public_expense"]


def split_identities(values: dict[str, Value]) -> list[Identity]:
    if _WHOLE not in values or any(p not in values for p in _PARTS):
        return []
    return [Identity(RULE, _WHOLE, list(_PARTS), evidence_only=True)]
