"""Tables of the review queue: reviewer accounts, their sessions, the reviewed document
state and the audit trail of every correction (issue 11)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workers.models import Base, utcnow


class Reviewer(Base):
    __tablename__ = "reviewers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    # One login name across tenants: the login form asks for no tenant.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)


class ReviewSession(Base):
    __tablename__ = "review_sessions"

    # sha256 of the cookie value: a leaked table does not log anyone in.
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reviewer_id: Mapped[str] = mapped_column(
        ForeignKey("reviewers.id", ondelete="CASCADE"), index=True
    )
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class ReviewState(Base):
    """The reviewed version of a document: the latest result with every correction applied.

    `revision` counts changes; with `base_version` it makes the ETag. A new extraction
    (a higher result version) rebuilds the body by re-applying the corrections."""

    __tablename__ = "review_states"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    base_version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    body: Mapped[dict[str, Any]] = mapped_column()
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | reviewed
    open_items: Mapped[int] = mapped_column(Integer, default=0)
    conflicts: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(default=None)


class Correction(Base):
    """One audit entry: a reviewer's (or an API key's) action, or a value the re-run checks
    confirmed (`action = evidence`, `actor = checks`)."""

    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    base_version: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(500))
    # correct | confirm | not_applicable | evidence | finding_confirmed | finding_error
    action: Mapped[str] = mapped_column(String(24))
    old_value: Mapped[str | None] = mapped_column(String(40), default=None)
    new_value: Mapped[str | None] = mapped_column(String(40), default=None)
    old_raw: Mapped[str | None] = mapped_column(String(200), default=None)
    new_raw: Mapped[str | None] = mapped_column(String(200), default=None)
    unit: Mapped[str | None] = mapped_column(String(8), default=None)
    # Where the value was printed (first source): with old -> new, training data.
    source: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
