"""Corrections survive a re-extraction of the same file: re-applied by path, in order.

A correction is re-applied where the new extraction still reads what the reviewer saw
(or already reads the corrected figure); where it now reads something else, the
correction is still applied and the conflict is flagged; where the path is gone, it is
flagged and left out. A confirmation only holds for the figure that was confirmed."""

from __future__ import annotations

from typing import Any

from schemas import BudgetDocument
from service.review.edits import ValueEdit, amount_at, apply_edit
from workers.review_models import Correction


def finding_key(rule: str, paths: list[str]) -> str:
    return f"finding:{rule}:{paths[0] if paths else ''}"


def reapply(doc: BudgetDocument, corrections: list[Correction]) -> list[dict[str, Any]]:
    conflicts: list[dict[str, Any]] = []
    for row in corrections:
        current = amount_at(doc, row.path)
        if current is None:
            conflicts.append(_conflict(row, None, "the new extraction has no value at this path"))
            continue
        now = f"{current.value:.2f}"
        if row.action == "correct":
            if now not in (row.old_value, row.new_value):
                conflicts.append(_conflict(row, now, "re-extraction reads another figure; kept"))
            apply_edit(doc, row.path, ValueEdit(raw=row.new_raw, unit=row.unit))
        elif now == row.old_value:
            apply_edit(doc, row.path, ValueEdit(action=row.action))
        else:
            conflicts.append(_conflict(row, now, f"{row.action} was for another figure; dropped"))
    return conflicts


def _conflict(row: Correction, now: str | None, reason: str) -> dict[str, Any]:
    return {
        "correction_id": row.id,
        "path": row.path,
        "action": row.action,
        "was": row.old_value,
        "corrected_to": row.new_value,
        "extracted_now": now,
        "reason": reason,
        "actor": row.actor,
    }
