"""Alembic environment: the URL is DATABASE_URL (or the `sqlalchemy.url` a caller sets)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from config import Settings
from workers import review_models  # noqa: F401  (their tables join Base.metadata)
from workers.db import get_engine
from workers.models import Base

config = context.config
url = config.get_main_option("sqlalchemy.url") or Settings.from_env().database_url


def run_offline() -> None:
    context.configure(url=url, target_metadata=Base.metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    with get_engine(url).connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode rebuilds a table by copy, drop and rename; with foreign keys on, the
            # drop would cascade to the rows that point at it (page_batches -> jobs).
            _sqlite_foreign_keys(connection, on=False)
        try:
            context.configure(
                connection=connection, target_metadata=Base.metadata, render_as_batch=sqlite
            )
            with context.begin_transaction():
                context.run_migrations()
        finally:
            if sqlite:  # the connection goes back to the pool the application uses
                _sqlite_foreign_keys(connection, on=True)


def _sqlite_foreign_keys(connection: Connection, on: bool) -> None:
    connection.exec_driver_sql(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")
    connection.commit()  # end the autobegun transaction: alembic begins its own


if context.is_offline_mode():
    run_offline()
else:
    run_online()
