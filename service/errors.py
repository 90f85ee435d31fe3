"""Answers for infrastructure failures: a client gets a reason and when to retry, no trace."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.responses import JSONResponse

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """SQLAlchemy's OperationalError: the database is down or unreachable; nothing was written."""
    log.warning("database unavailable", extra={"path": request.url.path, "error": str(exc)[:200]})
    return JSONResponse(
        {"detail": {"reason": "the database is unavailable, retry later", "code": "unavailable"}},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
