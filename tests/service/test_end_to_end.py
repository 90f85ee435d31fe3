"""Upload -> real Celery worker (subprocess) -> result -> signed webhook on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from svc_pdfs import budget_pdf
from svc_receiver import receiver
from svc_support import upload

from service.settings import Settings
from workers.webhooks import signing

ROOT = Path(__file__).resolve().parents[2]


def worker_env(settings: Settings) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": settings.broker_url,
        "STORE_DIR": str(settings.store_dir),
        "WEBHOOK_ALLOW_LOOPBACK": "true",
        "BATCH_PAGES": str(settings.batch_pages),
        "WEBHOOK_RETRY_SECONDS": "0,1,1",
    }


@pytest.fixture
def worker(settings: Settings, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = (tmp_path / "worker.log").open("wb")
    cmd = [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
           "-Q", "extract,webhooks,maintenance", "-c", "2", "-n", f"test-{os.getpid()}@%h",
           "--loglevel", "INFO"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=worker_env(settings), stdout=log, stderr=log)
    yield proc
    proc.terminate()
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()
    if proc.returncode not in (0, -15):
        print((tmp_path / "worker.log").read_text()[-4000:])


def wait_for_job(client: TestClient, auth: dict[str, str], job_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job: dict[str, object] = client.get(f"/v1/jobs/{job_id}", headers=auth).json()
        if job["state"] not in ("queued", "running"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not finish: {job}")


def test_upload_to_webhook(
    client: TestClient,
    auth: dict[str, str],
    tmp_path: Path,
    worker: subprocess.Popen[bytes],
) -> None:
    with receiver() as hook:
        registered = client.post("/v1/webhooks", json={"url": hook.url}, headers=auth).json()
        pdf = budget_pdf(tmp_path / "e2e.pdf", pages=3, marker="e2e")
        job = upload(client, auth, pdf).json()
        done = wait_for_job(client, auth, job["id"])
        assert done["state"] == "succeeded", done
        assert done["pages_done"] == done["pages_total"] == 3
        result = client.get(f"/v1/documents/{job['document_id']}/result", headers=auth)
        assert result.status_code == 200
        assert result.json()["document"]["page_count"] == 3
        assert hook.got_one.wait(30), "no webhook arrived"
    request = hook.requests[0]
    assert signing.verify(registered["secret"], request.headers, request.body, int(time.time()))
    payload = json.loads(request.body)
    assert payload["type"] == "job.succeeded"
    assert payload["data"]["job_id"] == job["id"]
    listed = client.get("/v1/documents", headers=auth, params={"state": "succeeded"}).json()
    assert [d["id"] for d in listed["items"]] == [job["document_id"]]
    assert worker.poll() is None, "the worker died"
