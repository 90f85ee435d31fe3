"""Send one outbox event: claim it, sign, POST, record the attempt, schedule the next."""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config import Settings
from workers.claims import claim, lease_free, lease_until
from workers.db import session_scope
from workers.models import Delivery, WebhookEndpoint, WebhookEvent, utcnow
from workers.states import EventState
from workers.webhooks import signing
from workers.webhooks.pinning import pinned
from workers.webhooks.ssrf import UnsafeUrl, check_url

log = logging.getLogger(__name__)
CLAIM_SECONDS = 60


@dataclass(frozen=True, slots=True)
class AttemptOutcome:
    status_code: int | None
    error: str | None
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def deliver_event(settings: Settings, event_id: str) -> str:
    """Returns the event's state afterwards (or 'skipped' when another worker holds it)."""
    if not _claim(settings, event_id):
        return "skipped"
    with session_scope(settings.database_url) as session:
        event = session.get(WebhookEvent, event_id)
        endpoint = session.get(WebhookEndpoint, event.endpoint_id) if event else None
        if event is None or endpoint is None:
            return "missing"
        if not endpoint.enabled or endpoint.deleted_at is not None:
            event.state = EventState.CANCELLED
            return event.state
        url, secret, body = endpoint.url, endpoint.secret, _body(event)
    outcome = _send(settings, url, secret, event_id, body)
    with session_scope(settings.database_url) as session:
        return _record(session, settings, event_id, outcome)


def _claim(settings: Settings, event_id: str) -> bool:
    now = utcnow()
    with session_scope(settings.database_url) as session:
        return claim(
            session,
            WebhookEvent,
            WebhookEvent.id == event_id,
            WebhookEvent.state == EventState.PENDING,
            WebhookEvent.next_attempt_at <= now,
            lease_free(WebhookEvent.locked_until, now),
            locked_until=lease_until(now, CLAIM_SECONDS),
            attempts=WebhookEvent.attempts + 1,
        )


def _body(event: WebhookEvent) -> str:
    return json.dumps(event.payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _send(settings: Settings, url: str, secret: str, msg_id: str, body: str) -> AttemptOutcome:
    started = time.monotonic()
    try:
        # Checked again at send time: DNS may have changed since registration.
        addresses = check_url(url, allow_loopback=settings.webhook_allow_loopback)
        target = pinned(url, addresses[0])
        headers = signing.headers(secret, msg_id, int(time.time()), body) | target.headers
        with httpx.Client(timeout=settings.webhook_timeout_seconds, follow_redirects=False) as c:
            response = c.post(
                target.url, content=body.encode(), headers=headers, extensions=target.extensions
            )
        status: int | None = response.status_code
        error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    except UnsafeUrl as err:
        status, error = None, f"refused: {err}"
    except httpx.HTTPError as err:
        status, error = None, f"{type(err).__name__}: {err}"
    return AttemptOutcome(status, error, int((time.monotonic() - started) * 1000))


def _record(session: Session, settings: Settings, event_id: str, outcome: AttemptOutcome) -> str:
    event = session.get(WebhookEvent, event_id)
    assert event is not None
    endpoint = session.get(WebhookEndpoint, event.endpoint_id)
    assert endpoint is not None
    previous = session.scalar(
        select(func.count()).select_from(Delivery).where(Delivery.event_id == event_id)
    )
    session.add(
        Delivery(
            event_id=event_id,
            endpoint_id=endpoint.id,
            attempt=(previous or 0) + 1,
            status_code=outcome.status_code,
            ok=outcome.ok,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
    )
    event.locked_until = None
    if outcome.ok:
        event.state = EventState.DELIVERED
    elif outcome.status_code == 410:
        # 410 Gone: the receiver asks us to stop; disable rather than retry for a day.
        event.state = EventState.FAILED
        endpoint.enabled = False
        endpoint.disabled_reason = "receiver answered 410 Gone"
    elif event.attempts >= len(settings.webhook_retry_seconds):
        event.state = EventState.FAILED
    else:
        delay = settings.webhook_retry_seconds[event.attempts]
        event.next_attempt_at = utcnow() + timedelta(seconds=delay)
    log.info(
        "webhook attempt",
        extra={"event_id": event_id, "status_code": outcome.status_code, "state": event.state},
    )
    return event.state


def due_events(settings: Settings, limit: int = 100) -> list[str]:
    """Pending events whose next attempt is due and that no worker holds."""
    now = utcnow()
    with session_scope(settings.database_url) as session:
        rows = session.scalars(
            select(WebhookEvent.id)
            .where(
                WebhookEvent.state == EventState.PENDING,
                WebhookEvent.next_attempt_at <= now,
                lease_free(WebhookEvent.locked_until, now),
            )
            .order_by(WebhookEvent.next_attempt_at)
            .limit(limit)
        )
        return list(rows)
