"""`budgetlens serve` starts the HTTP API (uvicorn on service.app)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from cli_helpers import ROOT

pytest.importorskip("fastapi", reason="the service extra is not installed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=2) as response:
        body: bytes = response.read()
        return body


def test_serve_answers_health_and_openapi(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
        "STORE_DIR": str(tmp_path / "store"),
    }
    env.pop("REDIS_URL", None)
    code = "import sys\nfrom extractors.cli import main\nsys.exit(main(sys.argv[1:]))"
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert json.loads(_get(f"{url}/healthz")) == {"status": "ok"}
                break
            except OSError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.3)
        assert json.loads(_get(f"{url}/openapi.json"))["info"]["title"] == "BudgetLens"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
