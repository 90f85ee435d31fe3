"""Uploads, document lists, results, exports and page images."""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import (
    APIRouter,
    File,
    Header,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from extractors.export import to_csv_bytes, to_xlsx
from schemas import BudgetDocument
from service.body_limit import MULTIPART_SLACK
from service.deps import CeleryDep, SessionDep, SettingsDep, StoreDep, TenantDep
from service.errors import error_responses, problem, too_large
from service.pages import page_png
from service.quotas import check_quota
from service.review.access import reviewed_json
from service.schemas import DocumentList, DocumentPublic, JobPublic
from service.uploads import check_pdf, spool
from workers import jobs
from workers.models import Document, Job, Result

log = logging.getLogger(__name__)
router = APIRouter(tags=["documents"], responses=error_responses(401, 404))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Databases take offsets as signed 64-bit integers; far below that, nobody pages this far.
MAX_OFFSET = 10_000_000


@router.post(
    "/documents",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobPublic,
    responses=error_responses(409, 413, 422, 429),
)
def upload_document(
    request: Request,
    response: Response,
    file: Annotated[UploadFile, File(description="The budget PDF")],
    session: SessionDep,
    settings: SettingsDep,
    store: StoreDep,
    celery: CeleryDep,
    tenant: TenantDep,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> Job:
    """Queue a PDF for extraction; 202 with the job and `Location: /v1/jobs/{id}`."""
    declared = int(request.headers.get("content-length") or 0)
    if declared > settings.pipeline.max_bytes + MULTIPART_SLACK:
        raise too_large(settings.pipeline.max_bytes)
    spooled = spool(file.file, settings)
    try:
        job = _replay(session, tenant, idempotency_key, spooled.sha256)
        if job is None:
            check_quota(session, request.app.state.redis, settings, tenant)
            info = check_pdf(spooled, settings)
            new = jobs.NewJob(
                tenant=tenant,
                pdf=spooled.path,
                sha256=spooled.sha256,
                n_bytes=spooled.n_bytes,
                page_count=info.page_count,
                filename=file.filename or "",
                idempotency_key=idempotency_key,
            )
            job, created = jobs.create(session, store, settings.lease_seconds, new)
            if created:  # a concurrent twin that lost the race must not send it again
                jobs.enqueue(celery, job.id)  # after the commit
                log.info("job queued", extra={"job_id": job.id, "tenant_id": tenant})
    finally:
        spooled.path.unlink(missing_ok=True)
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return job


def _replay(session: Session, tenant: str, key: str | None, sha256: str) -> Job | None:
    """The job an earlier request with this Idempotency-Key created; 409 if the body differs."""
    try:
        return jobs.replay(session, tenant, key, sha256)
    except jobs.IdempotencyConflict as err:
        reason = "Idempotency-Key was used with a different body"
        raise problem(status.HTTP_409_CONFLICT, reason, "idempotency_conflict") from err


@router.get("/documents", response_model=DocumentList)
def list_documents(
    session: SessionDep,
    tenant: TenantDep,
    state: str | None = None,
    department: str | None = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> DocumentList:
    """Documents with the state of their latest job; filter by state, department, year."""
    latest = (
        select(Job.document_id, func.max(Job.created_at).label("at"))
        .where(Job.tenant_id == tenant)
        .group_by(Job.document_id)
        .subquery()
    )
    query = (
        select(Document, Job)
        .join(latest, latest.c.document_id == Document.id)
        .join(Job, (Job.document_id == Document.id) & (Job.created_at == latest.c.at))
        .where(Document.tenant_id == tenant)
        .order_by(Document.created_at.desc())
    )
    if state:
        query = query.where(Job.state == state)
    if department:
        query = query.where(Document.department.contains(department))
    if year:
        query = query.where(Document.fiscal_year == year)
    rows = session.execute(query.limit(limit).offset(offset)).all()
    items = [
        DocumentPublic.model_validate(doc).model_copy(
            update={"state": job.state, "latest_job_id": job.id}
        )
        for doc, job in rows
    ]
    return DocumentList(items=items)


def tenant_document(session: Session, tenant: str, document_id: str) -> Document:
    """Another tenant's document is 404, exactly like a missing one."""
    document = session.get(Document, document_id)
    if document is None or document.tenant_id != tenant:
        raise problem(status.HTTP_404_NOT_FOUND, "no such document", "not_found")
    return document


def latest_result(session: Session, tenant: str, document_id: str) -> Result:
    document = tenant_document(session, tenant, document_id)
    result = session.scalars(
        select(Result).where(Result.document_id == document.id).order_by(Result.version.desc())
    ).first()
    if result is None:
        raise problem(
            status.HTTP_404_NOT_FOUND, "no result yet: see the document's job", "not_found"
        )
    return result


@router.get("/documents/{document_id}", response_model=DocumentPublic)
def get_document(document_id: str, session: SessionDep, tenant: TenantDep) -> Document:
    return tenant_document(session, tenant, document_id)


@router.get(
    "/documents/{document_id}/result",
    responses={200: {"model": BudgetDocument, "description": "The latest BudgetDocument"}},
)
def get_result(
    document_id: str,
    session: SessionDep,
    tenant: TenantDep,
    version: Annotated[Literal["latest", "reviewed"], Query()] = "latest",
) -> JSONResponse:
    """`version=reviewed`: with every correction applied, and an ETag for If-Match."""
    if version == "reviewed":
        return reviewed_json(session, tenant, document_id)
    result = latest_result(session, tenant, document_id)
    return JSONResponse(
        result.body, headers={"X-Result-Version": str(result.version), "X-Job-Id": result.job_id}
    )


@router.get("/documents/{document_id}/result.csv", response_class=Response)
def get_result_csv(document_id: str, session: SessionDep, tenant: TenantDep) -> Response:
    doc = BudgetDocument.model_validate(latest_result(session, tenant, document_id).body)
    return Response(to_csv_bytes(doc), media_type="text/csv; charset=utf-8")


@router.get("/documents/{document_id}/result.xlsx", response_class=Response)
def get_result_xlsx(document_id: str, session: SessionDep, tenant: TenantDep) -> Response:
    doc = BudgetDocument.model_validate(latest_result(session, tenant, document_id).body)
    return Response(to_xlsx(doc), media_type=XLSX)


@router.get(
    "/documents/{document_id}/pages/{page:int}.png",
    response_class=FileResponse,
    responses=error_responses(422),
)
def get_page_png(
    document_id: str,
    page: int,
    session: SessionDep,
    settings: SettingsDep,
    tenant: TenantDep,
    store: StoreDep,
) -> FileResponse:
    document = tenant_document(session, tenant, document_id)
    if not 1 <= page <= document.page_count:
        raise problem(status.HTTP_404_NOT_FOUND, "no such page", "not_found")
    png = page_png(store, settings, document.sha256, page)
    return FileResponse(png, media_type="image/png")
