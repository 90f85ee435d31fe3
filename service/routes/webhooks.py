"""Webhook endpoints per tenant, their events and every delivery attempt."""

from __future__ import annotations

from fastapi import APIRouter, Response, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.deps import CeleryDep, SessionDep, SettingsDep, TenantDep
from service.errors import error_responses, problem
from service.schemas import (
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookEventPublic,
    WebhookPublic,
)
from workers.jobs import send_or_defer
from workers.models import Delivery, WebhookEndpoint, WebhookEvent, new_id, utcnow
from workers.states import EventState, Task
from workers.webhooks.outbox import EVENT_TYPES
from workers.webhooks.signing import new_secret
from workers.webhooks.ssrf import UnsafeUrl, check_url

router = APIRouter(prefix="/webhooks", tags=["webhooks"], responses=error_responses(401, 404))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=WebhookCreated,
    responses=error_responses(422),
)
def create_webhook(
    body: WebhookCreate, session: SessionDep, settings: SettingsDep, tenant: TenantDep
) -> WebhookCreated:
    """Register a URL; the answer carries the signing secret, shown this once."""
    unknown = sorted(set(body.events) - set(EVENT_TYPES))
    if unknown:
        reason = f"unknown event types: {unknown}"
        raise problem(status.HTTP_422_UNPROCESSABLE_CONTENT, reason, "unknown_event")
    url = str(body.url)
    try:
        check_url(url, allow_loopback=settings.webhook_allow_loopback)
    except UnsafeUrl as err:
        raise problem(status.HTTP_422_UNPROCESSABLE_CONTENT, str(err), "unsafe_url") from err
    endpoint = WebhookEndpoint(
        id=new_id("whe"), tenant_id=tenant, url=url, secret=new_secret(), events=body.events
    )
    session.add(endpoint)
    session.commit()
    public = WebhookPublic.model_validate(endpoint)
    return WebhookCreated(**public.model_dump(), secret=endpoint.secret)


@router.get("", response_model=list[WebhookPublic])
def list_webhooks(session: SessionDep, tenant: TenantDep) -> list[WebhookEndpoint]:
    query = select(WebhookEndpoint).where(
        WebhookEndpoint.tenant_id == tenant, WebhookEndpoint.deleted_at.is_(None)
    )
    return list(session.scalars(query.order_by(WebhookEndpoint.created_at)))


def tenant_endpoint(session: Session, tenant: str, endpoint_id: str) -> WebhookEndpoint:
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.tenant_id != tenant or endpoint.deleted_at is not None:
        raise problem(status.HTTP_404_NOT_FOUND, "no such webhook", "not_found")
    return endpoint


@router.get("/{endpoint_id}", response_model=WebhookPublic)
def get_webhook(endpoint_id: str, session: SessionDep, tenant: TenantDep) -> WebhookEndpoint:
    return tenant_endpoint(session, tenant, endpoint_id)


@router.delete("/{endpoint_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_webhook(endpoint_id: str, session: SessionDep, tenant: TenantDep) -> Response:
    # Soft delete: past events and deliveries stay listable for audit.
    endpoint = tenant_endpoint(session, tenant, endpoint_id)
    endpoint.deleted_at = utcnow()
    endpoint.enabled = False
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{endpoint_id}/events", response_model=list[WebhookEventPublic])
def list_events(endpoint_id: str, session: SessionDep, tenant: TenantDep) -> list[WebhookEvent]:
    endpoint = tenant_endpoint(session, tenant, endpoint_id)
    query = select(WebhookEvent).where(WebhookEvent.endpoint_id == endpoint.id)
    return list(session.scalars(query.order_by(WebhookEvent.created_at.desc()).limit(200)))


@router.get("/{endpoint_id}/deliveries", response_model=list[DeliveryPublic])
def list_deliveries(endpoint_id: str, session: SessionDep, tenant: TenantDep) -> list[Delivery]:
    endpoint = tenant_endpoint(session, tenant, endpoint_id)
    query = select(Delivery).where(Delivery.endpoint_id == endpoint.id)
    return list(session.scalars(query.order_by(Delivery.id.desc()).limit(500)))


@router.post(
    "/{endpoint_id}/events/{event_id}/resend",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookEventPublic,
)
def resend_event(
    endpoint_id: str, event_id: str, session: SessionDep, celery: CeleryDep, tenant: TenantDep
) -> WebhookEvent:
    """Send an event again now, with a fresh retry schedule; the webhook-id stays the same."""
    endpoint = tenant_endpoint(session, tenant, endpoint_id)
    event = session.get(WebhookEvent, event_id)
    if event is None or event.endpoint_id != endpoint.id:
        raise problem(status.HTTP_404_NOT_FOUND, "no such event", "not_found")
    if not endpoint.enabled:
        raise problem(status.HTTP_409_CONFLICT, "webhook is disabled", "webhook_disabled")
    event.state, event.attempts = EventState.PENDING, 0
    event.next_attempt_at, event.locked_until = utcnow(), None
    session.commit()
    send_or_defer(celery, Task.DELIVER_WEBHOOK, [event.id])
    return event
