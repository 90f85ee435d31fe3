"""Uploads, limits, idempotency, auth and tenant isolation, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_pdfs import budget_pdf
from svc_support import new_tenant, upload, with_limits

from service.app import create_app
from service.settings import Settings
from workers.db import session_scope
from workers.models import ApiKey, Job


def test_upload_queues_a_job(client: TestClient, auth: dict[str, str], pdf: Path) -> None:
    response = upload(client, auth, pdf)
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["Location"] == f"/v1/jobs/{job['id']}"
    assert job["state"] == "queued"
    assert job["pages_total"] == 2
    got = client.get(f"/v1/jobs/{job['id']}", headers=auth)
    assert got.status_code == 200
    assert got.json()["document_id"] == job["document_id"]
    listed = client.get("/v1/documents", headers=auth, params={"state": "queued"}).json()
    assert [d["id"] for d in listed["items"]] == [job["document_id"]]
    assert client.get("/v1/documents", headers=auth, params={"state": "failed"}).json() == {
        "items": []
    }


def test_idempotency_key(client: TestClient, auth: dict[str, str], tmp_path: Path) -> None:
    first_pdf = budget_pdf(tmp_path / "a.pdf", marker="a")
    other_pdf = budget_pdf(tmp_path / "b.pdf", marker="b")
    first = upload(client, auth, first_pdf, key="k-1")
    again = upload(client, auth, first_pdf, key="k-1")
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    conflict = upload(client, auth, other_pdf, key="k-1")
    assert conflict.status_code == 409
    assert conflict.json()["detail"]["code"] == "idempotency_conflict"
    # Without a key, the same file is a new job on the same (content-addressed) document.
    plain = upload(client, auth, first_pdf)
    assert plain.json()["id"] != first.json()["id"]
    assert plain.json()["document_id"] == first.json()["document_id"]


def test_too_large_is_413(settings: Settings, pdf: Path) -> None:
    small = with_limits(settings, max_bytes=1000)
    with TestClient(create_app(small)) as client:
        response = upload(client, new_tenant(small), pdf)
    assert response.status_code == 413
    assert response.json()["detail"]["code"] == "too_large"


def test_too_many_pages_is_422(settings: Settings, pdf: Path) -> None:
    one_page = with_limits(settings, max_pages=1)
    with TestClient(create_app(one_page)) as client:
        response = upload(client, new_tenant(one_page), pdf)
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "too_many_pages"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"hello, not a pdf", "not_pdf"),
        (b"%PDF-1.7\n1 0 obj garbage that is no PDF at all\n", "corrupt"),
    ],
)
def test_bad_files_are_422(
    client: TestClient, auth: dict[str, str], tmp_path: Path, content: bytes, code: str
) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    response = upload(client, auth, path)
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == code
    assert response.json()["detail"]["reason"]


def test_encrypted_is_422(client: TestClient, auth: dict[str, str], tmp_path: Path) -> None:
    path = budget_pdf(tmp_path / "locked.pdf", password="secret")
    response = upload(client, auth, path)
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "encrypted"


def test_auth_is_required(client: TestClient, settings: Settings, pdf: Path) -> None:
    assert upload(client, {}, pdf).status_code == 401
    assert upload(client, {"Authorization": "Bearer bl_nope"}, pdf).status_code == 401
    auth = new_tenant(settings, "revoked")
    with session_scope(settings.database_url) as session:
        key = session.scalars(select(ApiKey).order_by(ApiKey.created_at.desc())).first()
        assert key is not None
        from service.auth import revoke_key

        assert revoke_key(session, key.id)
    assert client.get("/v1/documents", headers=auth).status_code == 401


def test_other_tenants_see_404(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job = upload(client, auth, pdf).json()
    intruder = new_tenant(settings, "tenant-b")
    doc = job["document_id"]
    for url in (
        f"/v1/jobs/{job['id']}",
        f"/v1/documents/{doc}",
        f"/v1/documents/{doc}/result",
        f"/v1/documents/{doc}/result.csv",
        f"/v1/documents/{doc}/pages/1.png",
    ):
        assert client.get(url, headers=intruder).status_code == 404, url
    assert client.get("/v1/documents", headers=intruder).json() == {"items": []}


def test_page_png_is_rendered_and_cached(
    client: TestClient, auth: dict[str, str], pdf: Path
) -> None:
    doc = upload(client, auth, pdf).json()["document_id"]
    first = client.get(f"/v1/documents/{doc}/pages/1.png", headers=auth)
    assert first.status_code == 200
    assert first.content.startswith(b"\x89PNG")
    assert client.get(f"/v1/documents/{doc}/pages/1.png", headers=auth).content == first.content
    assert client.get(f"/v1/documents/{doc}/pages/3.png", headers=auth).status_code == 404


def test_result_before_extraction_is_404(
    client: TestClient, auth: dict[str, str], pdf: Path
) -> None:
    doc = upload(client, auth, pdf).json()["document_id"]
    assert client.get(f"/v1/documents/{doc}/result", headers=auth).status_code == 404


def test_job_enqueued_after_commit(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    import json

    import redis

    job = upload(client, auth, pdf).json()
    messages = redis.Redis.from_url(settings.broker_url).lrange("extract", 0, -1)
    tasks = [json.loads(m)["headers"] for m in messages]
    assert {"task": "workers.extract_document", "id": tasks[-1]["id"]}.items() <= tasks[-1].items()
    assert job["id"] in tasks[-1]["argsrepr"]
    with session_scope(settings.database_url) as session:
        assert session.get(Job, job["id"]) is not None


def test_health_ready_metrics_docs(settings: Settings) -> None:
    client = TestClient(create_app(settings.model_copy(update={"metrics_token": "m-token"})))
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer nope"}).status_code == 404
    metrics = client.get("/metrics", headers={"Authorization": "Bearer m-token"}).text
    assert 'budgetlens_queue_depth{queue="extract"}' in metrics
    assert 'budgetlens_jobs{state="queued"}' in metrics
    assert "budgetlens_webhook_delivery_failures_total" in metrics
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/v1/documents" in paths and "/v1/webhooks" in paths
