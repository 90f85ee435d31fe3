"""Answers for infrastructure failures: a client gets a reason and when to retry, no trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import HTTPException, Request, status
from fastapi.responses import JSONResponse

from service.schemas import Problem, ValidationProblem

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


def problem(
    status_code: int, reason: str, code: str, headers: dict[str, str] | None = None
) -> HTTPException:
    """An error answered as `{"detail": {"reason", "code"}}` (the `Problem` model)."""
    return HTTPException(status_code, {"reason": reason, "code": code}, headers=headers)


def too_large(limit: int) -> HTTPException:
    reason = f"upload is over the limit of {limit} bytes"
    return problem(status.HTTP_413_CONTENT_TOO_LARGE, reason, "too_large")


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the error statuses a route answers with a `Problem`; a 422
    may also be FastAPI's validation list, for a request malformed before the route runs."""
    return {
        code: {"model": (Problem | ValidationProblem) if code == 422 else Problem} for code in codes
    }


# Every route may answer it (the handler below): declared once, on the application.
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": Problem, "description": "the database is down; see Retry-After"}
}


async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """SQLAlchemy's OperationalError: the database is down or unreachable; nothing was written."""
    log.warning("database unavailable", extra={"path": request.url.path, "error": str(exc)[:200]})
    return JSONResponse(
        {"detail": {"reason": "the database is unavailable, retry later", "code": "unavailable"}},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def invalid_value(request: Request, exc: Exception) -> JSONResponse:
    """SQLAlchemy's DataError: PostgreSQL refuses a value the client sent (a NUL character in
    an id or a filter) before any row is read; the request, not the server, is at fault."""
    log.info("value refused by the database", extra={"path": request.url.path})
    reason = "a value in the request cannot be used (e.g. a NUL character)"
    return JSONResponse({"detail": {"reason": reason, "code": "invalid_value"}}, status_code=422)
