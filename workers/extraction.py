"""Extraction of one job in three idempotent steps: start, page batches, merge.

Each step claims its row with a conditional UPDATE (workers/claims.py: safe to run twice,
on any worker), does the work outside a transaction, and returns what to enqueue next; the
Celery tasks enqueue only after the step's transaction has committed. The page step is
workers/batches.py, the merge workers/merge.py; this module starts a job.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import or_
from sqlalchemy.orm import Session

from config import Settings
from extractors.backends.pdf_open import inspect_pdf
from extractors.errors import InputError
from workers import steps
from workers.batches import ensure_batches, run_batch
from workers.claims import claim, lease_free
from workers.db import session_scope
from workers.merge import merge_job
from workers.models import Job, utcnow
from workers.open_pdf import OpenPdf
from workers.payload import decode_pages, encode_pages
from workers.reclaim import mark_job_holder, reclaim_job
from workers.states import BatchState, JobPhase, JobState
from workers.steps import Next, pdf_path, pipeline_options
from workers.timing import Stopwatch

__all__ = [
    "Next",
    "OpenPdf",
    "decode_pages",
    "encode_pages",
    "merge_job",
    "pdf_path",
    "pipeline_options",
    "run_batch",
    "start_job",
]
log = logging.getLogger(__name__)


def start_job(settings: Settings, job_id: str) -> Next:
    watch, now = Stopwatch(), utcnow()
    with session_scope(settings.database_url) as session:
        if not _claim_job(session, settings, job_id, now):
            return Next()  # finished, or a live worker holds the lease
        mark_job_holder(session, job_id)
    with session_scope(settings.database_url) as session:
        job, document = steps.job_and_document(session, job_id)
        if gave_up := steps.give_up(session, settings, job, "job", "worker lost or timed out"):
            return gave_up
        try:
            info = inspect_pdf(pdf_path(settings, document.sha256), settings.pipeline.limits())
        except InputError as err:
            refused = steps.error(None, "open", err.reason) | {"code": err.code}
            return Next(events=steps.finish(session, job, JobState.REJECTED, [refused]))
        job.pages_total = info.page_count
        batches = ensure_batches(session, job, info.page_count, settings.batch_pages)
        pending = [b.index for b in batches if b.state == BatchState.PENDING]
        if job.phase == JobPhase.ASSEMBLE:
            job.phase = JobPhase.PAGES  # the previous merger's lease expired: elect a new one
        job.timings = (job.timings or {}) | {"start": watch.lap() | {"at": now.isoformat()}}
        log.info("job started", extra={"job_id": job_id, "attempt": job.attempts})
        return Next(batches=pending, assemble=not pending)


def _claim_job(session: Session, settings: Settings, job_id: str, now: datetime) -> bool:
    """A queued job, or a running one whose lease ran out (or whose holder died)."""
    won = claim(
        session,
        Job,
        Job.id == job_id,
        or_(
            Job.state == JobState.QUEUED,
            (Job.state == JobState.RUNNING) & lease_free(Job.lease_until, now),
        ),
        attempts=Job.attempts + 1,
        state=JobState.RUNNING,
        lease_until=steps.new_lease(settings),
    )
    return won or reclaim_job(session, settings, job_id, JobPhase.PAGES)
