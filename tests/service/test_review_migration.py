"""Migration 0003_review creates the review tables and takes them away again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from test_migrations import _config, empty_db  # noqa: F401  (the fixture, both databases)

from workers.db import get_engine

TABLES = {"reviewers", "review_sessions", "review_states", "corrections"}


def test_review_tables_upgrade_and_downgrade(empty_db: str) -> None:  # noqa: F811
    config = _config(empty_db)
    command.upgrade(config, "head")
    assert set(sa.inspect(get_engine(empty_db)).get_table_names()) >= TABLES
    command.downgrade(config, "0002")
    assert not TABLES & set(sa.inspect(get_engine(empty_db)).get_table_names())
    command.upgrade(config, "head")
    assert set(sa.inspect(get_engine(empty_db)).get_table_names()) >= TABLES
