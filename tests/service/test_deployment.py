"""The compose file and Dockerfile point at entry points that exist (no Docker engine here)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_services_and_dependencies() -> None:
    services = compose()["services"]
    assert {"api", "worker", "beat", "migrate", "redis", "postgres"} <= set(services)
    for name in ("postgres", "redis", "api"):
        assert "healthcheck" in services[name], name
    for name in ("api", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def _module_of(command: list[str]) -> tuple[str, str | None]:
    if command[0] == "uvicorn":
        target = next(a for a in command[1:] if ":" in a)
        module, attr = target.split(":")
        return module, attr
    if command[0] == "celery":
        return command[command.index("-A") + 1], "app"
    if command[0] == "alembic":
        return "workers.migrations", None
    raise AssertionError(f"unknown entry point {command}")


@pytest.mark.parametrize("service", ["api", "worker", "beat", "migrate"])
def test_compose_commands_import(service: str) -> None:
    command = compose()["services"][service]["command"]
    module, attr = _module_of(command)
    imported = importlib.import_module(module)
    if attr:
        assert hasattr(imported, attr), f"{module}:{attr}"
    if command[0] == "celery":
        queues = command[command.index("-Q") + 1].split(",") if "-Q" in command else []
        from workers.queues import QUEUES

        assert set(queues) <= set(QUEUES)


def test_dockerfile_copies_what_the_commands_need() -> None:
    text = (ROOT / "Dockerfile").read_text()
    for path in ("schemas", "extractors", "workers", "service", "alembic.ini"):
        assert f"COPY {path}" in text, path
        assert (ROOT / path).exists(), path
    assert "service.app:app" in text


def test_migration_script_location_and_key_cli() -> None:
    assert (ROOT / "workers/migrations/env.py").exists()
    out = subprocess.run(
        [sys.executable, "-m", "service.keys", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0 and "create" in out.stdout
