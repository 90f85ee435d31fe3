"""Scenarios 6 and 7 against a real uvicorn process, and query overflow.

6: an upload over the size limit gets its 413 while the client is still sending: the
server stops reading at the limit instead of spooling the whole body first.
7: the same Idempotency-Key sent by 20 concurrent requests creates exactly one job.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from svc_pdfs import budget_pdf
from svc_stack import api_server, db_kind, report, stack_env
from svc_support import upload

from service.settings import Settings
from workers.db import session_scope
from workers.models import Job

LIMIT = 1 << 20  # 1 MiB
CHUNK = 64 * 1024


@pytest.fixture
def api(settings: Settings, tmp_path: Path) -> Iterator[str]:
    env = stack_env(settings, BUDGETLENS_MAX_BYTES=str(LIMIT))
    with api_server(env, tmp_path / "api.log") as url:
        yield url


def _stream_until_answered(url: str, key: str, budget: int) -> tuple[int, bytes]:
    """Send a chunked multipart body of up to `budget` bytes; stop once the server answers."""
    host, port = url.removeprefix("http://").split(":")
    boundary = "b0undary"
    head = (
        f"POST /v1/documents HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    part = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=file; filename=big.pdf\r\n"
        "Content-Type: application/pdf\r\n\r\n%PDF-1.7\n"
    ).encode()
    sent = 0
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(head + b"%x\r\n%s\r\n" % (len(part), part))
        sock.settimeout(0.05)
        answer = b""
        while sent < budget:
            try:
                answer = sock.recv(65536)
                if answer:
                    break
            except TimeoutError:
                pass
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (CHUNK, b"0" * CHUNK))
            except OSError:
                break  # the server closed its side: read what it said
            sent += CHUNK
        sock.settimeout(10)
        while b"}" not in answer:  # the whole JSON body
            more = sock.recv(65536)
            if not more:
                break
            answer += more
    return sent, answer


def test_oversized_upload_is_cut_off_while_streaming(
    api: str, auth: dict[str, str], settings: Settings
) -> None:
    key = auth["Authorization"].removeprefix("Bearer ")
    budget = 256 * LIMIT
    sent, answer = _stream_until_answered(api, key, budget)
    status = int(answer.split(b" ", 2)[1]) if answer else 0
    report(
        "6 oversized chunked upload",
        db_kind(settings),
        limit_bytes=LIMIT,
        sent_before_413=sent,
        http_5xx=int(status >= 500),
    )
    assert status == 413, answer[:300]
    assert b"too_large" in answer
    # Stopped near the limit (plus socket buffers), far from the 256 MiB the client had.
    assert sent < 32 * LIMIT
    spooled = list((settings.store_dir / "tmp").glob("*")) if settings.store_dir.exists() else []
    assert spooled == []


def test_concurrent_idempotent_retries_make_one_job(
    api: str, auth: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    pdf = budget_pdf(tmp_path / "idem.pdf", marker="idem")

    dropped: list[str] = []

    def post(_: int) -> httpx.Response:
        # A client retries a dropped connection with the same key: that is what the key is for.
        for _attempt in range(3):
            try:
                with httpx.Client(base_url=api, timeout=60) as http:
                    return upload(http, auth, pdf, key="retry-me")
            except httpx.TransportError as err:
                dropped.append(repr(err))
        raise AssertionError(dropped)

    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(post, range(20)))
    with session_scope(settings.database_url) as session:
        jobs = session.scalar(select(func.count()).where(Job.idempotency_key == "retry-me"))
    report(
        "7 idempotency, 20 concurrent",
        db_kind(settings),
        requests=20,
        jobs_created=jobs,
        jobs_duplicated=(jobs or 0) - 1,
        connections_dropped=len(dropped),
        http_5xx=sum(a.status_code >= 500 for a in answers),
    )
    assert [a.status_code for a in answers] == [202] * 20, [a.text for a in answers]
    assert len({a.json()["id"] for a in answers}) == 1
    assert jobs == 1


@pytest.mark.parametrize(
    "query", ["year=9223372036854775808", "offset=9223372036854775808", "year=-1", "limit=0"]
)
def test_query_overflow_is_422(client: TestClient, auth: dict[str, str], query: str) -> None:
    response = client.get(f"/v1/documents?{query}", headers=auth)
    assert response.status_code == 422, response.text


def test_claimed_page_count_is_not_trusted(
    client: TestClient, auth: dict[str, str], tmp_path: Path
) -> None:
    from svc_hostile import FONT, TEXT, one_page

    lying = tmp_path / "lying.pdf"
    lying.write_bytes(one_page(TEXT, resources=FONT, count=1500))
    job = upload(client, auth, lying).json()
    assert job["pages_total"] == 1
