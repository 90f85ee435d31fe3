"""Celery tasks: thin wrappers that run one step and enqueue what it asks for.

Tasks take ids and re-read rows; every step is safe to run twice.
"""

from __future__ import annotations

import logging

from celery import Celery

from workers import extraction, reaper
from workers.celery_app import app, current_settings, task
from workers.extraction import Next
from workers.states import Task
from workers.webhooks.delivery import deliver_event, due_events

log = logging.getLogger(__name__)


def enqueue_next(celery: Celery, job_id: str, step: Next) -> None:
    for index in step.batches:
        celery.send_task(Task.EXTRACT_PAGES, args=[job_id, index])
    if step.assemble:
        celery.send_task(Task.ASSEMBLE_DOCUMENT, args=[job_id])
    enqueue_deliveries(celery, step.events)


def enqueue_deliveries(celery: Celery, event_ids: list[str]) -> None:
    for event_id in event_ids:
        celery.send_task(Task.DELIVER_WEBHOOK, args=[event_id])


@task(Task.EXTRACT_DOCUMENT)
def extract_document(job_id: str) -> None:
    enqueue_next(app, job_id, extraction.start_job(current_settings(), job_id))


@task(Task.EXTRACT_PAGES)
def extract_pages(job_id: str, index: int) -> None:
    step = extraction.run_batch(current_settings(), job_id, index)
    if step.assemble:
        # The last batch merges at once: a queued merge would wait behind every batch of the
        # documents uploaded after this one. The merge claims the job itself (run-once), and
        # a worker lost here leaves the job's lease to expire: the reaper restarts it.
        step = extraction.merge_job(current_settings(), job_id)
    enqueue_next(app, job_id, step)


@task(Task.ASSEMBLE_DOCUMENT)
def assemble(job_id: str) -> None:
    enqueue_next(app, job_id, extraction.merge_job(current_settings(), job_id))


@task(Task.DELIVER_WEBHOOK)
def deliver_webhook(event_id: str) -> None:
    # Retries are not Celery retries: the event row holds next_attempt_at and the
    # periodic dispatcher sends it again, so a lost message costs one period, not the event.
    deliver_event(current_settings(), event_id)


@task(Task.DISPATCH_WEBHOOKS)
def dispatch_webhooks() -> None:
    enqueue_deliveries(app, due_events(current_settings()))


@task(Task.REAP_LEASES)
def reap_leases() -> None:
    for job_id in reaper.expired_jobs(current_settings()):
        log.warning("re-queueing job with expired lease", extra={"job_id": job_id})
        app.send_task(Task.EXTRACT_DOCUMENT, args=[job_id])
