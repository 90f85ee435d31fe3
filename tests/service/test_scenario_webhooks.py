"""Scenario 8: webhook receivers that are down, redirect, stall; SSRF targets and rebinding.

Name resolution for made-up hosts goes through a local resolver stub passed to
`check_url`; no traffic is sent to any of the refused addresses.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_receiver import receiver
from svc_servers import free_port
from svc_stack import db_kind, report

from service.app import create_app
from service.settings import Settings
from workers.db import session_scope
from workers.models import Delivery, WebhookEndpoint, WebhookEvent, utcnow
from workers.webhooks.delivery import deliver_event
from workers.webhooks.outbox import emit
from workers.webhooks.pinning import pinned
from workers.webhooks.ssrf import IpAddress, UnsafeUrl, check_url

SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 36000]


def _endpoint(settings: Settings, client: TestClient, auth: dict[str, str], url: str) -> str:
    response = client.post("/v1/webhooks", json={"url": url}, headers=auth)
    assert response.status_code == 201, response.text
    with session_scope(settings.database_url) as session:
        endpoint = session.get(WebhookEndpoint, response.json()["id"])
        assert endpoint is not None
        (event_id,) = emit(session, endpoint.tenant_id, "job.succeeded", {"data": {"n": 1}})
    return event_id


def _deliveries(settings: Settings, event_id: str) -> list[Delivery]:
    with session_scope(settings.database_url) as session:
        rows = session.scalars(select(Delivery).where(Delivery.event_id == event_id))
        return sorted(rows, key=lambda d: d.attempt)


def test_receiver_down_for_hours_retries_on_schedule_then_gives_up(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    scheduled = settings.model_copy(update={"webhook_retry_seconds": SCHEDULE})
    event_id = _endpoint(settings, client, auth, f"http://127.0.0.1:{free_port()}/down")
    waits = []
    for _ in SCHEDULE:
        state = deliver_event(scheduled, event_id)
        with session_scope(settings.database_url) as session:
            event = session.get(WebhookEvent, event_id)
            assert event is not None
            waits.append(round((event.next_attempt_at - utcnow()).total_seconds()))
            # Hours pass: the next attempt is due now (the row is the only clock there is).
            event.next_attempt_at = utcnow() - timedelta(seconds=1)
    assert state == "failed"
    assert deliver_event(scheduled, event_id) == "skipped"  # given up: never sent again
    attempts = _deliveries(settings, event_id)
    assert len(attempts) == len(SCHEDULE) and not any(d.ok for d in attempts)
    assert all("ConnectError" in (d.error or "") for d in attempts)
    # Each failed attempt scheduled the next one SCHEDULE[attempt] seconds later.
    assert [abs(w - s) <= 2 for w, s in zip(waits[:-1], SCHEDULE[1:], strict=True)] == [True] * 7
    report("8 webhooks: receiver down", db_kind(settings), attempts=len(attempts), state=state)


@contextmanager
def scripted(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    finally:
        server.shutdown()
        server.server_close()


def test_redirects_are_not_followed(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    with receiver() as target:

        class Redirect(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.send_response(307)
                self.send_header("Location", target.url)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        with scripted(Redirect) as url:
            event_id = _endpoint(settings, client, auth, url)
            assert deliver_event(settings, event_id) == "pending"
    assert target.requests == []
    assert _deliveries(settings, event_id)[0].status_code == 307


def test_slow_receiver_times_out(
    client: TestClient, settings: Settings, auth: dict[str, str]
) -> None:
    release = threading.Event()

    class Slow(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            release.wait(30)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    quick = settings.model_copy(update={"webhook_timeout_seconds": 1.0})
    with scripted(Slow) as url:
        event_id = _endpoint(settings, client, auth, url)
        assert deliver_event(quick, event_id) == "pending"
        release.set()
    attempt = _deliveries(settings, event_id)[0]
    assert attempt.ok is False and "Timeout" in (attempt.error or "")


SSRF_URLS = [
    "http://127.0.0.1/", "http://2130706433/", "http://0x7f000001/", "http://0177.0.0.1/",
    "http://127.1/", "http://[::1]/", "http://[::ffff:7f00:1]/", "http://[2002:7f00:1::]/",
    "http://[64:ff9b::7f00:1]/", "http://[::127.0.0.1]/", "http://10.0.0.1/",
    "http://172.16.5.4/", "http://172.31.255.255/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[fc00::1]/", "http://[fd12:3456::1]/",
    "http://[fe80::1]/", "http://0.0.0.0/", "http://[2002:a00:1::]/",
]  # fmt: skip


@pytest.mark.parametrize("url", SSRF_URLS)
def test_ssrf_targets_refused_at_registration(
    settings: Settings, auth: dict[str, str], url: str
) -> None:
    strict = TestClient(create_app(settings.model_copy(update={"webhook_allow_loopback": False})))
    response = strict.post("/v1/webhooks", json={"url": url}, headers=auth)
    assert response.status_code == 422 and response.json()["detail"]["code"] == "unsafe_url"


STUB_ZONE = {
    "metadata.evil.test": ["169.254.169.254"],
    "intranet.evil.test": ["10.1.2.3"],
    "mixed.evil.test": ["93.184.216.34", "192.168.0.7"],
    "ula.evil.test": ["fd00::5"],
    "six-to-four.evil.test": ["2002:7f00:1::"],
    "public.example.test": ["93.184.216.34"],
}


def stub_resolver(host: str, _port: int) -> list[IpAddress]:
    if host not in STUB_ZONE:
        raise UnsafeUrl(f"cannot resolve {host}")
    return [ipaddress.ip_address(a) for a in STUB_ZONE[host]]


@pytest.mark.parametrize("host", [h for h in STUB_ZONE if h.endswith("evil.test")])
def test_names_resolving_to_internal_addresses_are_refused(host: str) -> None:
    with pytest.raises(UnsafeUrl):
        check_url(f"https://{host}/hook", resolve=stub_resolver)


def test_public_name_passes_the_stub() -> None:
    assert check_url("https://public.example.test/h", resolve=stub_resolver) == [
        ipaddress.ip_address("93.184.216.34")
    ]


def test_delivery_connects_to_the_checked_address() -> None:
    """DNS rebinding: the name is resolved once; the request goes to that very address."""
    answers = [["127.0.0.1"], ["10.9.9.9"]]  # a rebinding server: safe first, internal next
    calls: list[str] = []

    def rebinding(host: str, _port: int) -> list[IpAddress]:
        calls.append(host)
        return [ipaddress.ip_address(a) for a in answers[min(len(calls) - 1, 1)]]

    with receiver() as hook:
        port = int(hook.url.rsplit(":", 1)[1].split("/")[0])
        url = f"http://rebind.test:{port}/hook"
        addresses = check_url(url, allow_loopback=True, resolve=rebinding)
        target = pinned(url, addresses[0])
        response = httpx.post(target.url, content=b"{}", headers=target.headers)
    assert response.status_code == 200 and calls == ["rebind.test"]
    assert hook.requests[0].headers["host"] == f"rebind.test:{port}"
    https = pinned("https://rebind.test/hook", ipaddress.ip_address("93.184.216.34"))
    assert https.url == "https://93.184.216.34/hook"
    assert https.extensions == {"sni_hostname": "rebind.test"}
