"""Request and response bodies, in role families (XCreate / XPublic)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class _Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PageError(BaseModel):
    page: int | None
    stage: str
    reason: str
    code: str | None = None


class JobPublic(_Public):
    id: str
    document_id: str
    state: str
    attempts: int
    pages_done: int
    pages_total: int
    errors: list[PageError]
    created_at: datetime
    finished_at: datetime | None


class DocumentPublic(_Public):
    id: str
    sha256: str
    filename: str
    n_bytes: int
    page_count: int
    department: str | None
    fiscal_year: int | None
    created_at: datetime
    state: str | None = Field(None, description="State of the latest job")
    latest_job_id: str | None = None


class DocumentList(BaseModel):
    items: list[DocumentPublic]


class ResultPublic(BaseModel):
    document_id: str
    job_id: str
    version: int
    created_at: datetime
    result: dict[str, Any] = Field(description="A BudgetDocument (see schemas/budget.schema.json)")


class WebhookCreate(BaseModel):
    url: HttpUrl
    events: list[str] = Field(default_factory=list, description="Empty: every event type")


class WebhookPublic(_Public):
    id: str
    url: str
    events: list[str]
    enabled: bool
    disabled_reason: str | None
    created_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="whsec_… signing secret; shown only once")


class WebhookEventPublic(_Public):
    id: str
    type: str
    state: str
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    payload: dict[str, Any]


class DeliveryPublic(_Public):
    id: int
    event_id: str
    attempt: int
    status_code: int | None
    ok: bool
    error: str | None
    duration_ms: int
    created_at: datetime


class ErrorDetail(BaseModel):
    reason: str = Field(description="What was wrong, for a person")
    code: str = Field(description="What was wrong, for a program: too_large, not_pdf, …")


class Problem(BaseModel):
    """The body of every error this API answers with a reason: `{"detail": {"reason", "code"}}`."""

    detail: ErrorDetail


class ValidationIssue(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationProblem(BaseModel):
    """FastAPI's own 422 for a malformed request (a missing field, a wrong type)."""

    detail: list[ValidationIssue]
