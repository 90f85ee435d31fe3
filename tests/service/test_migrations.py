"""Migration 0002 keeps the pages of batches done but not merged, both ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from workers.db import get_engine
from workers.extraction import decode_pages

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    {
        "page": {"number": 3, "width": 595.0, "height": 842.0, "words": [
            {"text": "合计", "bbox": [1.0, 2.0, 3.0, 4.0], "score": 1.0, "method": "pdf_text"}
        ]},
        "tables": [],
        "lines": [],
    }
]  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrate.db'}"
        return
    url: str = request.getfixturevalue("pg_url")
    admin = url.replace("postgresql+psycopg", "postgresql").rsplit("/", 1)[0] + "/postgres"
    name = f"migrate_{tmp_path.name[-20:].lower().replace('-', '_')}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield url.rsplit("/", 1)[0] + f"/{name}"
    get_engine(url.rsplit("/", 1)[0] + f"/{name}").dispose()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE {name}")


def _config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", url)
    return config


def test_unmerged_batch_pages_survive_upgrade_and_downgrade(empty_db: str) -> None:
    config = _config(empty_db)
    command.upgrade(config, "0001")
    engine = get_engine(empty_db)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO tenants (id, name, created_at) VALUES ('t', 't', :now)"),
                     {"now": "2026-01-01T00:00:00+00:00"})  # fmt: skip
        conn.execute(
            sa.text(
                "INSERT INTO documents (id, tenant_id, sha256, filename, n_bytes, page_count,"
                " created_at) VALUES ('d', 't', 's', 'f', 1, 3, :now)"
            ),
            {"now": "2026-01-01T00:00:00+00:00"},
        )
        conn.execute(
            sa.text(
                "INSERT INTO jobs (id, tenant_id, document_id, state, phase, attempts,"
                " pages_done, pages_total, errors, created_at, updated_at) VALUES"
                " ('j', 't', 'd', 'running', 'pages', 1, 1, 3, '[]', :now, :now)"
            ),
            {"now": "2026-01-01T00:00:00+00:00"},
        )
        batches = sa.table("page_batches", *(sa.column(c) for c in (
            "job_id", "index", "first_page", "last_page", "state", "pages_done", "attempts",
        )), sa.column("result", sa.JSON()))  # fmt: skip
        conn.execute(batches.insert().values(
            job_id="j", index=0, first_page=3, last_page=3, state="done", pages_done=1,
            attempts=1, result=PAGES,
        ))  # fmt: skip
    command.upgrade(config, "head")
    with engine.connect() as conn:
        payload = conn.execute(sa.text("SELECT payload FROM page_batches")).scalar_one()
    [result] = decode_pages(bytes(payload))
    assert result.page.number == 3 and result.page.words[0].text == "合计"
    command.downgrade(config, "0001")
    with engine.connect() as conn:
        restored = conn.execute(
            sa.select(sa.column("result", sa.JSON())).select_from(sa.table("page_batches"))
        ).scalar_one()
    assert restored == PAGES
