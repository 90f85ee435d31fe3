"""The review UI at /review: server-rendered pages, one small script, no CDN."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select

from service.deps import SessionDep
from service.errors import problem
from service.review import queue
from service.review.accounts import (
    SESSION_COOKIE,
    SESSION_HOURS,
    SignedIn,
    authenticate,
    close_session,
    open_session,
)
from service.review.views import document_view, findings_view, item_view, table_view
from service.review.web_auth import check_csrf, current_reviewer
from workers.models import Document

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=HERE / "templates")
router = APIRouter(prefix="/review", include_in_schema=False)
LOGIN_CSRF = "bl_login_csrf"
# Only our own script and styles (source boxes are positioned by style attributes); no
# framing, forms post only here.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self'; frame-ancestors 'none'; form-action 'self'"
)


class LoginRequired(Exception):
    pass


def reviewer(request: Request, session: SessionDep) -> SignedIn:
    who = current_reviewer(request, session)
    if who is None:
        raise LoginRequired
    return who


ReviewerDep = Annotated[SignedIn, Depends(reviewer)]


def mount(app: FastAPI) -> None:
    app.mount("/review/static", StaticFiles(directory=HERE / "static"), name="review-static")
    app.include_router(router)

    @app.exception_handler(LoginRequired)
    def _login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/review/login", status.HTTP_303_SEE_OTHER)


def render(request: Request, name: str, who: SignedIn | None, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, {"who": who, **context})
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Security-Policy"] = CSP
    return response


def _cookie(request: Request, response: Response, name: str, value: str, max_age: int) -> None:
    # Development serves plain http on loopback; production is behind TLS: Secure there.
    secure = request.app.state.settings.environment == "production"
    response.set_cookie(
        name, value, max_age=max_age, httponly=True, samesite="strict", secure=secure
    )


@router.get("/login")
def login_form(request: Request) -> Response:
    # Login CSRF: a double-submit token, since there is no session yet.
    token = secrets.token_urlsafe(24)
    response: Response = render(request, "login.html", None, csrf=token, error=None)
    _cookie(request, response, LOGIN_CSRF, token, 3600)
    return response


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()],
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF, "")
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise problem(status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token", "csrf")
    found = authenticate(session, email, password)
    if found is None:
        failed = render(request, "login.html", None, csrf=expected, error="wrong email or password")
        failed.status_code = status.HTTP_401_UNAUTHORIZED
        return failed
    token = open_session(session, found)
    session.commit()
    response = RedirectResponse("/review", status.HTTP_303_SEE_OTHER)
    _cookie(request, response, SESSION_COOKIE, token, SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_CSRF)
    return response


@router.post("/logout")
def logout(
    request: Request, session: SessionDep, who: ReviewerDep, csrf_token: Annotated[str, Form()]
) -> Response:
    check_csrf(request, who, csrf_token)
    close_session(session, request.cookies.get(SESSION_COOKIE, ""))
    session.commit()
    response = RedirectResponse("/review/login", status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("")
def queue_page(
    request: Request,
    session: SessionDep,
    who: ReviewerDep,
    department: str = "",
    year: int | None = None,
    table_kind: str = "",
    check: str = "",
    status_filter: Annotated[str, Query(alias="status")] = "needs_review",
) -> Response:
    filters = queue.Filters(table_kind, check, status_filter)
    query = select(Document).where(Document.tenant_id == who.tenant_id)
    if department:
        query = query.where(Document.department.contains(department))
    if year:
        query = query.where(Document.fiscal_year == year)
    rows = [
        view
        for document in session.scalars(query.order_by(Document.created_at.desc()))
        if (view := document_view(session, document, filters)) is not None
    ]
    rows.sort(key=lambda v: (v.state == "reviewed", -v.open_items))
    form = {
        "department": department,
        "year": year or "",
        "table_kind": table_kind,
        "check": check,
        "status": filters.status,
    }
    return render(request, "queue.html", who, documents=rows, form=form)


@router.get("/documents/{document_id}/items/{path:path}")
def item_page(
    request: Request, document_id: str, path: str, session: SessionDep, who: ReviewerDep
) -> Response:
    view = item_view(session, who.tenant_id, document_id, path)
    return render(request, "item.html", who, v=view)


@router.get("/documents/{document_id}")
def first_item(
    request: Request, document_id: str, session: SessionDep, who: ReviewerDep
) -> Response:
    """The riskiest open item; the open findings when only they are left; else "done"."""
    view = item_view(session, who.tenant_id, document_id, None)
    if view.item is not None:
        target = f"/review/documents/{document_id}/items/{view.item.path}"
        return RedirectResponse(target, status.HTTP_303_SEE_OTHER)
    if view.doc.findings:
        target = f"/review/documents/{document_id}/findings"
        return RedirectResponse(target, status.HTTP_303_SEE_OTHER)
    return render(request, "item.html", who, v=view)


@router.get("/documents/{document_id}/tables/{table_id}")
def table_page(
    request: Request, document_id: str, table_id: str, session: SessionDep, who: ReviewerDep
) -> Response:
    return render(
        request, "table.html", who, v=table_view(session, who.tenant_id, document_id, table_id)
    )


@router.get("/documents/{document_id}/findings")
def findings_page(
    request: Request, document_id: str, session: SessionDep, who: ReviewerDep
) -> Response:
    return render(
        request, "findings.html", who, v=findings_view(session, who.tenant_id, document_id)
    )
