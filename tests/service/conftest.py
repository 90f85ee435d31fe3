"""Fixtures: real Redis and PostgreSQL servers, migrated databases, the app, tenants."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from svc_pdfs import budget_pdf
from svc_servers import postgres_server, redis_server
from svc_support import new_tenant

from service.app import create_app
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        server = redis_server(tmp_path_factory.mktemp("redis"))
        url = server.__enter__()
    except RuntimeError as err:
        pytest.skip(f"cannot start redis-server: {err}")
    yield url
    server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    # Not under pytest's tmp dir: that is root-only, and postgres runs as its own user.
    workdir = Path(tempfile.mkdtemp(prefix="budgetlens-pg-"))
    try:
        server = postgres_server(workdir)
        url = server.__enter__()
    except (RuntimeError, OSError) as err:
        shutil.rmtree(workdir, ignore_errors=True)
        pytest.skip(f"cannot start PostgreSQL: {err}")
    yield url
    server.__exit__(None, None, None)
    shutil.rmtree(workdir, ignore_errors=True)


def migrate(url: str) -> None:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'budgetlens.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    migrate(url)
    return url


@pytest.fixture
def settings(db_url: str, redis_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_url,
        redis_url=redis_url,
        store_dir=tmp_path / "store",
        webhook_allow_loopback=True,
        webhook_retry_seconds=[0, 0, 0],
        webhook_timeout_seconds=5,
        batch_pages=1,
    )


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    redis.Redis.from_url(settings.broker_url).flushdb()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def auth(settings: Settings) -> dict[str, str]:
    return new_tenant(settings, "tenant-a")


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    return budget_pdf(tmp_path / "budget.pdf", marker=tmp_path.name)
