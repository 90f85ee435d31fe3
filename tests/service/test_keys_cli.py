"""`python -m service.keys create|revoke|list` against a migrated database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def keys(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"DATABASE_URL": settings.database_url, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "service.keys", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_create_use_revoke(settings: Settings, client: TestClient) -> None:
    created = keys(settings, "create", "--tenant", "cli-tenant")
    assert created.returncode == 0, created.stderr
    fields = dict(line.split(" ", 1) for line in created.stdout.splitlines())
    auth = {"Authorization": f"Bearer {fields['api_key']}"}
    response: httpx.Response = client.get("/v1/documents", headers=auth)
    assert response.status_code == 200
    assert fields["key_id"] in keys(settings, "list").stdout
    assert keys(settings, "revoke", fields["key_id"]).returncode == 0
    assert client.get("/v1/documents", headers=auth).status_code == 401
    assert keys(settings, "revoke", fields["key_id"]).returncode == 1
