"""Reviewer accounts: login, CSRF, tenant isolation of the UI and its page images, CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient
from svc_login import login
from svc_review import account, stored_document

from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
WRONG = "expenditure_by_function.2040601.project"


def test_cookie_session_needs_the_csrf_token_on_every_change(
    client: TestClient, settings: Settings
) -> None:
    a = account(settings, "ui-a")
    doc = stored_document(settings, a.tenant_id)
    assert client.get("/review", follow_redirects=False).headers["location"] == "/review/login"
    csrf = login(client, a.email)
    cookie = client.cookies.get("bl_session")
    assert cookie
    etag = client.get(f"/v1/documents/{doc}/result?version=reviewed").headers["etag"]
    url = f"/v1/documents/{doc}/values/{WRONG}"
    for headers in ({"If-Match": etag}, {"If-Match": etag, "X-CSRF-Token": "forged"}):
        assert client.patch(url, json={"raw": "0"}, headers=headers).status_code == 403
    ok = client.patch(url, json={"raw": "0"}, headers={"If-Match": etag, "X-CSRF-Token": csrf})
    assert ok.status_code == 200, ok.text
    trail = client.get(f"/v1/documents/{doc}/audit").json()
    assert trail[0]["actor"] == a.email
    assert client.post("/review/logout", data={"csrf_token": "forged"}).status_code == 403
    out = client.post("/review/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert out.status_code == 303
    client.cookies.set("bl_session", cookie)  # a stolen cookie after logout is worthless
    assert client.get(f"/v1/documents/{doc}/audit").status_code == 401


def test_login_form_refuses_a_cross_site_post_and_a_wrong_password(
    client: TestClient, settings: Settings
) -> None:
    a = account(settings, "ui-login")
    forged = client.post("/review/login", data={"email": a.email, "password": "x" * 12,
                                                 "csrf_token": "forged"})  # fmt: skip
    assert forged.status_code == 403
    assert client.get("/review/login").status_code == 200
    token = client.cookies.get("bl_login_csrf")
    wrong = client.post("/review/login", data={"email": a.email, "password": "not-it-at-all",
                                                "csrf_token": token})  # fmt: skip
    assert wrong.status_code == 401 and client.cookies.get("bl_session") is None


def test_a_reviewer_sees_only_their_tenant(client: TestClient, settings: Settings) -> None:
    a, b = account(settings, "iso-a"), account(settings, "iso-b")
    doc_a = stored_document(settings, a.tenant_id)
    login(client, b.email)
    assert client.get(f"/v1/documents/{doc_a}/pages/11.png").status_code == 404
    assert client.get(f"/review/documents/{doc_a}/items/{WRONG}").status_code == 404
    assert doc_a not in client.get("/review").text
    login(client, a.email)
    image = client.get(f"/v1/documents/{doc_a}/pages/11.png")
    assert image.status_code == 200 and image.content[:4] == b"\x89PNG"
    assert doc_a in client.get("/review").text


def test_users_cli_creates_a_reviewer_who_can_log_in(
    client: TestClient, settings: Settings
) -> None:
    env = {"DATABASE_URL": settings.database_url, "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "service.users", "create", "--tenant", "cli-t",
           "--email", "Cli@Example.org", "--password-stdin"]  # fmt: skip
    made = subprocess.run(cmd, input="a long password\n", capture_output=True, text=True,
                          cwd=ROOT, env=env, check=False)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "reviewer rev_" in made.stdout
    again = subprocess.run(cmd, input="a long password\n", capture_output=True, text=True,
                           cwd=ROOT, env=env, check=False)  # fmt: skip
    assert again.returncode == 2 and "already" in again.stderr
    login(client, "cli@example.org", "a long password")
