"""page batches keep compressed page results and their profile; jobs keep phase timings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 22:40:00.000000
"""

import json
import zlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_batches = sa.table(
    "page_batches",
    sa.column("id", sa.Integer()),
    sa.column("result", sa.JSON()),
    sa.column("payload", sa.LargeBinary()),
)


def upgrade() -> None:
    with op.batch_alter_table("page_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("payload", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("worker", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cpu_seconds", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("db_seconds", sa.Double(), nullable=True))
    # Batches done but not merged yet keep their pages: same JSON, compressed.
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_batches.c.id, _batches.c.result).where(_batches.c.result.is_not(None))
    ).all()
    for row_id, result in rows:
        blob = zlib.compress(json.dumps(result, ensure_ascii=False).encode(), 1)
        connection.execute(_batches.update().where(_batches.c.id == row_id).values(payload=blob))
    with op.batch_alter_table("page_batches", schema=None) as batch_op:
        batch_op.drop_column("result")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("timings", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_column("timings")
    with op.batch_alter_table("page_batches", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result", sa.JSON(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_batches.c.id, _batches.c.payload).where(_batches.c.payload.is_not(None))
    ).all()
    for row_id, blob in rows:
        result = json.loads(zlib.decompress(blob))
        connection.execute(_batches.update().where(_batches.c.id == row_id).values(result=result))
    with op.batch_alter_table("page_batches", schema=None) as batch_op:
        for name in ("db_seconds", "cpu_seconds", "finished_at", "started_at", "worker"):
            batch_op.drop_column(name)
        batch_op.drop_column("payload")
