"""Helpers shared by the service tests: tenants with keys, uploads."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from service.auth import create_key, create_tenant
from service.settings import Settings
from workers.db import session_scope


def new_tenant(settings: Settings, name: str = "t") -> dict[str, str]:
    with session_scope(settings.database_url) as session:
        tenant = create_tenant(session, name)
        _, key = create_key(session, tenant.id)
    return {"Authorization": f"Bearer {key}"}


def upload(
    client: TestClient | httpx.Client, auth: dict[str, str], path: Path, key: str | None = None
) -> httpx.Response:
    headers = dict(auth) | ({"Idempotency-Key": key} if key else {})
    with path.open("rb") as fh:
        return client.post(
            "/v1/documents", files={"file": (path.name, fh, "application/pdf")}, headers=headers
        )


def with_limits(settings: Settings, **limits: int) -> Settings:
    """`settings` with other input limits (`max_bytes`, `max_pages`)."""
    pipeline = settings.pipeline.model_copy(update=limits)
    return settings.model_copy(update={"pipeline": pipeline})
