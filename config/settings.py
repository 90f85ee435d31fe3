"""Every setting of the service and the workers: one typed object, one name per setting.

Each field is read from the upper-case environment variable of its name (`DATABASE_URL`);
the pipeline's part from `BUDGETLENS_*` (config/pipeline.py). Reading happens when a
`Settings()` is made, by the process that needs it, never at import.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from config.pipeline import PipelineSettings

_DEFAULT_VAR = Path("var")


class _FlatEnv(EnvSettingsSource):
    """The environment, except for the nested part: it reads its own `BUDGETLENS_*`
    variables, and a stray PIPELINE variable (some CI systems set one) is not JSON for it."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        if field_name == "pipeline":
            return None, field_name, False
        return super().get_field_value(field, field_name)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_ignore_empty=True, extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{_DEFAULT_VAR / 'budgetlens.db'}",
        description="SQLAlchemy URL: `sqlite:///…` or `postgresql+psycopg://…`",
    )
    redis_url: str | None = Field(
        default=None, description="broker; unset: scripts/run_service.py starts a local Redis"
    )
    store_dir: Path = Field(default=_DEFAULT_VAR / "store", description="uploaded PDFs, PNG cache")
    batch_pages: int = Field(
        default=5,
        description="pages per extraction task: small enough that two workers end together",
    )
    max_attempts: int = Field(default=3, description="tries before a job or batch is failed")
    lease_seconds: int = Field(
        default=300, description="a job or batch not heard from this long is taken over"
    )
    task_time_limit: int = Field(default=1800, description="hard limit per task, seconds")
    worker_max_memory_mb: int = Field(
        default=3072, description="RLIMIT_AS of each extraction process; 0 = no limit"
    )
    page_time_limit: float = Field(default=120.0, description="seconds per page; 0 = no limit")
    max_decompressed_mb: int = Field(default=256, description="cap on one decoded PDF stream")
    render_max_pixels: int = Field(default=25_000_000, description="cap on a page image")
    render_time_limit: float = Field(default=20.0, description="seconds to render a page image")
    tenant_uploads_per_minute: int = Field(default=120, description="0 = no limit")
    tenant_max_queued_jobs: int = Field(
        default=1000, description="queued + running jobs per tenant; 0 = no limit"
    )
    metrics_token: str | None = Field(
        default=None, description="bearer token for /metrics; unset: loopback clients only"
    )
    webhook_allow_loopback: bool = Field(
        default=False,
        description="allow webhook URLs on loopback and private addresses (local tests only)",
    )
    webhook_timeout_seconds: float = Field(default=10.0, description="per delivery attempt")
    # Standard Webhooks' suggested schedule: ~27 h in all.
    webhook_retry_seconds: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [0, 5, 300, 1800, 7200, 18000, 36000, 36000],
        description="delays of the delivery attempts, comma-separated seconds",
    )
    log_level: str = Field(default="INFO", description="JSON logs at this level and above")
    environment: str = Field(
        default="development",
        description="`production` refuses WEBHOOK_ALLOW_LOOPBACK and marks the review session"
        " cookie `Secure`",
    )
    pipeline: PipelineSettings = Field(
        default_factory=PipelineSettings,
        description="the extraction pipeline's part (`BUDGETLENS_*`)",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, _FlatEnv(settings_cls))

    @field_validator("webhook_retry_seconds", mode="before")
    @classmethod
    def _comma_separated(cls, raw: Any) -> Any:
        if isinstance(raw, str):
            return [int(part) for part in raw.split(",") if part.strip()]
        return raw

    @property
    def broker_url(self) -> str:
        if not self.redis_url:
            raise RuntimeError("REDIS_URL is not set (scripts/run_service.py sets it for you)")
        return self.redis_url

    @classmethod
    def from_env(cls) -> Settings:
        """The environment's settings (the same as `Settings()`; kept for callers' clarity)."""
        return cls()
