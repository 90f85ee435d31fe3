"""FastAPI dependencies as Annotated aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from celery import Celery
from fastapi import Depends, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from config import Settings
from service.auth import tenant_for_key
from service.errors import problem
from service.review.web_auth import tenant_for_cookie
from workers.db import session_factory
from workers.store import FileStore

_bearer = HTTPBearer(auto_error=False)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_session(settings: SettingsDep) -> Iterator[Session]:
    session = session_factory(settings.database_url)()
    try:
        yield session
    finally:
        session.close()


SessionDep = Annotated[Session, Depends(get_session)]


def get_celery(request: Request) -> Celery:
    celery: Celery = request.app.state.celery
    return celery


CeleryDep = Annotated[Celery, Depends(get_celery)]


def get_store(settings: SettingsDep) -> FileStore:
    return FileStore(settings.store_dir)


StoreDep = Annotated[FileStore, Depends(get_store)]


def get_tenant(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    tenant = tenant_for_key(session, credentials.credentials) if credentials else None
    if credentials is None:
        # The review UI calls the same endpoints with its session cookie (and CSRF token).
        tenant = tenant_for_cookie(request, session)
    if tenant is None:
        raise problem(
            status.HTTP_401_UNAUTHORIZED,
            "missing or invalid API key",
            "unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return tenant


TenantDep = Annotated[str, Depends(get_tenant)]
