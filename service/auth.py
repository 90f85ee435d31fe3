"""API keys: `bl_<random>`, stored as sha256 only, each bound to one tenant."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from workers.models import ApiKey, Tenant, new_id, utcnow


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_tenant(session: Session, name: str) -> Tenant:
    tenant = Tenant(id=new_id("ten"), name=name)
    session.add(tenant)
    session.flush()
    return tenant


def create_key(session: Session, tenant_id: str, name: str = "") -> tuple[ApiKey, str]:
    """Returns the row and the key in clear; the clear key is never stored."""
    key = "bl_" + secrets.token_urlsafe(32)
    row = ApiKey(
        id=new_id("key"), tenant_id=tenant_id, name=name, key_hash=hash_key(key), prefix=key[:10]
    )
    session.add(row)
    session.flush()
    return row, key


def tenant_for_key(session: Session, key: str) -> str | None:
    row = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    return row.tenant_id


def revoke_key(session: Session, key_id: str) -> bool:
    row = session.get(ApiKey, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    return True
