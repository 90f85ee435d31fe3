"""The page step: a batch of pages read by one worker, its results stored on its row."""

from __future__ import annotations

import logging
import time

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from config import Settings
from workers.claims import claim, lease_free
from workers.db import session_scope
from workers.holders import hold_claims, worker_name
from workers.models import Document, Job, PageBatch, utcnow
from workers.open_pdf import OpenPdf
from workers.page_guard import read_pages_guarded
from workers.payload import encode_pages
from workers.reclaim import holder_lost, reclaim_batch
from workers.states import TERMINAL_STATES, BatchState, JobPhase, JobState
from workers.steps import Next, new_lease, pdf_path, pipeline_options
from workers.timing import Stopwatch

log = logging.getLogger(__name__)
# Progress and lease renewal are written at most this often (and when a batch ends): a
# commit per page cost ~4 ms of fsync each, 241 of them in a row for one large document.
PROGRESS_SECONDS = 1.0


def ensure_batches(session: Session, job: Job, pages: int, size: int) -> list[PageBatch]:
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
    started_at, watch = utcnow(), Stopwatch()
    claimed = _claim_batch(settings, job_id, index)
    if claimed is None:
        return Next(assemble=all_batches_finished(settings, job_id))
    first, last, sha256 = claimed
    claim_seconds = time.perf_counter() - watch.wall
    path = pdf_path(settings, sha256)
    progress = _Progress(settings, job_id, index)
    try:
        pages = range(first, last + 1)
        results = read_pages_guarded(
            path,
            pages,
            pipeline_options(settings),
            settings.page_time_limit,
            lambda: OpenPdf.get(path),
            OpenPdf.close,
            progress,
        )
        payload, error = encode_pages(results), None
        read = sum(r.page.status != "failed" for r in results)
    except Exception as err:
        OpenPdf.close()  # whatever state the failure left it in, the next batch starts afresh
        log.exception("page batch failed", extra={"job_id": job_id, "batch": index})
        payload, error, read = None, f"{type(err).__name__}: {err}", 0
    spent = watch.lap()
    with session_scope(settings.database_url) as session:
        batch = _batch(session, job_id, index)
        batch.state = BatchState.DONE if error is None else BatchState.FAILED
        batch.payload, batch.error = payload, error
        # Pages that failed are not done: a failed job must not show every page done.
        batch.pages_done = read
        batch.lease_until = None
        batch.worker, batch.started_at, batch.finished_at = worker_name(), started_at, utcnow()
        batch.seconds, batch.cpu_seconds = spent["wall"], spent["cpu"]
        batch.db_seconds = claim_seconds + progress.db_seconds
        session.flush()
        sync_progress(session, settings, job_id)
    return Next(assemble=all_batches_finished(settings, job_id))


def _claim_batch(settings: Settings, job_id: str, index: int) -> tuple[int, int, str] | None:
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        if job is None or job.state in TERMINAL_STATES or job.phase != JobPhase.PAGES:
            return None
        won = claim(
            session,
            PageBatch,
            PageBatch.job_id == job_id,
            PageBatch.index == index,
            PageBatch.state == BatchState.PENDING,
            lease_free(PageBatch.lease_until, utcnow()),
            attempts=PageBatch.attempts + 1,
            lease_until=new_lease(settings),
            worker=worker_name(),
        )
        if not won and not reclaim_batch(session, settings, job_id, index):
            return None
        hold_claims()
        batch = _batch(session, job_id, index)
        if batch.attempts > settings.max_attempts:
            # A page that kills or stalls the worker every time: stop retrying it.
            batch.state = BatchState.FAILED
            batch.error = (
                f"gave up after {settings.max_attempts} attempts (worker lost or timed out)"
            )
            batch.lease_until = None
            batch.pages_done = 0
            return None
        document = session.get(Document, job.document_id)
        assert document is not None
        return batch.first_page, batch.last_page, document.sha256


def _batch(session: Session, job_id: str, index: int) -> PageBatch:
    return session.scalars(
        select(PageBatch).where(PageBatch.job_id == job_id, PageBatch.index == index)
    ).one()


class _Progress:
    """Progress doubles as the lease: a job that reports pages is alive.

    Written at most every PROGRESS_SECONDS; the batch's own completion writes the last count.
    """

    def __init__(self, settings: Settings, job_id: str, index: int) -> None:
        self.settings, self.job_id, self.index = settings, job_id, index
        self.last = time.monotonic()
        self.db_seconds = 0.0

    def __call__(self, done: int, _total: int) -> None:
        if time.monotonic() - self.last < PROGRESS_SECONDS:
            return
        started = time.perf_counter()
        with session_scope(self.settings.database_url) as session:
            session.execute(
                update(PageBatch)
                .where(PageBatch.job_id == self.job_id, PageBatch.index == self.index)
                .values(pages_done=done, lease_until=new_lease(self.settings))
            )
            sync_progress(session, self.settings, self.job_id)
        self.last = time.monotonic()
        self.db_seconds += time.perf_counter() - started


def sync_progress(session: Session, settings: Settings, job_id: str) -> None:
    """The job's pages_done is the sum over its batches; its lease is renewed."""
    total = (
        select(func.coalesce(func.sum(PageBatch.pages_done), 0))
        .where(PageBatch.job_id == job_id)
        .scalar_subquery()
    )
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == JobState.RUNNING)
        .values(pages_done=total, lease_until=new_lease(settings))
    )


def all_batches_finished(settings: Settings, job_id: str) -> bool:
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        if job is not None and job.phase == JobPhase.ASSEMBLE and holder_lost(job):
            return True  # the merger was killed: merge_job takes its lease over
        if job is None or job.phase != JobPhase.PAGES or job.state in TERMINAL_STATES:
            return False
        pending = session.scalar(
            select(func.count())
            .select_from(PageBatch)
            .where(PageBatch.job_id == job_id, PageBatch.state == BatchState.PENDING)
        )
        return pending == 0
