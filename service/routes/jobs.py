"""Job status."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from service.deps import SessionDep, TenantDep
from service.schemas import JobPublic
from workers.models import Job

router = APIRouter(tags=["jobs"])


@router.get("/jobs/{job_id}", response_model=JobPublic)
def get_job(job_id: str, session: SessionDep, tenant: TenantDep) -> Job:
    job = session.get(Job, job_id)
    if job is None or job.tenant_id != tenant:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such job")
    return job
