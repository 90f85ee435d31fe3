"""Who may read /metrics: queue depths and job counts describe every tenant's traffic."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request

from config import Settings


def metrics_allowed(request: Request, settings: Settings) -> bool:
    """The METRICS_TOKEN bearer when one is set; otherwise only loopback clients."""
    if settings.metrics_token:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {settings.metrics_token}"
        return hmac.compare_digest(given.encode(), expected.encode())
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # TestClient's "testclient" and unix sockets are not loopback
