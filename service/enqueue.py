"""Send a task from the API without failing a request whose work is already committed.

The job (or event) row is the truth and is committed first; the message only wakes a
worker. With the broker down, the request still answers 202: the reaper re-sends queued
jobs whose lease ran out, and the dispatcher sends pending webhook events.
"""

from __future__ import annotations

import logging

from celery import Celery
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def send_or_defer(celery: Celery, name: str, args: list[str]) -> bool:
    try:
        celery.send_task(name, args=args)
    except (OperationalError, RedisError, OSError) as err:
        log.warning(
            "broker unreachable; the reaper will send it", extra={"task": name, "error": str(err)}
        )
        return False
    return True
