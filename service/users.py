"""Manage reviewer accounts: `python -m service.users create --tenant T --email E`.

The password comes from a prompt, or from standard input with `--password-stdin`."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from config import Settings
from service.auth import create_tenant
from service.review.accounts import create_reviewer
from workers.db import session_scope
from workers.models import Tenant
from workers.review_models import Reviewer


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.users", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="new reviewer; creates the tenant if needed")
    create.add_argument("--tenant", required=True, help="tenant name")
    create.add_argument("--email", required=True)
    create.add_argument("--password-stdin", action="store_true")
    sub.add_parser("list", help="reviewers and their tenants")
    args = parser.parse_args(argv)
    url = Settings.from_env().database_url
    if args.command == "list":
        with session_scope(url) as session:
            for row in session.scalars(select(Reviewer).order_by(Reviewer.created_at)):
                sys.stdout.write(f"{row.id} {row.email} {row.tenant_id}\n")
        return 0
    try:
        password = _password(args.password_stdin)
        with session_scope(url) as session:
            tenant = session.scalars(select(Tenant).where(Tenant.name == args.tenant)).first()
            tenant = tenant or create_tenant(session, args.tenant)
            reviewer = create_reviewer(session, tenant.id, args.email, password)
            sys.stdout.write(f"tenant {tenant.id}\nreviewer {reviewer.id} {reviewer.email}\n")
    except (ValueError, IntegrityError) as err:
        reason = "that email already has an account" if isinstance(err, IntegrityError) else err
        sys.stderr.write(f"error: {reason}\n")
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
