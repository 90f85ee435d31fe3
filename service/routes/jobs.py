"""Job status, and cancelling a job."""

from __future__ import annotations

from fastapi import APIRouter, status
from sqlalchemy.orm import Session

from service.deps import CeleryDep, SessionDep, TenantDep
from service.errors import error_responses, problem
from service.schemas import JobPublic
from workers import jobs
from workers.models import Job
from workers.states import Task

router = APIRouter(tags=["jobs"], responses=error_responses(401, 404))


def tenant_job(session: Session, tenant: str, job_id: str) -> Job:
    """Another tenant's job is 404, exactly like a missing one."""
    job = session.get(Job, job_id)
    if job is None or job.tenant_id != tenant:
        raise problem(status.HTTP_404_NOT_FOUND, "no such job", "not_found")
    return job


@router.get("/jobs/{job_id}", response_model=JobPublic)
def get_job(job_id: str, session: SessionDep, tenant: TenantDep) -> Job:
    return tenant_job(session, tenant, job_id)


@router.post("/jobs/{job_id}/cancel", response_model=JobPublic, responses=error_responses(409))
def cancel_job(job_id: str, session: SessionDep, celery: CeleryDep, tenant: TenantDep) -> Job:
    """Stop a queued or running job: it ends `failed`, its error's code `cancelled`.

    409 once it has finished or while its pages are being merged (it ends by itself soon).
    """
    job = tenant_job(session, tenant, job_id)
    events = jobs.cancel(session, job.id)
    if events is None:
        reason = f"the job is {job.state} in phase {job.phase}"
        raise problem(status.HTTP_409_CONFLICT, reason, "not_cancellable")
    session.commit()
    for event_id in events:  # after the commit, like every other webhook event
        jobs.send_or_defer(celery, Task.DELIVER_WEBHOOK, [event_id])
    return job
