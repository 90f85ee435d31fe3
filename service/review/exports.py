"""The corrections as training data: what was printed where, what we read, what is right."""

from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from workers.models import Document
from workers.review_models import Correction

COLUMNS = ["document_id", "sha256", "filename", "path", "action", "old_raw", "old_value",
           "new_raw", "new_value", "unit", "page", "bbox", "table_id", "row", "col",
           "method", "actor", "reason", "at"]  # fmt: skip


def corrections_csv(session: Session, tenant: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    rows = session.execute(
        select(Correction, Document)
        .join(Document, Document.id == Correction.document_id)
        .where(Correction.tenant_id == tenant)
        .order_by(Correction.id)
    )
    for row, document in rows:
        src = row.source or {}
        bbox = json.dumps(src.get("bbox")) if src.get("bbox") else ""
        writer.writerow([
            row.document_id, document.sha256, document.filename, row.path, row.action,
            row.old_raw, row.old_value, row.new_raw, row.new_value, row.unit,
            src.get("page"), bbox, src.get("table_id"), src.get("row"), src.get("col"),
            src.get("method"), row.actor, row.reason, row.created_at.isoformat(),
        ])  # fmt: skip
    return out.getvalue()
