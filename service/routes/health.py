"""Liveness, readiness and metrics (outside /v1: they are for the platform, not clients)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse, PlainTextResponse
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service import metrics
from service.deps import SessionDep, SettingsDep
from service.metrics_auth import metrics_allowed

router = APIRouter(tags=["health"])


def _redis(request: Request) -> Redis | None:
    client: Redis | None = request.app.state.redis
    return client


@router.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "database or Redis unreachable"}})
def readyz(request: Request, session: SessionDep) -> Response:
    checks: dict[str, str] = {}
    try:
        session.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except SQLAlchemyError as err:
        checks["database"] = f"error: {type(err).__name__}"
    client = _redis(request)
    try:
        if client is None:
            raise RedisError("REDIS_URL not set")
        client.ping()
        checks["redis"] = "ok"
    except RedisError as err:
        checks["redis"] = f"error: {err}"
    ready = all(v == "ok" for v in checks.values())
    code = status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE
    return JSONResponse({"ready": ready, "checks": checks}, status_code=code)


@router.get("/metrics", response_class=PlainTextResponse)
def get_metrics(request: Request, session: SessionDep, settings: SettingsDep) -> PlainTextResponse:
    """Prometheus text; `Authorization: Bearer $METRICS_TOKEN` (unset: loopback clients only)."""
    if not metrics_allowed(request, settings):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Not Found")
    client = _redis(request)
    try:
        body = metrics.render(session, client)
    except RedisError:
        body = metrics.render(session, None)
    return PlainTextResponse(body, media_type="text/plain; version=0.0.4; charset=utf-8")
