"""The merge step: the document half (`assemble_document`) over every batch's page results.

Timings of its phases (claim, load, decode, assemble, write, commit) go to
`jobs.timings["merge"]` for the benchmark's per-phase breakdown.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from config import Settings
from extractors.backends.pdf_open import PdfInfo
from extractors.pipeline import assemble_document
from schemas import BudgetDocument
from workers import steps
from workers.claims import claim
from workers.db import session_scope
from workers.holders import worker_name
from workers.models import Document, Job, PageBatch, Result, utcnow
from workers.open_pdf import OpenPdf
from workers.payload import decode_pages
from workers.reclaim import mark_job_holder, reclaim_job
from workers.states import BatchState, JobPhase, JobState
from workers.steps import Next
from workers.timing import Timings

log = logging.getLogger(__name__)


def merge_job(settings: Settings, job_id: str) -> Next:
    timings = Timings()
    with timings.phase("claim"), session_scope(settings.database_url) as session:
        won = claim(
            session,
            Job,
            Job.id == job_id,
            Job.phase == JobPhase.PAGES,
            Job.state == JobState.RUNNING,
            phase=JobPhase.ASSEMBLE,
            lease_until=steps.new_lease(settings),
        )
        if not won and not reclaim_job(session, settings, job_id, JobPhase.ASSEMBLE):
            return Next()  # another worker merges, or it is done
        mark_job_holder(session, job_id)
    timings.laps |= {"at": utcnow().isoformat(), "worker": worker_name()}
    with session_scope(settings.database_url) as session:
        job, document = steps.job_and_document(session, job_id)
        if gave_up := steps.give_up(
            session, settings, job, "assemble", "worker lost while merging"
        ):
            return gave_up
        if _pending(session, job_id):
            job.phase = JobPhase.PAGES  # a batch was reset meanwhile; its own completion merges
            return Next()
        events = _merge(session, settings, job, document, timings)
        with timings.phase("commit"):  # ~4 MB of result JSON: its time gets a row of its own
            session.commit()
    _record_timings(settings, job_id, timings.laps)
    return Next(events=events)


def _pending(session: Session, job_id: str) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                PageBatch.job_id == job_id, PageBatch.state == BatchState.PENDING
            )
        )
        or 0
    )


def _record_timings(settings: Settings, job_id: str, merge: dict[str, Any]) -> None:
    with session_scope(settings.database_url) as session:
        current = session.scalar(select(Job.timings).where(Job.id == job_id)) or {}
        session.execute(
            update(Job).where(Job.id == job_id).values(timings=current | {"merge": merge})
        )


def _merge(
    session: Session, settings: Settings, job: Job, document: Document, timings: Timings
) -> list[str]:
    with timings.phase("load"):
        batches = list(
            session.scalars(
                select(PageBatch).where(PageBatch.job_id == job.id).order_by(PageBatch.index)
            )
        )
        errors = [
            steps.error(page, "read_pages", batch.error or "failed")
            for batch in batches
            if batch.state == BatchState.FAILED
            for page in range(batch.first_page, batch.last_page + 1)
        ]
        done = [b for b in batches if b.state == BatchState.DONE]
        job.extraction_seconds = sum(b.seconds or 0.0 for b in batches)
        OpenPdf.close()  # this file's pages are all read
    if not done:
        return steps.finish(session, job, JobState.FAILED, errors)
    with timings.phase("decode"):
        results = [r for b in done if b.payload is not None for r in decode_pages(b.payload)]
    path = steps.pdf_path(settings, document.sha256)
    info = PdfInfo(path=path, n_bytes=document.n_bytes, page_count=document.page_count)
    try:
        with timings.phase("assemble"):
            budget = assemble_document(info, results, steps.pipeline_options(settings))
    except Exception as err:
        log.exception("assemble failed", extra={"job_id": job.id})
        return steps.finish(
            session, job, JobState.FAILED, [*errors, steps.error(None, "assemble", f"{err}")]
        )
    with timings.phase("write"):  # the result row, the cleared payloads, the events
        for batch in batches:
            batch.payload = None  # merged: the page results are no longer needed
        events = _store(session, job, document, budget, errors)
        session.flush()
    return events


def _store(
    session: Session, job: Job, document: Document, budget: BudgetDocument, errors: list[Any]
) -> list[str]:
    errors += [
        steps.error(p.page, "page", p.reason or p.status)
        for p in budget.document.pages
        if p.status == "failed"
    ]
    latest = session.scalar(
        select(func.max(Result.version)).where(Result.document_id == document.id)
    )
    body = budget.model_dump(mode="json")
    session.add(
        Result(document_id=document.id, job_id=job.id, version=(latest or 0) + 1, body=body)
    )
    document.department = budget.document.department
    document.fiscal_year = budget.document.fiscal_year
    state = JobState.PARTIAL if errors or budget.document.partial else JobState.SUCCEEDED
    if len({e["page"] for e in errors if e["page"]}) >= document.page_count:
        state = JobState.FAILED  # not one page could be read: nothing to review
    return steps.finish(session, job, state, errors)
