"""Reviewer accounts (argon2id password hashes) and their login sessions.

The session cookie holds a random token; the database keeps only its sha256. Each session
has its own CSRF token, sent back by the UI in forms and in the `X-CSRF-Token` header."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workers.models import new_id, utcnow
from workers.review_models import Reviewer, ReviewSession

SESSION_COOKIE = "bl_session"
SESSION_HOURS = 12
_hasher = PasswordHasher()
# Verified against when the email is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class SignedIn:
    reviewer_id: str
    tenant_id: str
    email: str
    csrf: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_reviewer(session: Session, tenant_id: str, email: str, password: str) -> Reviewer:
    if len(password) < 10:
        raise ValueError("password must be at least 10 characters")
    reviewer = Reviewer(
        id=new_id("rev"),
        tenant_id=tenant_id,
        email=email.strip().lower(),
        password_hash=_hasher.hash(password),
    )
    session.add(reviewer)
    session.flush()
    return reviewer


def authenticate(session: Session, email: str, password: str) -> Reviewer | None:
    reviewer = session.scalars(
        select(Reviewer).where(Reviewer.email == email.strip().lower())
    ).first()
    try:
        _hasher.verify(reviewer.password_hash if reviewer else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if reviewer is None or reviewer.disabled_at is not None:
        return None
    return reviewer


def open_session(session: Session, reviewer: Reviewer) -> str:
    """A new session; returns the cookie value (never stored). Expired sessions go."""
    session.execute(delete(ReviewSession).where(ReviewSession.expires_at < utcnow()))
    token = secrets.token_urlsafe(32)
    session.add(
        ReviewSession(
            id=_digest(token),
            reviewer_id=reviewer.id,
            csrf=secrets.token_urlsafe(24),
            expires_at=utcnow() + timedelta(hours=SESSION_HOURS),
        )
    )
    return token


def signed_in(session: Session, token: str | None) -> SignedIn | None:
    if not token:
        return None
    row = session.get(ReviewSession, _digest(token))
    if row is None or row.expires_at < utcnow():
        return None
    reviewer = session.get(Reviewer, row.reviewer_id)
    if reviewer is None or reviewer.disabled_at is not None:
        return None
    return SignedIn(reviewer.id, reviewer.tenant_id, reviewer.email, row.csrf)


def close_session(session: Session, token: str) -> None:
    session.execute(delete(ReviewSession).where(ReviewSession.id == _digest(token)))
