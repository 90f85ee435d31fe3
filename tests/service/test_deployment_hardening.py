"""Compose file and Celery settings that keep a deployment up: secrets from the environment,
restart policies, webhooks on their own worker, periodic tasks that expire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from service.settings import Settings
from workers.celery_config import make_celery

ROOT = Path(__file__).resolve().parents[2]
LONG_RUNNING = ("postgres", "redis", "api", "worker", "light-worker", "beat")


def _services() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return dict(data["services"])


def test_no_password_in_the_compose_file() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    assert "POSTGRES_PASSWORD: budgetlens" not in text
    assert ":budgetlens@" not in text
    assert "${POSTGRES_PASSWORD:?" in text


def test_restart_policies() -> None:
    services = _services()
    for name in LONG_RUNNING:
        assert services[name].get("restart") == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"


def test_webhooks_and_maintenance_have_their_own_worker() -> None:
    services = _services()
    extract = services["worker"]["command"]
    light = services["light-worker"]["command"]
    assert extract[extract.index("-Q") + 1] == "extract"
    assert set(light[light.index("-Q") + 1].split(",")) == {"webhooks", "maintenance"}


def test_periodic_tasks_expire_within_their_period() -> None:
    schedule = make_celery(Settings()).conf.beat_schedule
    for entry in schedule.values():
        assert 0 < entry["options"]["expires"] <= entry["schedule"]
