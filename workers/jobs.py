"""The job system's own API: create a job, enqueue it, cancel it.

The HTTP service calls these instead of writing job rows and leases itself. The job row
is the truth and is committed first; a message only wakes a worker, so a broker that is
down costs a delay (the reaper re-sends queued jobs whose lease ran out), never the job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from celery import Celery
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workers.claims import claim, lease_until
from workers.models import Document, Job, new_id, utcnow
from workers.states import ACTIVE_STATES, JobPhase, JobState, Task
from workers.store import FileStore
from workers.webhooks.outbox import emit_for_job

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class NewJob:
    """An accepted upload: the checked PDF (already spooled to `pdf`) and who sent it."""

    tenant: str
    pdf: Path
    sha256: str
    n_bytes: int
    page_count: int
    filename: str = ""
    idempotency_key: str | None = None


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different body."""


def replay(session: Session, tenant: str, key: str | None, sha256: str) -> Job | None:
    """The job an earlier request with this Idempotency-Key created, if any."""
    if key is None:
        return None
    job = session.scalars(
        select(Job).where(Job.tenant_id == tenant, Job.idempotency_key == key)
    ).first()
    if job is not None and job.request_sha256 != sha256:
        raise IdempotencyConflict(key)
    return job


def create(session: Session, store: FileStore, lease_seconds: int, new: NewJob) -> tuple[Job, bool]:
    """Store the PDF, then commit its document and a queued job; False: a concurrent twin with
    the same Idempotency-Key won the race, and its job is returned (not to be enqueued again).
    """
    store.put_pdf(new.sha256, new.pdf)
    document = _document(session, new)
    job = Job(
        id=new_id("job"),
        tenant_id=new.tenant,
        document_id=document.id,
        pages_total=new.page_count,
        idempotency_key=new.idempotency_key,
        request_sha256=new.sha256,
        # A job nobody picks up within the lease is re-sent by the reaper (lost message).
        lease_until=lease_until(utcnow(), lease_seconds),
    )
    session.add(job)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        twin = replay(session, new.tenant, new.idempotency_key, new.sha256)
        if twin is None:
            raise
        return twin, False
    return job, True


def _document(session: Session, new: NewJob) -> Document:
    """The tenant's document with these bytes (content-addressed), made if new."""
    found = session.scalars(
        select(Document).where(Document.tenant_id == new.tenant, Document.sha256 == new.sha256)
    ).first()
    if found is not None:
        return found
    document = Document(
        id=new_id("doc"),
        tenant_id=new.tenant,
        sha256=new.sha256,
        filename=new.filename[:500],
        n_bytes=new.n_bytes,
        page_count=new.page_count,
    )
    session.add(document)
    try:
        session.flush()
    except IntegrityError:
        session.rollback()
        return _document(session, new)
    return document


def enqueue(celery: Celery, job_id: str) -> bool:
    """Wake a worker for a committed job; False if the broker is down (the reaper sends it)."""
    return send_or_defer(celery, Task.EXTRACT_DOCUMENT, [job_id])


def cancel(session: Session, job_id: str) -> list[str] | None:
    """End a queued or running job as `failed` (code `cancelled`) in the caller's transaction.

    None when it cannot be: already finished, or being merged (the merge would end it after
    us). Batches in flight finish their pages, but nothing claims work of an ended job.
    Returns the webhook events to enqueue after the commit.
    """
    reason = {"page": None, "stage": "job", "reason": "cancelled", "code": "cancelled"}
    won = claim(
        session,
        Job,
        Job.id == job_id,
        Job.state.in_(ACTIVE_STATES),
        Job.phase == JobPhase.PAGES,
        state=JobState.FAILED,
        phase=JobPhase.DONE,
        errors=[reason],
        lease_until=None,
        finished_at=utcnow(),
    )
    job = session.get(Job, job_id)
    if not won or job is None:
        return None
    session.refresh(job)  # the claim wrote past the session's copy of the row
    log.info("job cancelled", extra={"job_id": job_id})
    return emit_for_job(session, job)


def send_or_defer(celery: Celery, name: str, args: list[str]) -> bool:
    """Send a task without failing a caller whose work is already committed."""
    try:
        celery.send_task(name, args=args)
    except (OperationalError, RedisError, OSError) as err:
        log.warning(
            "broker unreachable; the reaper will send it", extra={"task": name, "error": str(err)}
        )
        return False
    return True
