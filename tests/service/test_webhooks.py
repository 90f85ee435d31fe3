"""Webhook signing, SSRF guard, registration, retries, 410 and re-send."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient
from svc_receiver import receiver
from svc_support import new_tenant

from service.settings import Settings
from workers.db import session_scope
from workers.models import WebhookEndpoint
from workers.webhooks import signing
from workers.webhooks.delivery import deliver_event, due_events
from workers.webhooks.outbox import emit
from workers.webhooks.ssrf import UnsafeUrl, check_url


def test_signature_matches_the_standard_webhooks_vector() -> None:
    # The test vector of the Standard Webhooks reference libraries.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = '{"test": 2432232314}'
    sig = signing.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
    assert sig == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_verify_rejects_tampering_and_stale_timestamps() -> None:
    secret = signing.new_secret()
    now = int(time.time())
    headers = signing.headers(secret, "msg_1", now, '{"a":1}')
    assert signing.verify(secret, headers, '{"a":1}', now)
    assert not signing.verify(secret, headers, '{"a":2}', now)
    assert not signing.verify(signing.new_secret(), headers, '{"a":1}', now)
    assert not signing.verify(secret, headers, '{"a":1}', now + 3600)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost:8080/x",
        "http://[::1]/x",
        "http://10.1.2.3/x",
        "http://192.168.0.10/x",
        "http://172.16.0.1/x",
        "http://169.254.169.254/latest/meta-data",
        "http://0.0.0.0/x",
        "http://[::ffff:127.0.0.1]/x",
        "ftp://example.com/x",
        "http://user:pw@example.com/x",
    ],
)
def test_ssrf_guard_refuses_internal_addresses(url: str) -> None:
    with pytest.raises(UnsafeUrl):
        check_url(url, allow_loopback=False)


def test_loopback_allowed_only_when_configured() -> None:
    assert check_url("http://127.0.0.1:9/x", allow_loopback=True)
    with pytest.raises(UnsafeUrl):
        check_url("http://10.0.0.1/x", allow_loopback=True)  # private stays refused


def test_registration_refuses_private_urls(client: TestClient, auth: dict[str, str]) -> None:
    response = client.post("/v1/webhooks", json={"url": "http://10.0.0.7/hook"}, headers=auth)
    assert response.status_code == 422
    assert response.json()["detail"]["code"] == "unsafe_url"
    bad_event = client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1/h", "events": ["nope"]}, headers=auth
    )
    assert bad_event.status_code == 422


def test_crud_and_tenant_isolation(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    created = client.post(
        "/v1/webhooks", json={"url": "http://127.0.0.1:9/h", "events": ["job.failed"]}, headers=auth
    )
    assert created.status_code == 201
    hook = created.json()
    assert hook["secret"].startswith("whsec_")
    listed = client.get("/v1/webhooks", headers=auth).json()
    assert [h["id"] for h in listed] == [hook["id"]] and "secret" not in listed[0]
    other = new_tenant(settings, "other")
    assert client.get(f"/v1/webhooks/{hook['id']}", headers=other).status_code == 404
    assert client.delete(f"/v1/webhooks/{hook['id']}", headers=other).status_code == 404
    assert client.delete(f"/v1/webhooks/{hook['id']}", headers=auth).status_code == 204
    assert client.get("/v1/webhooks", headers=auth).json() == []


def _register(client: TestClient, auth: dict[str, str], url: str) -> dict[str, str]:
    response = client.post("/v1/webhooks", json={"url": url}, headers=auth)
    assert response.status_code == 201, response.text
    result: dict[str, str] = response.json()
    return result


def _emit(settings: Settings, endpoint_id: str) -> str:
    with session_scope(settings.database_url) as session:
        endpoint = session.get(WebhookEndpoint, endpoint_id)
        assert endpoint is not None
        payload = {"type": "job.succeeded", "data": {"job_id": "job_x"}}
        (event_id,) = emit(session, endpoint.tenant_id, "job.succeeded", payload)
    return event_id


def test_retries_until_success_and_records_every_attempt(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    with receiver(statuses=[500, 503]) as hook:
        endpoint = _register(client, auth, hook.url)
        event_id = _emit(settings, endpoint["id"])
        assert deliver_event(settings, event_id) == "pending"
        assert event_id in due_events(settings)  # schedule [0, 0, 0]: due again at once
        assert deliver_event(settings, event_id) == "pending"
        assert deliver_event(settings, event_id) == "delivered"
        assert deliver_event(settings, event_id) == "skipped"  # delivered: never sent twice
    ids = {r.headers["webhook-id"] for r in hook.requests}
    assert ids == {event_id}, "webhook-id is stable across retries"
    for request in hook.requests:
        assert signing.verify(endpoint["secret"], request.headers, request.body, int(time.time()))
    deliveries = client.get(f"/v1/webhooks/{endpoint['id']}/deliveries", headers=auth).json()
    assert [(d["attempt"], d["status_code"], d["ok"]) for d in deliveries] == [
        (3, 200, True),
        (2, 503, False),
        (1, 500, False),
    ]


def test_gives_up_after_the_schedule(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    with receiver(statuses=[500] * 10) as hook:
        endpoint = _register(client, auth, hook.url)
        event_id = _emit(settings, endpoint["id"])
        states = [deliver_event(settings, event_id) for _ in range(4)]
    assert states == ["pending", "pending", "failed", "skipped"]
    events = client.get(f"/v1/webhooks/{endpoint['id']}/events", headers=auth).json()
    assert events[0]["state"] == "failed" and events[0]["attempts"] == 3
    client.app.state.settings = settings.model_copy(update={"metrics_token": "t"})  # type: ignore[attr-defined]
    metrics = client.get("/metrics", headers={"Authorization": "Bearer t"}).text
    assert "budgetlens_webhook_events_failed" in metrics
    assert "budgetlens_webhook_events_failed 0" not in metrics


def test_410_disables_the_endpoint_and_resend(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    with receiver(statuses=[410]) as hook:
        endpoint = _register(client, auth, hook.url)
        event_id = _emit(settings, endpoint["id"])
        assert deliver_event(settings, event_id) == "failed"
        state = client.get(f"/v1/webhooks/{endpoint['id']}", headers=auth).json()
        assert state["enabled"] is False and "410" in state["disabled_reason"]
        resend = client.post(
            f"/v1/webhooks/{endpoint['id']}/events/{event_id}/resend", headers=auth
        )
        assert resend.status_code == 409
        # A new event is not even written for a disabled endpoint.
        with session_scope(settings.database_url) as session:
            row = session.get(WebhookEndpoint, endpoint["id"])
            assert row is not None
            assert emit(session, row.tenant_id, "job.failed", {}) == []


def test_manual_resend_delivers_again(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    with receiver() as hook:
        endpoint = _register(client, auth, hook.url)
        event_id = _emit(settings, endpoint["id"])
        assert deliver_event(settings, event_id) == "delivered"
        url = f"/v1/webhooks/{endpoint['id']}/events/{event_id}/resend"
        assert client.post(url, headers=auth).status_code == 202
        assert deliver_event(settings, event_id) == "delivered"
    assert [r.headers["webhook-id"] for r in hook.requests] == [event_id, event_id]


def test_delivery_refuses_a_url_that_became_internal(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    endpoint = _register(client, auth, "http://127.0.0.1:9/h")
    event_id = _emit(settings, endpoint["id"])
    strict = settings.model_copy(update={"webhook_allow_loopback": False})
    assert deliver_event(strict, event_id) == "pending"
    deliveries = client.get(f"/v1/webhooks/{endpoint['id']}/deliveries", headers=auth).json()
    assert deliveries[0]["error"].startswith("refused:")
    assert deliveries[0]["status_code"] is None
