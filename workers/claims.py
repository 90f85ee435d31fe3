"""The claim every job step makes: one conditional UPDATE; whoever changed the row owns it.

A step delivered twice, or to two workers, runs its UPDATE twice: the condition holds for
one of them only (a state it moves away from, or the lease it saw), so the other does nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, or_, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from workers.models import Base


def claim(session: Session, model: type[Base], *where: ColumnElement[bool], **values: Any) -> bool:
    """UPDATE `model` SET `values` WHERE `where`; True if a row changed (this caller won)."""
    statement = (
        update(model).where(*where).values(**values).execution_options(synchronize_session=False)
    )
    result = cast(CursorResult[Any], session.execute(statement))
    return bool(result.rowcount)


def lease_free(lease: InstrumentedAttribute[datetime | None], now: datetime) -> ColumnElement[bool]:
    """Nobody holds the row: no lease, or one that ran out."""
    return or_(lease.is_(None), lease < now)


def lease_until(now: datetime, seconds: float) -> datetime:
    return now + timedelta(seconds=seconds)
