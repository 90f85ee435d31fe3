"""Job and batch states, job phases, task names: str enums, so the database and JSON values
are the plain strings they always were (`JobState.QUEUED == "queued"`)."""

from __future__ import annotations

from enum import StrEnum


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"
    REJECTED = "rejected"


class JobPhase(StrEnum):
    """pages -> assemble -> done; the conditional move to `assemble` elects one merger."""

    PAGES = "pages"
    ASSEMBLE = "assemble"
    DONE = "done"


class BatchState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class EventState(StrEnum):
    """A webhook event in the outbox: pending until delivered, failed after its last retry,
    cancelled when its endpoint is gone or disabled."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"


TERMINAL_STATES = frozenset(
    {JobState.SUCCEEDED, JobState.PARTIAL, JobState.FAILED, JobState.REJECTED}
)
ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class Task(StrEnum):
    """Celery task names: stable, so messages already queued survive a deployment."""

    EXTRACT_DOCUMENT = "workers.extract_document"
    EXTRACT_PAGES = "workers.extract_pages"
    ASSEMBLE_DOCUMENT = "workers.assemble_document"
    DELIVER_WEBHOOK = "workers.deliver_webhook"
    DISPATCH_WEBHOOKS = "workers.dispatch_webhooks"
    REAP_LEASES = "workers.reap_leases"
