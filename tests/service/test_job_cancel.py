"""Cancelling a job through the API; the job steps then leave it alone."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import update
from svc_support import new_tenant, upload

from service.settings import Settings
from workers import extraction
from workers.db import session_scope
from workers.models import Job
from workers.states import JobPhase


def _cancel(client: TestClient, auth: dict[str, str], job_id: str) -> httpx.Response:
    return client.post(f"/v1/jobs/{job_id}/cancel", headers=auth)


def test_a_queued_job_is_cancelled_once(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = upload(client, auth, pdf).json()["id"]
    cancelled = _cancel(client, auth, job_id)
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["state"] == "failed"
    assert cancelled.json()["errors"][0]["code"] == "cancelled"
    assert client.get(f"/v1/jobs/{job_id}", headers=auth).json()["state"] == "failed"
    # A message already queued for it does nothing.
    assert extraction.start_job(settings, job_id) == extraction.Next()
    assert client.get(f"/v1/jobs/{job_id}", headers=auth).json()["attempts"] == 0
    again = _cancel(client, auth, job_id)
    assert (again.status_code, again.json()["detail"]["code"]) == (409, "not_cancellable")


def test_a_job_being_merged_is_not_cancelled(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = upload(client, auth, pdf).json()["id"]
    with session_scope(settings.database_url) as session:
        session.execute(
            update(Job).where(Job.id == job_id).values(state="running", phase=JobPhase.ASSEMBLE)
        )
    answer = _cancel(client, auth, job_id)
    assert (answer.status_code, answer.json()["detail"]["reason"]) == (
        409,
        "the job is running in phase assemble",
    )


def test_another_tenants_job_is_404(
    client: TestClient, settings: Settings, auth: dict[str, str], pdf: Path
) -> None:
    job_id = upload(client, auth, pdf).json()["id"]
    other = new_tenant(settings, "tenant-b")
    assert _cancel(client, other, job_id).status_code == 404
    assert client.get(f"/v1/jobs/{job_id}", headers=auth).json()["state"] == "queued"
