"""Find jobs whose lease ran out (worker died, message lost) so they can be re-queued."""

from __future__ import annotations

from sqlalchemy import select, update

from config import Settings
from workers.claims import lease_free, lease_until
from workers.db import session_scope
from workers.models import Job, utcnow
from workers.states import ACTIVE_STATES, JobState


def expired_jobs(settings: Settings, limit: int = 100) -> list[str]:
    """Ids of queued or running jobs past their lease; their lease is pushed forward.

    Pushing the lease keeps the next reaper run from sending the same job again while the
    re-queued message waits; `start_job` still claims only an expired or queued job.
    """
    now = utcnow()
    with session_scope(settings.database_url) as session:
        ids = list(
            session.scalars(
                select(Job.id)
                .where(
                    Job.state.in_(ACTIVE_STATES),
                    lease_free(Job.lease_until, now),
                )
                .limit(limit)
            )
        )
        if ids:
            session.execute(
                update(Job)
                .where(Job.id.in_(ids), Job.state == JobState.QUEUED)
                .values(lease_until=lease_until(now, settings.lease_seconds))
            )
        return ids
