"""Celery configuration, shared by the worker (`workers.celery_app`) and the API (send only)."""

from __future__ import annotations

from typing import Any

from celery import Celery

from config import Settings
from workers.queues import EXTRACT_QUEUE, MAINTENANCE_QUEUE, WEBHOOK_QUEUE
from workers.states import Task


def make_celery(settings: Settings) -> Celery:
    celery = Celery("budgetlens")
    celery.conf.update(celery_conf(settings))
    return celery


def celery_conf(settings: Settings) -> dict[str, Any]:
    return {
        "broker_url": settings.redis_url or "redis://127.0.0.1:6379/0",
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_time_limit": settings.task_time_limit,
        "task_soft_time_limit": max(settings.task_time_limit - 30, 1),
        # Redis re-delivers an unacknowledged task after the visibility timeout: keep it above
        # the time limit, or a long task would run twice while the first is still working.
        "broker_transport_options": {"visibility_timeout": settings.task_time_limit + 600},
        "broker_connection_retry_on_startup": True,
        "task_ignore_result": True,  # results live in the database, not in Celery
        "task_default_queue": EXTRACT_QUEUE,
        "task_routes": {
            Task.DELIVER_WEBHOOK.value: {"queue": WEBHOOK_QUEUE},
            Task.DISPATCH_WEBHOOKS.value: {"queue": MAINTENANCE_QUEUE},
            Task.REAP_LEASES.value: {"queue": MAINTENANCE_QUEUE},
        },
        # A periodic task not started within its period is dropped: the next one does the
        # same work, so a stopped maintenance worker does not come back to a pile of them.
        "beat_schedule": {
            "reap-leases": {
                "task": Task.REAP_LEASES.value,
                "schedule": 30.0,
                "options": {"expires": 30.0},
            },
            "dispatch-webhooks": {
                "task": Task.DISPATCH_WEBHOOKS.value,
                "schedule": 5.0,
                "options": {"expires": 5.0},
            },
        },
        "worker_hijack_root_logger": False,
        "timezone": "UTC",
    }
