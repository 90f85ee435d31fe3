"""Prometheus text exposition, written by hand (prometheus_client is not a dependency).

Every number is read from the database or Redis at scrape time, so the API and any number
of workers agree without a shared in-process registry.
"""

from __future__ import annotations

from collections.abc import Iterable

from redis import Redis
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workers.models import JOB_STATES, Delivery, Job, WebhookEvent
from workers.queues import QUEUES
from workers.states import EventState


def _family(name: str, kind: str, help_text: str, samples: Iterable[tuple[str, float]]) -> str:
    lines = [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
    lines += [f"{name}{labels} {value:g}" for labels, value in samples]
    return "\n".join(lines)


def render(session: Session, redis: Redis | None) -> str:
    by_state = dict(session.execute(select(Job.state, func.count()).group_by(Job.state)).all())
    seconds, pages = session.execute(
        select(
            func.coalesce(func.sum(Job.extraction_seconds), 0.0),
            func.coalesce(func.sum(Job.pages_total), 0),
        ).where(Job.extraction_seconds.is_not(None))
    ).one()
    failed_attempts = session.scalar(select(func.count()).where(Delivery.ok.is_(False))) or 0
    failed_events = (
        session.scalar(select(func.count()).where(WebhookEvent.state == EventState.FAILED)) or 0
    )
    depth = [(q, float(redis.llen(q))) for q in QUEUES] if redis is not None else []
    parts = [
        _family(
            "budgetlens_queue_depth",
            "gauge",
            "Tasks waiting in each Celery queue.",
            [(f'{{queue="{q}"}}', n) for q, n in depth],
        ),
        _family(
            "budgetlens_jobs",
            "gauge",
            "Jobs by state.",
            [(f'{{state="{s}"}}', float(by_state.get(s, 0))) for s in JOB_STATES],
        ),
        _family(
            "budgetlens_extraction_seconds_total",
            "counter",
            "Worker seconds spent reading pages of finished jobs.",
            [("", float(seconds or 0.0))],
        ),
        _family(
            "budgetlens_extraction_pages_total",
            "counter",
            "Pages of finished jobs.",
            [("", float(pages))],
        ),
        _family(
            "budgetlens_extraction_seconds_per_page",
            "gauge",
            "Mean extraction seconds per page over finished jobs.",
            [("", float(seconds or 0.0) / pages if pages else 0.0)],
        ),
        _family(
            "budgetlens_webhook_delivery_failures_total",
            "counter",
            "Failed webhook delivery attempts.",
            [("", float(failed_attempts))],
        ),
        _family(
            "budgetlens_webhook_events_failed",
            "gauge",
            "Webhook events that gave up (retries exhausted or 410).",
            [("", float(failed_events))],
        ),
    ]
    return "\n".join(parts) + "\n"
