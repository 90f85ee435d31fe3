"""Review one real document's queue end to end through the corrections API.

    python benchmarks/bench_review.py [PDF] [--threshold T] [--json EXTRACTED.json] [--out MD]

The document is extracted (or read from --json, e.g. made by another extractor version),
stored as a finished job in a throw-away SQLite database, and its open items are worked
through in the queue's risk order by a model reviewer: a value is corrected when one figure
for it makes every identity it fails hold (what a person sees on the page when the
publisher misprinted or we misread it), otherwise confirmed as read. After each action the
service re-runs the identities; the table shows how many open items each action closed
by evidence.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from svc_review import PUTUO, account, stored_document  # noqa: E402

from extractors.numbers import UNIT_FACTORS  # noqa: E402
from extractors.options import PipelineOptions  # noqa: E402
from extractors.pipeline import extract_document  # noqa: E402
from extractors.validation.recheck import outcomes_of  # noqa: E402
from schemas import BudgetDocument  # noqa: E402
from service.app import create_app  # noqa: E402
from service.review.edits import amount_at  # noqa: E402
from service.review.queue import open_items  # noqa: E402
from service.settings import Settings  # noqa: E402


def one_figure_fix(doc: BudgetDocument, path: str) -> Decimal | None:
    """The value at `path` that makes every identity it fails hold, if one value does."""
    amount = amount_at(doc, path)
    failing = [o for o in outcomes_of(doc) if not o.passed]
    needed = set()
    for outcome in failing:
        if path == outcome.identity.total:
            needed.add(amount.value - outcome.difference)  # type: ignore[union-attr]
        elif path in outcome.identity.parts:
            needed.add(amount.value + outcome.difference)  # type: ignore[union-attr]
    if len(needed) != 1:
        return None
    value = needed.pop()
    return value if value >= 0 else None


def review(client: TestClient, auth: dict[str, str], doc_id: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    while True:
        answer = client.get(f"/v1/documents/{doc_id}/result?version=reviewed", headers=auth)
        doc = BudgetDocument.model_validate(answer.json())
        queue = open_items(doc)
        if not queue:
            return steps
        item = queue[0]
        fix = one_figure_fix(doc, item.path)
        unit = item.amount.unit
        body: dict[str, Any] = {"action": "confirm"}
        if fix is not None and fix != item.amount.value:
            body = {"raw": f"{fix / UNIT_FACTORS[unit]:,.2f}", "unit": unit}
        started = time.perf_counter()
        change = client.patch(f"/v1/documents/{doc_id}/values/{item.path}",
                              headers=auth | {"If-Match": answer.headers["etag"]},
                              json=body).json()  # fmt: skip
        steps.append({"path": item.path, "action": body.get("action", "correct"),
                      "raw": item.amount.raw, "to": body.get("raw", ""),
                      "evidence": len(change["confirmed_by_evidence"]),
                      "open": change["open_items"],
                      "ms": 1000 * (time.perf_counter() - started)})  # fmt: skip


def markdown(name: str, start: int, steps: list[dict[str, Any]]) -> str:
    corrections = [s for s in steps if s["action"] == "correct"]
    evidence = sum(s["evidence"] for s in steps)
    lines = [f"## {name}", "",
             f"open items at the start: {start}; reviewer actions: {len(steps)} "
             f"({len(corrections)} corrections, {len(steps) - len(corrections)} confirmations); "
             f"closed by evidence: {evidence}", "",
             "| # | item | printed | action | open items closed by evidence | open after | ms |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for i, s in enumerate(steps, 1):
        action = f"correct → {s['to']}" if s["action"] == "correct" else "confirm"
        lines.append(f"| {i} | `{s['path']}` | {s['raw']} | {action} | {s['evidence']} "
                     f"| {s['open']} | {s['ms']:.0f} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdf", nargs="?", type=Path, default=PUTUO)
    parser.add_argument("--json", type=Path, help="an extraction of PDF made elsewhere")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--threshold", type=float, help="review threshold (default 0.9)")
    args = parser.parse_args()
    options = PipelineOptions(review_threshold=args.threshold or 0.9)
    body = (
        json.loads(args.json.read_text())
        if args.json
        else extract_document(args.pdf, options).model_dump(mode="json")
    )
    tmp = Path(tempfile.mkdtemp(prefix="bench_review_"))
    url = f"sqlite:///{tmp / 'review.db'}"
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")
    # No webhook endpoints are registered, so nothing is ever sent to this broker.
    settings = Settings(database_url=url, redis_url="redis://127.0.0.1:9/0", store_dir=tmp)
    who = account(settings, "bench")
    doc_id = stored_document(settings, who.tenant_id, args.pdf, body)
    with TestClient(create_app(settings)) as client:
        steps = review(client, who.api, doc_id)
    text = markdown(args.pdf.name, body["review"]["needs_review"], steps)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
