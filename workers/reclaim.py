"""Take over a job or batch whose lease holder was killed, without waiting for the lease.

The holder of a batch is `page_batches.worker`; the holder of a job's start or merge step
is `jobs.timings["holder"]`. Takeover is a compare-and-set on the lease the caller saw, so
of several redelivered tasks one wins. It counts as an attempt: a file that kills every
worker that touches it still ends after MAX_ATTEMPTS.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from config import Settings
from workers.claims import claim, lease_until
from workers.holders import hold_claims, holder_is_dead, worker_name
from workers.models import Job, PageBatch, utcnow
from workers.states import BatchState, JobPhase, JobState


def _lease(settings: Settings) -> datetime:
    return lease_until(utcnow(), settings.lease_seconds)


def job_holder(job: Job) -> str | None:
    holder = (job.timings or {}).get("holder")
    return holder if isinstance(holder, str) else None


def mark_job_holder(session: Session, job_id: str) -> None:
    hold_claims()
    job = session.get(Job, job_id)
    if job is not None:
        job.timings = (job.timings or {}) | {"holder": worker_name()}


def holder_lost(job: Job) -> bool:
    return job.state == JobState.RUNNING and holder_is_dead(job_holder(job))


def reclaim_job(session: Session, settings: Settings, job_id: str, phase: JobPhase) -> bool:
    job = session.get(Job, job_id)
    if job is None or job.phase != phase or job.lease_until is None or not holder_lost(job):
        return False
    return claim(
        session,
        Job,
        Job.id == job_id,
        Job.state == JobState.RUNNING,
        Job.lease_until == job.lease_until,
        attempts=Job.attempts + 1,
        lease_until=_lease(settings),
    )


def reclaim_batch(session: Session, settings: Settings, job_id: str, index: int) -> bool:
    batch = session.scalars(
        select(PageBatch).where(PageBatch.job_id == job_id, PageBatch.index == index)
    ).first()
    if batch is None or batch.state != BatchState.PENDING or batch.lease_until is None:
        return False
    if not holder_is_dead(batch.worker):
        return False
    return claim(
        session,
        PageBatch,
        PageBatch.id == batch.id,
        PageBatch.state == BatchState.PENDING,
        PageBatch.lease_until == batch.lease_until,
        attempts=PageBatch.attempts + 1,
        lease_until=_lease(settings),
        worker=worker_name(),
    )
