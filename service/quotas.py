"""Per-tenant quotas: uploads per minute (a Redis counter) and unfinished jobs (the database).

One tenant uploading thousands of files must not starve the others: over either quota the
upload answers 429 with Retry-After, and nothing about other tenants is read or changed.
"""

from __future__ import annotations

import time

from fastapi import HTTPException, status
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config import Settings
from service.errors import problem
from workers.models import Job
from workers.states import ACTIVE_STATES

# While a tenant is at its queued-jobs quota, ask it to come back after roughly one job.
QUEUED_RETRY_SECONDS = 30


def over_quota(reason: str, code: str, retry_after: int) -> HTTPException:
    retry = {"Retry-After": str(max(retry_after, 1))}
    return problem(status.HTTP_429_TOO_MANY_REQUESTS, reason, code, headers=retry)


def check_quota(session: Session, redis: Redis | None, settings: Settings, tenant: str) -> None:
    """Raise 429 when `tenant` is over one of its quotas; counts this upload."""
    _check_rate(redis, settings.tenant_uploads_per_minute, tenant)
    _check_queued(session, settings.tenant_max_queued_jobs, tenant)


def _check_rate(redis: Redis | None, per_minute: int, tenant: str) -> None:
    if per_minute <= 0 or redis is None:
        return
    now = time.time()
    window = int(now // 60)
    key = f"budgetlens:quota:uploads:{tenant}:{window}"
    try:
        pipe = redis.pipeline()
        pipe.incr(key)
        pipe.expire(key, 120)
        count = int(pipe.execute()[0])
    except RedisError:
        return  # fail open: the quota is about fairness, and /readyz reports Redis
    if count > per_minute:
        raise over_quota(
            f"over the limit of {per_minute} uploads per minute",
            "rate_limited",
            int((window + 1) * 60 - now) + 1,
        )


def _check_queued(session: Session, max_queued: int, tenant: str) -> None:
    if max_queued <= 0:
        return
    unfinished = session.scalar(
        select(func.count())
        .select_from(Job)
        .where(Job.tenant_id == tenant, Job.state.in_(ACTIVE_STATES))
    )
    if (unfinished or 0) >= max_queued:
        raise over_quota(
            f"{unfinished} jobs queued or running, the limit is {max_queued}",
            "too_many_queued",
            QUEUED_RETRY_SECONDS,
        )
