"""Cookie sessions for the review UI: who is signed in, and CSRF on every unsafe request."""

from __future__ import annotations

import hmac

from fastapi import Request, status
from sqlalchemy.orm import Session

from service.errors import problem
from service.review.accounts import SESSION_COOKIE, SignedIn, signed_in

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


def current_reviewer(request: Request, session: Session) -> SignedIn | None:
    cached: SignedIn | None = getattr(request.state, "reviewer", None)
    if cached is not None:
        return cached
    who = signed_in(session, request.cookies.get(SESSION_COOKIE))
    request.state.reviewer = who
    return who


def check_csrf(request: Request, who: SignedIn, submitted: str | None) -> None:
    if request.method in SAFE_METHODS:
        return
    if not submitted or not hmac.compare_digest(submitted, who.csrf):
        raise problem(status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token", "csrf")


def tenant_for_cookie(request: Request, session: Session) -> str | None:
    """The signed-in reviewer's tenant; unsafe methods must carry the session's CSRF token
    in the X-CSRF-Token header (a cross-site form cannot set headers)."""
    who = current_reviewer(request, session)
    if who is None:
        return None
    check_csrf(request, who, request.headers.get(CSRF_HEADER))
    return who.tenant_id


def actor(request: Request) -> str:
    """Who an audit entry names: the reviewer's email, else the API key's prefix."""
    who: SignedIn | None = getattr(request.state, "reviewer", None)
    if who is not None:
        return who.email
    header = request.headers.get("authorization", "")
    return "api:" + header.removeprefix("Bearer ").strip()[:10]
