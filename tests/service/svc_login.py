"""Log a reviewer in through the real login form; read the page's CSRF token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from svc_review import PASSWORD

_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def login(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Signs in (the client keeps the cookie); returns the session's CSRF token."""
    form = client.get("/review/login")
    token = _FIELD.search(form.text)
    assert token, form.text
    answer = client.post(
        "/review/login",
        data={"email": email, "password": password, "csrf_token": token.group(1)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    page = client.get("/review")
    meta = _META.search(page.text)
    assert meta, page.text
    return meta.group(1)
