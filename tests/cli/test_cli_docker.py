"""The Docker files, checked without a Docker engine: the compose file parsed, the
Dockerfile and .dockerignore read."""

from __future__ import annotations

import re
from typing import Any

import yaml
from cli_helpers import ROOT

APP_SERVICES = ("migrate", "api", "worker", "light-worker", "beat")


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def test_compose_services_secrets_and_healthchecks() -> None:
    services = _compose()["services"]
    assert {"api", "worker", "redis", "postgres"} <= set(services)
    for name in (*APP_SERVICES, "postgres"):
        assert services[name]["env_file"] == ".env", name  # the password comes from there
    for name in ("api", "worker", "redis", "postgres"):
        assert services[name]["healthcheck"]["test"], name
    text = (ROOT / "docker-compose.yml").read_text()
    assert not re.search(r"POSTGRES_PASSWORD:\s*[\"']?\w", text.replace("${POSTGRES_PASSWORD", ""))
    api_depends = services["api"]["depends_on"]
    assert api_depends["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_env_example_is_committed_and_env_ignored() -> None:
    example = (ROOT / ".env.example").read_text()
    assert re.search(r"^POSTGRES_PASSWORD=$", example, re.M), "no real secret in the example"
    assert "/.env" in (ROOT / ".gitignore").read_text().split()


def test_dockerfile_pins_with_constraints_and_has_the_cjk_font() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "COPY pyproject.toml README.md constraints.txt" in dockerfile
    assert re.search(r"pip install -c constraints\.txt \"\.\[\$\{EXTRAS\}\]\"", dockerfile)
    assert "ARG EXTRAS=service" in dockerfile
    # The same CJK font as the machines the tests run on.
    script = (ROOT / "scripts" / "install_system_packages.sh").read_text()
    font = re.search(r"need\+=\((fonts-[\w-]+)\)", script)
    assert font is not None and font.group(1) in dockerfile


def test_dockerignore_keeps_the_context_small() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".git", ".venv", ".env", "var", "uploads", "data", "tests", "out"} <= ignored
    # Nothing the Dockerfile copies is ignored.
    copied = re.findall(r"^COPY (\S+)", (ROOT / "Dockerfile").read_text(), re.M)
    assert copied and not set(copied) & ignored
