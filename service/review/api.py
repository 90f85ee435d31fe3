"""Corrections API (`/v1`): the UI calls exactly these, with its cookie and CSRF token."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from celery import Celery
from fastapi import APIRouter, Depends, Header, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from extractors.export import to_csv_bytes, to_xlsx
from schemas import BudgetDocument, Status
from schemas.paths import iter_amounts
from service.deps import CeleryDep, SessionDep, TenantDep
from service.errors import error_responses, problem
from service.review.access import owned_document, owned_state
from service.review.edits import Applied, EditError, ValueEdit, amount_at, apply_edit
from service.review.exports import corrections_csv
from service.review.reapply import finding_key
from service.review.store import (
    Change,
    Stale,
    audit,
    check_etag,
    commit_changes,
    etag_of,
    resolved_findings,
)
from service.review.web_auth import actor
from workers.jobs import send_or_defer
from workers.states import Task

router = APIRouter(tags=["review"], responses=error_responses(401, 404))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IfMatch = Annotated[str | None, Header(description="The ETag of the reviewed result")]


class FindingResolution(BaseModel):
    finding: str = Field(description="The finding's key, as listed by GET …/review")
    resolution: Literal["confirmed", "extraction_error"]
    path: str | None = Field(default=None, description="extraction_error: the value to fix")
    # The same limits as a value's correction: the fix becomes one.
    raw: str | None = Field(default=None, max_length=200)
    unit: str | None = Field(default=None, max_length=8)
    reason: str = Field(default="", max_length=2000)


def _require_owned(document_id: str, session: SessionDep, tenant: TenantDep) -> None:
    """Another tenant's document is 404 before its request body is even validated (a 422
    would tell the intruder the id exists)."""
    owned_document(session, tenant, document_id)


Owned = Annotated[None, Depends(_require_owned)]


def _precondition(if_match: str | None) -> str:
    if not if_match:
        raise problem(
            status.HTTP_428_PRECONDITION_REQUIRED,
            "send If-Match with the ETag of GET …/result?version=reviewed",
            "precondition_required",
        )
    return if_match


def _stale(err: Stale) -> JSONResponse:
    return JSONResponse(
        {
            "reason": "the document changed since your ETag",
            "code": "stale_etag",
            "current_etag": err.current,
            "changes": err.changes,
        },
        status_code=status.HTTP_412_PRECONDITION_FAILED,
        headers={"ETag": err.current},
    )


def _answer(change: Change, celery: Celery, extra: dict[str, Any] | None = None) -> JSONResponse:
    for event_id in change.events:  # after the commit, like every other webhook event
        send_or_defer(celery, Task.DELIVER_WEBHOOK, [event_id])
    body = {
        "etag": change.etag,
        "open_items": change.open_items,
        "state": change.state,
        "confirmed_by_evidence": change.confirmed,
        "failing": change.failing,
        "needs_review": change.needs_review,
    }
    return JSONResponse(body | (extra or {}), headers={"ETag": change.etag})


def _apply(
    session: SessionDep, tenant: str, document_id: str, if_match: str, edits: list[Any]
) -> tuple[Any, BudgetDocument, list[Applied]]:
    _, state = owned_state(session, tenant, document_id)
    check_etag(session, state, if_match)
    doc = BudgetDocument.model_validate(state.body)
    try:
        applied = [apply_edit(doc, path, edit) for path, edit in edits]
    except LookupError as err:
        raise problem(status.HTTP_404_NOT_FOUND, f"no value at {err}", "not_found") from err
    except EditError as err:
        raise problem(status.HTTP_422_UNPROCESSABLE_CONTENT, str(err), "invalid_edit") from err
    return state, doc, applied


@dataclass(frozen=True, slots=True)
class Reviewing:
    """One change to a document's reviewed version: by whom, on what, against which ETag."""

    request: Request
    session: Session
    tenant: str
    celery: Celery
    document_id: str
    if_match: str | None

    def commit(
        self,
        edits: list[Any],
        reason: str,
        then: Callable[[BudgetDocument, list[Applied]], None] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Response:
        """Apply `edits` (and `then`, which may add to what was applied), re-run the
        identities, commit; 412 if the document changed since the ETag."""
        try:
            state, doc, applied = _apply(
                self.session, self.tenant, self.document_id, _precondition(self.if_match), edits
            )
            if then is not None:
                then(doc, applied)
            audit_as = (actor(self.request), reason)
            change = commit_changes(self.session, state, doc, applied, audit_as)
        except Stale as err:
            return _stale(err)
        return _answer(change, self.celery, extra)


def _reviewing(
    document_id: str,
    request: Request,
    session: SessionDep,
    tenant: TenantDep,
    celery: CeleryDep,
    if_match: IfMatch = None,
) -> Reviewing:
    return Reviewing(request, session, tenant, celery, document_id, if_match)


ReviewingDep = Annotated[Reviewing, Depends(_reviewing)]


@router.patch("/documents/{document_id}/values/{path:path}")
def patch_value(_owned: Owned, path: str, edit: ValueEdit, review: ReviewingDep) -> Response:
    """Correct (`raw` as printed, `unit`), `confirm` or mark `not_applicable` one value."""
    return review.commit([(path, edit)], edit.reason)


@router.post("/documents/{document_id}/tables/{table_id}/confirm")
def confirm_table(table_id: str, review: ReviewingDep) -> Response:
    """Confirm every value read from one table (accepted or in review) in one action."""
    _, state = owned_state(review.session, review.tenant, review.document_id)
    paths = table_paths(BudgetDocument.model_validate(state.body), table_id)
    edits = [(p, ValueEdit(action="confirm")) for p in paths]
    reason = f"table {table_id} confirmed as a whole"
    return review.commit(edits, reason, extra={"confirmed": paths})


def table_paths(doc: BudgetDocument, table_id: str) -> list[str]:
    todo = (Status.accepted, Status.needs_review)
    return [
        path
        for path, amount in iter_amounts(doc)
        if amount.status in todo and any(s.table_id == table_id for s in amount.sources)
    ]


@router.post("/documents/{document_id}/findings")
def resolve_finding(_owned: Owned, body: FindingResolution, review: ReviewingDep) -> Response:
    """A finding is `confirmed` (the document says so) or an `extraction_error`, then the
    value at `path` is corrected to `raw`."""
    edits: list[Any] = []
    if body.resolution == "extraction_error":
        if not body.path or not body.raw:
            raise problem(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "path and raw needed", "invalid_request"
            )
        edits = [(body.path, ValueEdit(raw=body.raw, unit=body.unit, reason=body.reason))]

    def resolve(doc: BudgetDocument, applied: list[Applied]) -> None:
        keys = {finding_key(f.rule, f.paths): f for f in doc.findings}
        if body.finding not in keys:
            raise problem(status.HTTP_404_NOT_FOUND, "no such open finding", "not_found")
        found = keys[body.finding]
        action = "finding_confirmed" if body.resolution == "confirmed" else "finding_error"
        applied.append(Applied(body.finding, action, _finding_amount(doc, found.paths), None))

    return review.commit(edits, body.reason, then=resolve)


def _finding_amount(doc: BudgetDocument, paths: list[str]) -> Any:
    return amount_at(doc, paths[0]) if paths else None


@router.get("/documents/{document_id}/review")
def review_summary(document_id: str, session: SessionDep, tenant: TenantDep) -> JSONResponse:
    """State, open items (values in review, open findings) and re-extraction conflicts."""
    _, state = owned_state(session, tenant, document_id)
    doc = BudgetDocument.model_validate(state.body)
    resolved = resolved_findings(session, document_id)
    findings = [
        {
            "key": finding_key(f.rule, f.paths),
            "rule": f.rule,
            "message": f.message,
            "pages": f.pages,
            "paths": f.paths,
            "resolved": finding_key(f.rule, f.paths) in resolved,
        }
        for f in doc.findings
    ]
    body = {
        "document_id": document_id,
        "state": state.state,
        "etag": etag_of(state),
        "open_items": state.open_items,
        "needs_review": doc.review.fields,
        "findings": findings,
        "conflicts": state.conflicts,
    }
    return JSONResponse(body, headers={"ETag": etag_of(state)})


@router.get("/documents/{document_id}/audit")
def get_audit(document_id: str, session: SessionDep, tenant: TenantDep) -> list[dict[str, Any]]:
    """Who, when, path, old → new, reason; `actor = checks` for values confirmed by evidence."""
    owned_document(session, tenant, document_id)
    return audit(session, document_id)


@router.get("/documents/{document_id}/reviewed.csv", response_class=Response)
def reviewed_csv(document_id: str, session: SessionDep, tenant: TenantDep) -> Response:
    _, state = owned_state(session, tenant, document_id)
    doc = BudgetDocument.model_validate(state.body)
    return Response(to_csv_bytes(doc), media_type="text/csv; charset=utf-8")


@router.get("/documents/{document_id}/reviewed.xlsx", response_class=Response)
def reviewed_xlsx(document_id: str, session: SessionDep, tenant: TenantDep) -> Response:
    _, state = owned_state(session, tenant, document_id)
    return Response(to_xlsx(BudgetDocument.model_validate(state.body)), media_type=XLSX)


@router.get("/corrections.csv", response_class=Response)
def export_corrections(session: SessionDep, tenant: TenantDep) -> Response:
    """Every correction of the tenant with the printed source: training data."""
    return Response(corrections_csv(session, tenant), media_type="text/csv; charset=utf-8")
