"""Extraction of one job in three idempotent steps: start, page batches, merge.

Each step claims its row with a conditional UPDATE (safe to run twice, on any worker),
does the work outside a transaction, and returns what to enqueue next; the Celery tasks
enqueue only after the step's transaction has committed.

A batch stores its PageResults as zlib-compressed JSON written and read by pydantic's
compiled serializer (a 241-page document: 1.8 MB, ~0.2 s CPU to write across all batches,
~0.5 s to read back at the merge; the stdlib json round trip of the uncompressed 16 MB took
~2.6 s). The merge does only the document half (`assemble_document`). Each batch and the
merge record wall, CPU and database seconds for the benchmark's per-phase breakdown.
"""

from __future__ import annotations

import logging
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.pdf import PDF
from pydantic import TypeAdapter
from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from extractors.backends.pdf_open import PdfInfo, inspect_pdf
from extractors.errors import InputError
from extractors.options import Limits, PipelineOptions
from extractors.pipeline import PageResult, assemble_document
from service.settings import Settings
from workers.db import session_scope
from workers.holders import hold_claims, worker_name
from workers.models import TERMINAL_STATES, Document, Job, PageBatch, Result, utcnow
from workers.page_guard import read_pages_guarded
from workers.reclaim import holder_lost, mark_job_holder, reclaim_batch, reclaim_job
from workers.store import FileStore
from workers.webhooks.outbox import emit_for_job

log = logging.getLogger(__name__)
PAGE_RESULTS = TypeAdapter(list[PageResult])
# Progress and lease renewal are written at most this often (and when a batch ends): a
# commit per page cost ~4 ms of fsync each, 241 of them in a row for one large document.
PROGRESS_SECONDS = 1.0


def encode_pages(results: Sequence[PageResult]) -> bytes:
    return zlib.compress(PAGE_RESULTS.dump_json(list(results)), 1)


def decode_pages(payload: bytes) -> list[PageResult]:
    return PAGE_RESULTS.validate_json(zlib.decompress(payload))


class OpenPdf:
    """The PDF this worker process read last, kept open for its next batch of the same file.

    Batches of one document mostly land on the same few processes; re-opening a 241-page
    file for every batch cost ~0.15 s of CPU (pdfminer resolves the whole page tree) and its
    fonts were parsed again. One file per process (prefork: one task at a time); any other
    file replaces it.
    """

    path: Path | None = None
    pdf: PDF | None = None

    @classmethod
    def get(cls, path: Path) -> PDF:
        if cls.pdf is None or cls.path != path:
            cls.close()
            cls.pdf, cls.path = pdfplumber.open(str(path)), path
        return cls.pdf

    @classmethod
    def close(cls) -> None:
        pdf, cls.pdf, cls.path = cls.pdf, None, None
        if pdf is None:
            return
        try:
            pdf.close()
        except Exception:  # pdfplumber walks the page tree to close: a broken one raises
            pdf.stream.close()


@dataclass(slots=True)
class Stopwatch:
    """Wall and CPU seconds of this process since it was made (or last `lap`)."""

    wall: float = field(default_factory=time.perf_counter)
    cpu: float = field(default_factory=time.process_time)

    def lap(self) -> dict[str, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = {"wall": round(wall - self.wall, 4), "cpu": round(cpu - self.cpu, 4)}
        self.wall, self.cpu = wall, cpu
        return out


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
    watch = Stopwatch()
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
        if not claimed.rowcount and not reclaim_job(session, settings, job_id, "pages"):  # type: ignore[attr-defined]
            return Next()  # finished, or a live worker holds the lease
        mark_job_holder(session, job_id)
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
        job.timings = (job.timings or {}) | {"start": watch.lap() | {"at": _iso(now)}}
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
    started_at, watch = utcnow(), Stopwatch()
    claim = _claim_batch(settings, job_id, index)
    if claim is None:
        return Next(assemble=_all_batches_finished(settings, job_id))
    first, last, sha256 = claim
    claim_seconds = time.perf_counter() - watch.wall
    path = FileStore(settings.store_dir).pdf_path(sha256)
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
        batch.state = "done" if error is None else "failed"
        batch.payload, batch.error = payload, error
        # Pages that failed are not done: a failed job must not show every page done.
        batch.pages_done = read
        batch.lease_until = None
        batch.worker, batch.started_at, batch.finished_at = worker_name(), started_at, utcnow()
        batch.seconds, batch.cpu_seconds = spent["wall"], spent["cpu"]
        batch.db_seconds = claim_seconds + progress.db_seconds
        session.flush()
        _sync_progress(session, settings, job_id)
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
            .values(
                attempts=PageBatch.attempts + 1, lease_until=_lease(settings), worker=worker_name()
            )
        )
        if not claimed.rowcount and not reclaim_batch(session, settings, job_id, index):  # type: ignore[attr-defined]
            return None
        hold_claims()
        batch = _batch(session, job_id, index)
        if batch.attempts > settings.max_attempts:
            # A page that kills or stalls the worker every time: stop retrying it.
            batch.state = "failed"
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
                .values(pages_done=done, lease_until=_lease(self.settings))
            )
            _sync_progress(session, self.settings, self.job_id)
        self.last = time.monotonic()
        self.db_seconds += time.perf_counter() - started


def _sync_progress(session: Session, settings: Settings, job_id: str) -> None:
    """The job's pages_done is the sum over its batches; its lease is renewed."""
    total = (
        select(func.coalesce(func.sum(PageBatch.pages_done), 0))
        .where(PageBatch.job_id == job_id)
        .scalar_subquery()
    )
    session.execute(
        update(Job)
        .where(Job.id == job_id, Job.state == "running")
        .values(pages_done=total, lease_until=_lease(settings))
    )


def _all_batches_finished(settings: Settings, job_id: str) -> bool:
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        if job is not None and job.phase == "assemble" and holder_lost(job):
            return True  # the merger was killed: merge_job takes its lease over
        if job is None or job.phase != "pages" or job.state in TERMINAL_STATES:
            return False
        pending = session.scalar(
            select(func.count())
            .select_from(PageBatch)
            .where(PageBatch.job_id == job_id, PageBatch.state == "pending")
        )
        return pending == 0


def merge_job(settings: Settings, job_id: str) -> Next:
    watch = Stopwatch()
    with session_scope(settings.database_url) as session:
        claimed = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.phase == "pages", Job.state == "running")
            .values(phase="assemble", lease_until=_lease(settings))
        )
        if not claimed.rowcount and not reclaim_job(session, settings, job_id, "assemble"):  # type: ignore[attr-defined]
            return Next()  # another worker merges, or it is done
        mark_job_holder(session, job_id)
    with session_scope(settings.database_url) as session:
        job = session.get(Job, job_id)
        document = session.get(Document, job.document_id) if job else None
        assert job is not None and document is not None
        if job.attempts > settings.max_attempts:
            reason = f"gave up after {settings.max_attempts} attempts (worker lost while merging)"
            return Next(events=finish(session, job, "failed", [_error(None, "assemble", reason)]))
        if session.scalar(
            select(func.count()).where(PageBatch.job_id == job_id, PageBatch.state == "pending")
        ):
            job.phase = "pages"  # a batch was reset meanwhile; its own completion merges
            return Next()
        timings = {"at": _iso(utcnow()), "worker": worker_name(), "claim": watch.lap()}
        events = _merge(session, settings, job, document, timings, watch)
        session.flush()
        timings["write"] = watch.lap()  # the result row and the cleared payloads
    # The commit above wrote ~4 MB of result JSON; its time goes in a row of its own.
    timings["commit"] = watch.lap()
    with session_scope(settings.database_url) as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(timings=_merged_timings(session, job_id, timings))
        )
    return Next(events=events)


def _merged_timings(session: Session, job_id: str, merge: dict[str, Any]) -> dict[str, Any]:
    current = session.scalar(select(Job.timings).where(Job.id == job_id)) or {}
    return current | {"merge": merge}


def _merge(
    session: Session,
    settings: Settings,
    job: Job,
    document: Document,
    timings: dict[str, Any],
    watch: Stopwatch,
) -> list[str]:
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
    OpenPdf.close()  # this file's pages are all read
    if not done:
        return finish(session, job, "failed", errors)
    timings["load"] = watch.lap()
    results = [r for b in done if b.payload is not None for r in decode_pages(b.payload)]
    timings["decode"] = watch.lap()
    path = FileStore(settings.store_dir).pdf_path(document.sha256)
    info = PdfInfo(path=path, n_bytes=document.n_bytes, page_count=document.page_count)
    try:
        budget = assemble_document(info, results, pipeline_options(settings))
    except Exception as err:
        log.exception("assemble failed", extra={"job_id": job.id})
        return finish(session, job, "failed", [*errors, _error(None, "assemble", f"{err}")])
    timings["assemble"] = watch.lap()
    errors += [
        _error(p.page, "page", p.reason or p.status)
        for p in budget.document.pages
        if p.status == "failed"
    ]
    _store_result(session, job, document, budget.model_dump(mode="json"))
    document.department = budget.document.department
    document.fiscal_year = budget.document.fiscal_year
    for batch in batches:
        batch.payload = None  # merged: the page results are no longer needed
    state = "partial" if errors or budget.document.partial else "succeeded"
    if len({e["page"] for e in errors if e["page"]}) >= document.page_count:
        state = "failed"  # not one page could be read: nothing to review
    return finish(session, job, state, errors)


def _store_result(session: Session, job: Job, document: Document, body: dict[str, Any]) -> None:
    latest = session.scalar(
        select(func.max(Result.version)).where(Result.document_id == document.id)
    )
    session.add(
        Result(document_id=document.id, job_id=job.id, version=(latest or 0) + 1, body=body)
    )


def _iso(moment: Any) -> str:
    return str(moment.isoformat())


def _error(page: int | None, stage: str, reason: str) -> dict[str, Any]:
    return {"page": page, "stage": stage, "reason": reason}


def pdf_path(settings: Settings, sha256: str) -> Path:
    return FileStore(settings.store_dir).pdf_path(sha256)
