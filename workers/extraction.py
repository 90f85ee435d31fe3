"""Extraction of one job in three idempotent steps: start, page batches, merge.

Each step claims its row with a conditional UPDATE (safe to run twice, on any worker),
does the work outside a transaction, and returns what to enqueue next; the Celery tasks
enqueue only after the step's transaction has committed.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from extractors.backends.pdf_open import PdfInfo, inspect_pdf
from extractors.errors import InputError
from extractors.options import Limits, PipelineOptions
from extractors.pipeline import PageResult, assemble_document, read_pages
from service.settings import Settings
from workers.db import session_scope
from workers.models import TERMINAL_STATES, Document, Job, PageBatch, Result, utcnow
from workers.store import FileStore
from workers.webhooks.outbox import emit_for_job

log = logging.getLogger(__name__)
PAGE_RESULTS = TypeAdapter(list[PageResult])


@dataclass(slots=True)
class Next:
    """Work to enqueue once the step's transaction has committed."""

    batches: list[int] = field(default_factory=list)
    assemble: bool = False
    events: list[str] = field(default_factory=list)


def pipeline_options(settings: Settings) -> PipelineOptions:
    base = PipelineOptions.from_env()
    limits = Limits(max_bytes=settings.max_upload_bytes, max_pages=settings.max_pages)
    return PipelineOptions(
        table_engine=base.table_engine,
        ocr_engine=base.ocr_engine,
        review_threshold=base.review_threshold,
        min_text_chars=base.min_text_chars,
        limits=limits,
    )


def _lease(settings: Settings) -> Any:
    return utcnow() + timedelta(seconds=settings.lease_seconds)


def finish(session: Session, job: Job, state: str, errors: list[Any]) -> list[str]:
    """Terminal state and its webhook events, in the caller's transaction."""
    job.state = state
    job.phase = "done"
    job.errors = errors
    job.lease_until = None
    job.finished_at = utcnow()
    log.info("job finished", extra={"job_id": job.id, "state": state})
    return emit_for_job(session, job)


def start_job(settings: Settings, job_id: str) -> Next:
    now = utcnow()
    with session_scope(settings.database_url) as session:
        claimed = session.execute(
            update(Job)
            .where(
                Job.id == job_id,
                or_(
                    Job.state == "queued",
                    (Job.state == "running")
                    & or_(Job.lease_until.is_(None), Job.lease_until < now),
                ),
            )
            .values(attempts=Job.attempts + 1, state="running", lease_until=_lease(settings))
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return Next()  # finished, or another worker holds a live lease
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        assert job is not None
        if job.attempts > settings.max_attempts:
            reason = f"gave up after {settings.max_attempts} attempts (worker lost or timed out)"
            return Next(events=finish(session, job, "failed", [_error(None, "job", reason)]))
        document = session.get(Document, job.document_id)
        assert document is not None
        path = FileStore(settings.store_dir).pdf_path(document.sha256)
        try:
            info = inspect_pdf(path, pipeline_options(settings).limits)
        except InputError as err:
            error = _error(None, "open", err.reason) | {"code": err.code}
            return Next(events=finish(session, job, "rejected", [error]))
        job.pages_total = info.page_count
        batches = _ensure_batches(session, job, info.page_count, settings.batch_pages)
        pending = [b.index for b in batches if b.state == "pending"]
        if job.phase == "assemble":
            job.phase = "pages"  # the previous merger's lease expired: elect a new one
        log.info("job started", extra={"job_id": job_id, "attempt": job.attempts})
        return Next(batches=pending, assemble=not pending)


def _ensure_batches(session: Session, job: Job, pages: int, size: int) -> list[PageBatch]:
    batches = list(
        session.scalars(
            select(PageBatch).where(PageBatch.job_id == job.id).order_by(PageBatch.index)
        )
    )
    if batches:
        return batches
    for index, first in enumerate(range(1, pages + 1, size)):
        last = min(first + size - 1, pages)
        batch = PageBatch(job_id=job.id, index=index, first_page=first, last_page=last)
        session.add(batch)
        batches.append(batch)
    session.flush()
    return batches


def run_batch(settings: Settings, job_id: str, index: int) -> Next:
    claim = _claim_batch(settings, job_id, index)
    if claim is None:
        return Next(assemble=_all_batches_finished(settings, job_id))
    first, last, sha256 = claim
    path = FileStore(settings.store_dir).pdf_path(sha256)
    started = time.monotonic()
    try:
        results = read_pages(
            path,
            range(first, last + 1),
            pipeline_options(settings),
            lambda done, _total: _heartbeat(settings, job_id, index, done),
        )
        payload: list[Any] | None = PAGE_RESULTS.dump_python(results, mode="json")
        error = None
    except Exception as err:
        log.exception("page batch failed", extra={"job_id": job_id, "batch": index})
        payload, error = None, f"{type(err).__name__}: {err}"
    with session_scope(settings.database_url) as session:
        batch = _batch(session, job_id, index)
        batch.state = "done" if error is None else "failed"
        batch.result, batch.error = payload, error
        batch.seconds = time.monotonic() - started
        batch.pages_done = last - first + 1
        batch.lease_until = None
    return Next(assemble=_all_batches_finished(settings, job_id))


def _claim_batch(settings: Settings, job_id: str, index: int) -> tuple[int, int, str] | None:
    now = utcnow()
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        if job is None or job.state in TERMINAL_STATES or job.phase != "pages":
            return None
        claimed = session.execute(
            update(PageBatch)
            .where(
                PageBatch.job_id == job_id,
                PageBatch.index == index,
                PageBatch.state == "pending",
                or_(PageBatch.lease_until.is_(None), PageBatch.lease_until < now),
            )
            .values(attempts=PageBatch.attempts + 1, lease_until=_lease(settings))
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return None
        batch = _batch(session, job_id, index)
        if batch.attempts > settings.max_attempts:
            # A page that kills or stalls the worker every time: stop retrying it.
            batch.state = "failed"
            batch.error = (
                f"gave up after {settings.max_attempts} attempts (worker lost or timed out)"
            )
            batch.lease_until = None
            return None
        document = session.get(Document, job.document_id)
        assert document is not None
        return batch.first_page, batch.last_page, document.sha256


def _batch(session: Session, job_id: str, index: int) -> PageBatch:
    return session.scalars(
        select(PageBatch).where(PageBatch.job_id == job_id, PageBatch.index == index)
    ).one()


def _heartbeat(settings: Settings, job_id: str, index: int, done: int) -> None:
    """Progress doubles as the lease: a job that reports pages is alive."""
    with session_scope(settings.database_url) as session:
        session.execute(
            update(PageBatch)
            .where(PageBatch.job_id == job_id, PageBatch.index == index)
            .values(pages_done=done, lease_until=_lease(settings))
        )
        total = (
            select(func.coalesce(func.sum(PageBatch.pages_done), 0))
            .where(PageBatch.job_id == job_id)
            .scalar_subquery()
        )
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(pages_done=total, lease_until=_lease(settings))
        )


def _all_batches_finished(settings: Settings, job_id: str) -> bool:
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        if job is None or job.phase != "pages" or job.state in TERMINAL_STATES:
            return False
        pending = session.scalar(
            select(func.count())
            .select_from(PageBatch)
            .where(PageBatch.job_id == job_id, PageBatch.state == "pending")
        )
        return pending == 0


def merge_job(settings: Settings, job_id: str) -> Next:
    with session_scope(settings.database_url) as session:
        claimed = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.phase == "pages", Job.state == "running")
            .values(phase="assemble", lease_until=_lease(settings))
        )
        if not claimed.rowcount:  # type: ignore[attr-defined]
            return Next()  # another worker merges, or it is done
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        document = session.get(Document, job.document_id) if job else None
        assert job is not None and document is not None
        if session.scalar(
            select(func.count()).where(PageBatch.job_id == job_id, PageBatch.state == "pending")
        ):
            job.phase = "pages"  # a batch was reset meanwhile; its own completion merges
            return Next()
        return Next(events=_merge(session, settings, job, document))


def _merge(session: Session, settings: Settings, job: Job, document: Document) -> list[str]:
    batches = list(
        session.scalars(
            select(PageBatch).where(PageBatch.job_id == job.id).order_by(PageBatch.index)
        )
    )
    errors = [
        _error(page, "read_pages", batch.error or "failed")
        for batch in batches
        if batch.state == "failed"
        for page in range(batch.first_page, batch.last_page + 1)
    ]
    done = [b for b in batches if b.state == "done"]
    job.extraction_seconds = sum(b.seconds or 0.0 for b in batches)
    if not done:
        return finish(session, job, "failed", errors)
    results = PAGE_RESULTS.validate_python([item for b in done for item in (b.result or [])])
    path = FileStore(settings.store_dir).pdf_path(document.sha256)
    info = PdfInfo(path=path, n_bytes=document.n_bytes, page_count=document.page_count)
    try:
        budget = assemble_document(info, results, pipeline_options(settings))
    except Exception as err:
        log.exception("assemble failed", extra={"job_id": job.id})
        return finish(session, job, "failed", [*errors, _error(None, "assemble", f"{err}")])
    errors += [
        _error(p.page, "page", p.reason or p.status)
        for p in budget.document.pages
        if p.status == "failed"
    ]
    _store_result(session, job, document, budget.model_dump(mode="json"))
    document.department = budget.document.department
    document.fiscal_year = budget.document.fiscal_year
    for batch in batches:
        batch.result = None  # merged: the page JSON is no longer needed
    state = "partial" if errors or budget.document.partial else "succeeded"
    return finish(session, job, state, errors)


def _store_result(session: Session, job: Job, document: Document, body: dict[str, Any]) -> None:
    latest = session.scalar(
        select(func.max(Result.version)).where(Result.document_id == document.id)
    )
    session.add(
        Result(document_id=document.id, job_id=job.id, version=(latest or 0) + 1, body=body)
    )


def _error(page: int | None, stage: str, reason: str) -> dict[str, Any]:
    return {"page": page, "stage": stage, "reason": reason}


def pdf_path(settings: Settings, sha256: str) -> Path:
    return FileStore(settings.store_dir).pdf_path(sha256)
