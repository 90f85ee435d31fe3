"""Service throughput: documents per minute with 1 and 2 Celery worker processes.

    python benchmarks/bench_service.py [PDF ...] [--sample 6] [--large PATH]

Starts its own redis-server and SQLite database in a temp dir, uploads through the real
API (in-process ASGI client), runs a real Celery worker subprocess, and times from the
first upload until every job is terminal. Default input: a sample of the real corpus.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from svc_servers import redis_server  # noqa: E402
from svc_support import new_tenant, upload  # noqa: E402

from service.app import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "realdata" / "cn_budget"


def run(pdfs: list[Path], workers: int, redis_url: str, tmp: Path) -> tuple[float, dict[str, int]]:
    """Seconds from first upload to all jobs terminal, and jobs by final state."""
    run_dir = Path(tempfile.mkdtemp(dir=tmp))
    settings = Settings(
        database_url=f"sqlite:///{run_dir / 'db.sqlite'}", redis_url=redis_url,
        store_dir=run_dir / "store",
    )  # fmt: skip
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", settings.database_url)
    command.upgrade(config, "head")
    env = os.environ | {
        "DATABASE_URL": settings.database_url, "REDIS_URL": redis_url,
        "STORE_DIR": str(settings.store_dir), "LOG_LEVEL": "WARNING",
    }  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-Q",
         "extract,webhooks,maintenance", "-c", str(workers), "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        with TestClient(create_app(settings)) as client:
            auth = new_tenant(settings, "bench")
            time.sleep(2.0)  # worker start-up is not what we measure
            started = time.monotonic()
            jobs = [upload(client, auth, pdf).json()["id"] for pdf in pdfs]
            states = wait_all(client, auth, jobs)
            return time.monotonic() - started, states
    finally:
        worker.terminate()
        worker.wait(30)


def wait_all(client: TestClient, auth: dict[str, str], jobs: list[str]) -> dict[str, int]:
    final: dict[str, str] = {}
    while len(final) < len(jobs):
        for job_id in jobs:
            if job_id not in final:
                state = client.get(f"/v1/jobs/{job_id}", headers=auth).json()["state"]
                if state not in ("queued", "running"):
                    final[job_id] = state
        time.sleep(0.5)
    counts: dict[str, int] = {}
    for state in final.values():
        counts[state] = counts.get(state, 0) + 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--sample", type=int, default=6, help="files drawn from the corpus")
    parser.add_argument("--large", type=Path, help="one large file timed alone")
    parser.add_argument("--workers", default="1,2", help="worker process counts to compare")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.rglob("*.pdf"))
    if not args.pdfs:
        pdfs = sorted(random.Random(0).sample(pdfs, min(args.sample, len(pdfs))))
    counts = [int(n) for n in args.workers.split(",")]
    rows: list[tuple[str, int, int, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as redis_url:
        for n in counts:
            seconds, states = run(pdfs, n, redis_url, Path(tmp))
            rows.append(("sample", n, len(pdfs), seconds, _fmt(states)))
        if args.large:
            for n in counts:
                seconds, states = run([args.large], n, redis_url, Path(tmp))
                rows.append((f"large:{args.large.name[:24]}", n, 1, seconds, _fmt(states)))
    print(f"{'set':<34} {'workers':>7} {'docs':>5} {'seconds':>8} {'docs/min':>8}  states")
    for name, n, docs, seconds, states in rows:
        print(f"{name:<34} {n:>7} {docs:>5} {seconds:>8.1f} {docs / seconds * 60:>8.1f}  {states}")
    return 0


def _fmt(states: dict[str, int]) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(states.items()))


if __name__ == "__main__":
    raise SystemExit(main())
