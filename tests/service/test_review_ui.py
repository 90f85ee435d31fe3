"""Queue filters and ordering, rendered by the server for a signed-in reviewer."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from svc_login import login
from svc_review import account, stored_document

from service.settings import Settings

ITEM = re.compile(r'<a href="/review/documents/[^/]+/items/([^"]+)">')


def listed(client: TestClient, query: str) -> list[str]:
    page = client.get(f"/review?{query}")
    assert page.status_code == 200
    return ITEM.findall(page.text)


def test_queue_filters_and_risk_order(client: TestClient, settings: Settings) -> None:
    who = account(settings, "queue")
    stored_document(settings, who.tenant_id)
    login(client, who.email)
    open_items = listed(client, "")
    # Failed checks and the lowest confidence first: the misprinted 项目支出 (2 checks failed).
    assert open_items[0] == "expenditure_by_function.2040601.project"
    row_sum = listed(client, "check=expenditure_by_function.row_sum")
    assert set(row_sum) == {
        f"expenditure_by_function.2040601.{f}" for f in ("total", "basic", "project")
    }
    assert listed(client, "table_kind=three_public") == []
    assert set(listed(client, "table_kind=expenditure_summary")) >= set(row_sum)
    accepted = listed(client, "status=accepted")
    assert accepted and not set(accepted) & set(open_items)
    assert listed(client, "department=司法局&year=2026")[:1] == open_items[:1]
    assert listed(client, "department=no-such-department") == []
    assert "上海市普陀区司法局" not in client.get("/review?year=1999").text
