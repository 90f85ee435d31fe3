"""Documents and their reviewed state, seen from one tenant (another tenant's is 404)."""

from __future__ import annotations

from fastapi import status
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from service.errors import problem
from service.review.store import NoResult, etag_of, review_state
from workers.models import Document
from workers.review_models import ReviewState


def owned_document(session: Session, tenant: str, document_id: str) -> Document:
    document = session.get(Document, document_id)
    if document is None or document.tenant_id != tenant:
        raise problem(status.HTTP_404_NOT_FOUND, "no such document", "not_found")
    return document


def owned_state(session: Session, tenant: str, document_id: str) -> tuple[Document, ReviewState]:
    document = owned_document(session, tenant, document_id)
    try:
        return document, review_state(session, document)
    except NoResult as err:
        raise problem(
            status.HTTP_404_NOT_FOUND, "no result yet: see the document's job", "not_found"
        ) from err


def reviewed_json(session: Session, tenant: str, document_id: str) -> JSONResponse:
    """`GET /v1/documents/{id}/result?version=reviewed`: statuses corrected / confirmed."""
    _, state = owned_state(session, tenant, document_id)
    return JSONResponse(
        state.body,
        headers={
            "ETag": etag_of(state),
            "X-Result-Version": str(state.base_version),
            "X-Review-State": state.state,
        },
    )
