"""The job steps run in-process on a real PDF: batches, merge, attempt counter, reaper."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_pdfs import budget_pdf
from svc_support import upload

from service.settings import Settings
from workers import extraction, reaper
from workers.db import session_scope
from workers.models import Job, PageBatch, Result, WebhookEvent, utcnow


def _queue(client: TestClient, auth: dict[str, str], path: Path) -> str:
    response = upload(client, auth, path)
    assert response.status_code == 202, response.text
    job_id: str = response.json()["id"]
    return job_id


def _job(settings: Settings, job_id: str) -> Job:
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def test_batches_then_merge(
    client: TestClient, settings: Settings, auth: dict[str, str], tmp_path: Path
) -> None:
    job_id = _queue(client, auth, budget_pdf(tmp_path / "three.pdf", pages=3, marker="m"))
    step = extraction.start_job(settings, job_id)
    assert step.batches == [0, 1, 2] and not step.assemble  # batch_pages=1
    assert extraction.start_job(settings, job_id).batches == []  # live lease: a no-op
    finals = [extraction.run_batch(settings, job_id, i).assemble for i in (2, 0, 1)]
    assert finals == [False, False, True]
    assert extraction.run_batch(settings, job_id, 1).assemble  # a duplicate is harmless
    extraction.merge_job(settings, job_id)
    assert extraction.merge_job(settings, job_id).events == []  # merged once only
    job = _job(settings, job_id)
    assert job.state == "succeeded", job.errors
    assert job.pages_done == job.pages_total == 3
    with session_scope(settings.database_url) as session:
        results = session.scalars(select(Result).where(Result.job_id == job_id)).all()
        assert len(results) == 1 and results[0].body["document"]["page_count"] == 3
    body = client.get(f"/v1/documents/{job.document_id}/result", headers=auth)
    assert body.status_code == 200 and body.headers["X-Result-Version"] == "1"
    csv = client.get(f"/v1/documents/{job.document_id}/result.csv", headers=auth).content
    # UTF-8 with a byte-order mark, so Excel shows the Chinese names
    assert csv.startswith(b"\xef\xbb\xbfpath,value,raw,unit")
    xlsx = client.get(f"/v1/documents/{job.document_id}/result.xlsx", headers=auth)
    assert xlsx.content[:2] == b"PK"


def test_poison_job_fails_after_max_attempts(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    hook = client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/h"}, headers=auth).json()
    job_id = _queue(client, auth, pdf)
    for attempt in range(1, settings.max_attempts + 2):
        extraction.start_job(settings, job_id)
        # Simulate the worker dying mid-job: the lease runs out, nothing else changes.
        with session_scope(settings.database_url) as session:
            job = session.get(Job, job_id)
            assert job is not None
            assert job.attempts == attempt
            job.lease_until = utcnow() - timedelta(seconds=1)
    job = _job(settings, job_id)
    assert job.state == "failed"
    assert job.errors[0]["stage"] == "job" and "attempts" in job.errors[0]["reason"]
    with session_scope(settings.database_url) as session:
        events = session.scalars(
            select(WebhookEvent).where(WebhookEvent.endpoint_id == hook["id"])
        ).all()
        assert [e.type for e in events] == ["job.failed"]  # written with the state change


def test_poison_batch_fails_its_pages_and_job_is_partial(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = _queue(client, auth, pdf)
    extraction.start_job(settings, job_id)
    with session_scope(settings.database_url) as session:
        batch = session.scalars(
            select(PageBatch).where(PageBatch.job_id == job_id, PageBatch.index == 1)
        ).one()
        batch.attempts = settings.max_attempts  # it killed the worker that many times
    assert not extraction.run_batch(settings, job_id, 1).assemble
    assert extraction.run_batch(settings, job_id, 0).assemble
    extraction.merge_job(settings, job_id)
    job = _job(settings, job_id)
    assert job.state == "partial"
    assert job.errors == [
        {
            "page": 2,
            "stage": "read_pages",
            "reason": f"gave up after {settings.max_attempts} attempts (worker lost or timed out)",
        }
    ]


def test_reaper_finds_expired_leases(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = _queue(client, auth, pdf)
    assert job_id not in reaper.expired_jobs(settings)
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        assert job is not None
        job.lease_until = utcnow() - timedelta(seconds=1)
    assert job_id in reaper.expired_jobs(settings)
    assert job_id not in reaper.expired_jobs(settings)  # lease pushed: not sent twice


def test_file_gone_bad_in_store_is_rejected(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = _queue(client, auth, pdf)
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        assert job is not None
        from workers.models import Document

        doc = session.get(Document, job.document_id)
        assert doc is not None
        sha = doc.sha256
    extraction.pdf_path(settings, sha).write_bytes(b"not a pdf any more")
    extraction.start_job(settings, job_id)
    job = _job(settings, job_id)
    assert job.state == "rejected" and job.errors[0]["code"] == "not_pdf"
