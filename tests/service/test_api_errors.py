"""Error bodies match the OpenAPI error model; every answer and its log lines carry a request id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from svc_support import upload

from service.schemas import Problem
from workers.logs import JsonFormatter

PROBLEM = "#/components/schemas/Problem"


def _refs(schema: dict[str, Any]) -> set[str]:
    found = {schema["$ref"]} if "$ref" in schema else set()
    return found | {ref for part in schema.get("anyOf", []) for ref in _refs(part)}


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_declared_error_responses_reference_the_error_model(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    detail = spec["components"]["schemas"]["ErrorDetail"]
    assert set(detail["required"]) == {"reason", "code"}
    upload_errors = spec["paths"]["/v1/documents"]["post"]["responses"]
    for code in ("409", "413", "422", "429", "503"):
        assert PROBLEM in _refs(upload_errors[code]["content"]["application/json"]["schema"])
    declared = 0
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if int(code) < 400 or schema is None:
                    continue
                refs = _refs(schema)
                assert refs & {PROBLEM, "#/components/schemas/HTTPValidationError"}, (
                    f"{method} {path} {code}"
                )
                declared += PROBLEM in refs
    assert declared > 20  # the 503 of every route, and each route's own


def test_a_refused_upload_has_the_documented_body_and_a_logged_request_id(
    client: TestClient, auth: dict[str, str], tmp_path: Path, log_lines: io.StringIO
) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello, not a pdf")
    response = upload(client, auth, junk)
    assert response.status_code == 422
    body = Problem.model_validate(response.json())
    assert body.detail.code == "not_pdf"
    rid = response.headers["X-Request-ID"]
    assert len(rid) == 32
    lines = [line for line in _lines(log_lines) if line.get("request_id") == rid]
    assert [(line["msg"], line["status"]) for line in lines] == [("request", 422)]


def test_an_incoming_request_id_is_kept_when_sane(
    client: TestClient, auth: dict[str, str], pdf: Path, log_lines: io.StringIO
) -> None:
    with pdf.open("rb") as fh:
        response = client.post(
            "/v1/documents",
            files={"file": (pdf.name, fh, "application/pdf")},
            headers=auth | {"X-Request-ID": "edge-7f3a.1"},
        )
    assert response.status_code == 202
    assert response.headers["X-Request-ID"] == "edge-7f3a.1"
    # The route's own line (logged in a worker thread) carries it as well.
    messages = {
        line["msg"] for line in _lines(log_lines) if line.get("request_id") == "edge-7f3a.1"
    }
    assert {"job queued", "request"} <= messages
    odd = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert odd.headers["X-Request-ID"] != "bad id\twith spaces"
    assert len(odd.headers["X-Request-ID"]) == 32


def test_an_id_the_database_cannot_take_is_a_client_error(
    client: TestClient, auth: dict[str, str]
) -> None:
    # PostgreSQL refuses NUL in text (SQLite just finds no row): never a 500.
    for method, path in [("GET", "/v1/jobs/a%00b"), ("POST", "/v1/jobs/a%00b/cancel")]:
        response = client.request(method, path, headers=auth)
        assert response.status_code in (404, 422), response.text
        if response.status_code == 422:
            assert Problem.model_validate(response.json()).detail.code == "invalid_value"
    listed = client.get("/v1/documents", params={"department": "a\x00b"}, headers=auth)
    assert listed.status_code in (200, 422), listed.text


def test_unknown_ids_answer_the_documented_problem_body(
    client: TestClient, auth: dict[str, str]
) -> None:
    """A 404 carries `{"detail": {"reason", "code"}}` like every other error the API documents."""
    for path in ("/v1/jobs/nope", "/v1/documents/nope", "/v1/documents/nope/result"):
        answer = client.get(path, headers=auth)
        assert answer.status_code == 404, path
        assert answer.json()["detail"]["code"] == "not_found", path
        assert answer.json()["detail"]["reason"].startswith("no such"), path
    spec = client.get("/openapi.json").json()
    job_404 = spec["paths"]["/v1/jobs/{job_id}"]["get"]["responses"]["404"]
    assert job_404["content"]["application/json"]["schema"]["$ref"] == PROBLEM
