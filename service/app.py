"""The FastAPI application: `uvicorn service.app:app` (settings from the environment)."""

from __future__ import annotations

from fastapi import FastAPI
from redis import Redis
from sqlalchemy.exc import DataError, OperationalError

from config import Settings
from service.body_limit import BodyLimit
from service.errors import UNAVAILABLE, database_unavailable, invalid_value
from service.request_id import RequestId
from service.review import api as review_api
from service.review import ui as review_ui
from service.routes import documents, health, jobs, webhooks
from workers.celery_config import make_celery
from workers.logs import configure_logging


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    if settings.environment == "production" and settings.webhook_allow_loopback:
        raise RuntimeError("WEBHOOK_ALLOW_LOOPBACK must be off in production")
    app = FastAPI(
        title="BudgetLens",
        version="1",
        description="Chinese government budget PDFs to JSON, with confidence and provenance.",
        responses=UNAVAILABLE,
    )
    app.state.settings = settings
    # The API only sends tasks by name; it never imports or runs them.
    app.state.celery = make_celery(settings)
    app.state.redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    for router in (documents.router, jobs.router, webhooks.router, review_api.router):
        app.include_router(router, prefix="/v1")
    app.include_router(health.router)
    review_ui.mount(app)
    app.add_middleware(BodyLimit, file_limit=settings.pipeline.max_bytes)
    app.add_middleware(RequestId)  # outermost of ours: a 413 from BodyLimit carries it too
    app.add_exception_handler(OperationalError, database_unavailable)
    app.add_exception_handler(DataError, invalid_value)
    return app


def app() -> FastAPI:
    """Factory for `uvicorn --factory service.app:app`."""
    settings = Settings.from_env()
    configure_logging(settings.log_level)
    return create_app(settings)
