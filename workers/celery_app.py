"""The Celery application: `celery -A workers.celery_app worker -Q extract,webhooks,maintenance`."""

from __future__ import annotations

import functools
import resource
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

from celery import Celery
from celery.signals import worker_process_init
from sqlalchemy.exc import OperationalError

from config import Settings
from workers.celery_config import celery_conf
from workers.holders import release_own_claims
from workers.logs import configure_logging
from workers.page_guard import install_decompression_cap

F = TypeVar("F", bound=Callable[..., Any])


@cache
def current_settings() -> Settings:
    """This process's settings, read from the environment on first use (not at import)."""
    return Settings()


# The worker imports the task module when it starts (`include`): it imports this one.
app = Celery("budgetlens", include=["workers.tasks"])
app.add_defaults(lambda: celery_conf(current_settings()))  # evaluated on first use of app.conf


def task(name: str) -> Callable[[F], F]:
    """`app.task` with its type kept (Celery ships no annotations); names are explicit.

    A database that is down (OperationalError) is waited out: the task is sent again with
    a growing delay. Every step is safe to run twice, and a step's own earlier claim is
    taken back (workers/holders.py), so a retry picks up where the first run stopped.
    """
    decorator = app.task(
        name=str(name),
        autoretry_for=(OperationalError,),
        retry_backoff=2,
        retry_backoff_max=60,
        max_retries=20,
    )

    def register(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return fn(*args, **kwargs)
            except OperationalError:
                release_own_claims()
                raise

        return cast(F, decorator(run))

    return register


_on_child_start = cast(Callable[[F], F], worker_process_init.connect)


@_on_child_start
def _limit_child(**_: Any) -> None:
    """Each pool child extracts PDFs: cap its memory so a hostile file kills a child only."""
    settings = current_settings()
    configure_logging(settings.log_level)
    install_decompression_cap(settings.max_decompressed_mb)
    if settings.worker_max_memory_mb > 0:
        limit = settings.worker_max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
