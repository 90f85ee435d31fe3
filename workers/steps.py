"""What every job step shares: what to enqueue next, terminal states, errors, options."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from config import Settings
from extractors.options import PipelineOptions
from workers.claims import lease_until
from workers.models import Document, Job, utcnow
from workers.states import JobPhase, JobState
from workers.store import FileStore
from workers.webhooks.outbox import emit_for_job

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Next:
    """Work to enqueue once the step's transaction has committed."""

    batches: list[int] = field(default_factory=list)
    assemble: bool = False
    events: list[str] = field(default_factory=list)


def pipeline_options(settings: Settings) -> PipelineOptions:
    return settings.pipeline.options()


def new_lease(settings: Settings) -> Any:
    return lease_until(utcnow(), settings.lease_seconds)


def finish(session: Session, job: Job, state: JobState, errors: list[Any]) -> list[str]:
    """Terminal state and its webhook events, in the caller's transaction."""
    job.state = state
    job.phase = JobPhase.DONE
    job.errors = errors
    job.lease_until = None
    job.finished_at = utcnow()
    log.info("job finished", extra={"job_id": job.id, "state": state.value})
    return emit_for_job(session, job)


def job_and_document(session: Session, job_id: str) -> tuple[Job, Document]:
    """The rows a step works on, once it has claimed the job."""
    job = session.get(Job, job_id)
    document = session.get(Document, job.document_id) if job else None
    assert job is not None and document is not None
    return job, document


def give_up(session: Session, settings: Settings, job: Job, stage: str, lost: str) -> Next | None:
    """A job whose worker was lost MAX_ATTEMPTS times (a file that kills it) ends failed."""
    if job.attempts <= settings.max_attempts:
        return None
    reason = f"gave up after {settings.max_attempts} attempts ({lost})"
    return Next(events=finish(session, job, JobState.FAILED, [error(None, stage, reason)]))


def error(page: int | None, stage: str, reason: str) -> dict[str, Any]:
    return {"page": page, "stage": stage, "reason": reason}


def pdf_path(settings: Settings, sha256: str) -> Path:
    return FileStore(settings.store_dir).pdf_path(sha256)
