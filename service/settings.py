"""All service and worker settings, read from the environment in one place.

pydantic-settings is not a dependency, so `Settings.from_env()` maps variables by hand;
every field name is the upper-case environment variable of the same name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

_DEFAULT_VAR = Path("var")


class Settings(BaseModel):
    database_url: str = Field(
        default=f"sqlite:///{_DEFAULT_VAR / 'budgetlens.db'}",
        description="SQLAlchemy URL; sqlite:///… or postgresql+psycopg://…",
    )
    redis_url: str | None = Field(
        default=None, description="None: scripts/run_service.py starts a local redis-server"
    )
    store_dir: Path = Field(default=_DEFAULT_VAR / "store", description="Uploaded PDFs, PNG cache")
    max_upload_bytes: int = 100 * 1024 * 1024
    max_pages: int = 2000
    batch_pages: int = Field(
        default=5,
        description="Pages per extraction task: small enough that two workers end together",
    )
    max_attempts: int = Field(default=3, description="Tries before a job or batch is failed")
    lease_seconds: int = Field(default=300, description="A running job not heard from is re-queued")
    task_time_limit: int = Field(default=1800, description="Hard limit per task, seconds")
    worker_max_memory_mb: int = Field(
        default=3072, description="RLIMIT_AS for extraction child processes; 0 = no limit"
    )
    page_time_limit: float = Field(default=120.0, description="Seconds per page; 0 = no limit")
    max_decompressed_mb: int = Field(default=256, description="Cap on one decoded PDF stream")
    render_max_pixels: int = Field(default=25_000_000, description="Cap on a page image")
    render_time_limit: float = Field(default=20.0, description="Seconds to render a page image")
    tenant_uploads_per_minute: int = Field(default=120, description="0 = no limit")
    tenant_max_queued_jobs: int = Field(default=1000, description="Queued+running; 0 = no limit")
    metrics_token: str | None = Field(
        default=None, description="Bearer token for /metrics; unset: loopback clients only"
    )
    webhook_allow_loopback: bool = False
    webhook_timeout_seconds: float = 10.0
    # Standard Webhooks' suggested schedule: ~27 h in all.
    webhook_retry_seconds: list[int] = Field(
        default_factory=lambda: [0, 5, 300, 1800, 7200, 18000, 36000, 36000]
    )
    log_level: str = "INFO"
    environment: str = Field(default="development", description="development | production")

    @property
    def broker_url(self) -> str:
        if not self.redis_url:
            raise RuntimeError("REDIS_URL is not set (scripts/run_service.py sets it for you)")
        return self.redis_url

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            raw = env.get(name.upper())
            if raw is None or raw == "":
                continue
            if name == "webhook_retry_seconds":
                values[name] = [int(part) for part in raw.split(",") if part.strip()]
            else:
                values[name] = raw
        return cls.model_validate(values)
