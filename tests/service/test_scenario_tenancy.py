"""Scenario 9: every /v1 endpoint with another tenant's key and ids answers 404; per-tenant
quotas answer 429 with Retry-After and never touch another tenant.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from fastapi.testclient import TestClient
from svc_pdfs import budget_pdf
from svc_stack import db_kind, report
from svc_support import new_tenant, upload

from service.app import create_app
from service.settings import Settings
from workers.db import session_scope
from workers.models import WebhookEndpoint
from workers.webhooks.delivery import deliver_event
from workers.webhooks.outbox import emit


def _owned_ids(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> dict[str, str]:
    job = upload(client, auth, pdf).json()
    hook = client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h"}, headers=auth).json()
    with session_scope(settings.database_url) as session:
        endpoint = session.get(WebhookEndpoint, hook["id"])
        assert endpoint is not None
        (event_id,) = emit(session, endpoint.tenant_id, "job.succeeded", {"data": {}})
    deliver_event(settings, event_id)  # one delivery row to look up
    return {
        "document_id": job["document_id"],
        "job_id": job["id"],
        "endpoint_id": hook["id"],
        "event_id": event_id,
        "page": "1",
    }


def test_every_endpoint_hides_other_tenants(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    ids = _owned_ids(client, settings, auth, pdf)
    intruder = new_tenant(settings, "intruder")
    tried = []
    for path, item in client.get("/openapi.json").json()["paths"].items():
        if not path.startswith("/v1/") or "{" not in path:
            continue
        # Ids of tenant A; a parameter this test does not know gets a made-up id (also 404).
        url = re.sub(r"\{(\w+)\}", lambda m: ids.get(m.group(1), "x_unknown"), path)
        for method in item:
            response = client.request(method.upper(), url, headers=intruder)
            tried.append((method, path, response.status_code))
    wrong = [t for t in tried if t[2] != 404]
    report("9 tenancy", db_kind(settings), endpoints_tried=len(tried), not_404=len(wrong))
    assert len(tried) >= 10 and wrong == []
    assert client.get("/v1/documents", headers=intruder).json() == {"items": []}
    assert client.get("/v1/webhooks", headers=intruder).json() == []
    # The owner still sees everything.
    assert client.get(f"/v1/jobs/{ids['job_id']}", headers=auth).status_code == 200


def _wait_for_fresh_minute() -> None:
    """The upload counter is per clock minute: start well inside one."""
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)


def test_upload_rate_quota_is_per_tenant(settings: Settings, tmp_path: Path) -> None:
    limited = settings.model_copy(update={"tenant_uploads_per_minute": 3})
    client = TestClient(create_app(limited))
    a, b = new_tenant(settings, "busy"), new_tenant(settings, "quiet")
    _wait_for_fresh_minute()
    codes = [
        upload(client, a, budget_pdf(tmp_path / f"a{n}.pdf", marker=f"a{n}")).status_code
        for n in range(4)
    ]
    over = upload(client, a, budget_pdf(tmp_path / "a9.pdf", marker="a9"))
    other = upload(client, b, budget_pdf(tmp_path / "b.pdf", marker="b"))
    assert codes == [202, 202, 202, 429]
    assert over.status_code == 429 and over.json()["detail"]["code"] == "rate_limited"
    assert 1 <= int(over.headers["Retry-After"]) <= 61
    assert other.status_code == 202


def test_queued_jobs_quota_is_per_tenant(settings: Settings, tmp_path: Path) -> None:
    limited = settings.model_copy(update={"tenant_max_queued_jobs": 2})
    client = TestClient(create_app(limited))
    a, b = new_tenant(settings, "flood"), new_tenant(settings, "calm")
    codes = [
        upload(client, a, budget_pdf(tmp_path / f"q{n}.pdf", marker=f"q{n}")).status_code
        for n in range(3)
    ]
    third = upload(client, a, budget_pdf(tmp_path / "q9.pdf", marker="q9"))
    assert codes == [202, 202, 429]
    assert third.json()["detail"]["code"] == "too_many_queued" and third.headers["Retry-After"]
    assert upload(client, b, budget_pdf(tmp_path / "c.pdf", marker="c")).status_code == 202
