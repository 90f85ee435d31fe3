"""Manage API keys: `python -m service.keys create --tenant NAME` | `revoke KEY_ID` | `list`."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy import select

from config import Settings
from service.auth import create_key, create_tenant, revoke_key
from workers.db import session_scope
from workers.models import ApiKey, Tenant


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.keys", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="new key; creates the tenant if it does not exist")
    create.add_argument("--tenant", required=True, help="tenant name")
    create.add_argument("--name", default="", help="label for the key")
    revoke = sub.add_parser("revoke", help="revoke a key by its id (key_…)")
    revoke.add_argument("key_id")
    sub.add_parser("list", help="keys and their tenants (never the keys themselves)")
    args = parser.parse_args(argv)
    url = Settings.from_env().database_url
    with session_scope(url) as session:
        if args.command == "create":
            tenant = session.scalars(select(Tenant).where(Tenant.name == args.tenant)).first()
            tenant = tenant or create_tenant(session, args.tenant)
            row, key = create_key(session, tenant.id, args.name)
            sys.stdout.write(f"tenant {tenant.id}\nkey_id {row.id}\napi_key {key}\n")
            return 0
        if args.command == "revoke":
            if not revoke_key(session, args.key_id):
                sys.stderr.write(f"no active key {args.key_id}\n")
                return 1
            sys.stdout.write(f"revoked {args.key_id}\n")
            return 0
        for key_row in session.scalars(select(ApiKey).order_by(ApiKey.created_at)):
            state = "revoked" if key_row.revoked_at else "active"
            sys.stdout.write(f"{key_row.id} {key_row.prefix}… {key_row.tenant_id} {state}\n")
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
