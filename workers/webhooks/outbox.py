"""Write webhook events into the outbox inside the caller's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workers.models import Job, WebhookEndpoint, WebhookEvent, new_id, utcnow
from workers.states import JobState

EVENT_TYPES = ("job.succeeded", "job.partial", "job.failed", "review.completed")
_EVENT_FOR_STATE: dict[str, str] = {
    JobState.SUCCEEDED: "job.succeeded",
    JobState.PARTIAL: "job.partial",
    JobState.FAILED: "job.failed",
    JobState.REJECTED: "job.failed",
}


def job_payload(job: Job, event_type: str, at: datetime) -> dict[str, Any]:
    return {
        "type": event_type,
        "timestamp": at.isoformat(),
        "data": {
            "job_id": job.id,
            "document_id": job.document_id,
            "state": job.state,
            "pages_total": job.pages_total,
            "errors": job.errors,
            "result_url": f"/v1/documents/{job.document_id}/result",
        },
    }


def emit_for_job(session: Session, job: Job) -> list[str]:
    """One outbox row per subscribed endpoint; the caller commits, then enqueues the ids."""
    event_type = _EVENT_FOR_STATE.get(job.state)
    if event_type is None:
        return []
    now = utcnow()
    payload = job_payload(job, event_type, now)
    return emit(session, job.tenant_id, event_type, payload)


def emit(session: Session, tenant_id: str, event_type: str, payload: dict[str, Any]) -> list[str]:
    endpoints = session.scalars(
        select(WebhookEndpoint).where(
            WebhookEndpoint.tenant_id == tenant_id,
            WebhookEndpoint.enabled.is_(True),
            WebhookEndpoint.deleted_at.is_(None),
        )
    )
    ids: list[str] = []
    for endpoint in endpoints:
        if endpoint.events and event_type not in endpoint.events:
            continue
        event = WebhookEvent(
            id=new_id("msg"),
            tenant_id=tenant_id,
            endpoint_id=endpoint.id,
            type=event_type,
            payload=payload,
        )
        session.add(event)
        ids.append(event.id)
    return ids
