"""One timed run: a real Celery worker (`-c N`) extracting uploads made through the real API.

bench_service.py puts the repository and tests/service (svc_support) on sys.path first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_support import new_tenant, upload

from service.app import create_app
from service.settings import Settings
from workers.celery_config import make_celery
from workers.db import session_scope
from workers.models import Job, PageBatch

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Run:
    name: str
    workers: int
    docs: int
    seconds: float
    states: dict[str, int]
    worker_cpu: float  # the worker process tree (main process and pool) while jobs ran
    others_cores: float  # cores kept busy by other processes during the run
    load: tuple[float, float]  # 1-min load average at start and end
    jobs: list[dict[str, Any]] = field(default_factory=list)
    batches: list[dict[str, Any]] = field(default_factory=list)


def run(name: str, pdfs: list[Path], workers: int, redis_url: str, tmp: Path, batch: int) -> Run:
    settings = _fresh_database(Path(tempfile.mkdtemp(dir=tmp)), redis_url, batch)
    worker = _start_worker(settings, workers)
    try:
        with TestClient(create_app(settings)) as client:
            auth = new_tenant(settings, "bench")
            _wait_ready(settings, workers)  # worker start-up is not what we measure
            load_start = os.getloadavg()[0]
            tree, busy, own = _tree_cpu(worker.pid), _busy_seconds(), time.process_time()
            started = time.monotonic()
            jobs = [upload(client, auth, pdf).json()["id"] for pdf in pdfs]
            states = wait_all(client, auth, jobs)
            seconds = time.monotonic() - started
            worker_cpu = _tree_cpu(worker.pid) - tree
            busy = _busy_seconds() - busy
            own = time.process_time() - own
            load_end = os.getloadavg()[0]
    finally:
        worker.terminate()
        worker.wait(60)
    others = max(busy - worker_cpu - own, 0.0) / seconds
    result = Run(name, workers, len(pdfs), seconds, states, worker_cpu, others,
                 (load_start, load_end))  # fmt: skip
    _read_profile(settings, result)
    return result


def _fresh_database(run_dir: Path, redis_url: str, batch: int) -> Settings:
    """Settings for one run: its own SQLite file and store, migrated to head."""
    settings = Settings(
        database_url=f"sqlite:///{run_dir / 'db.sqlite'}", redis_url=redis_url,
        store_dir=run_dir / "store", batch_pages=batch,
    )  # fmt: skip
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", settings.database_url)
    command.upgrade(config, "head")
    return settings


def _start_worker(settings: Settings, workers: int) -> subprocess.Popen[bytes]:
    """`celery worker -c N` on the run's database, Redis and store."""
    env = os.environ | {
        "DATABASE_URL": settings.database_url, "REDIS_URL": settings.broker_url,
        "STORE_DIR": str(settings.store_dir), "LOG_LEVEL": "WARNING",
        "BATCH_PAGES": str(settings.batch_pages),
    }  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-Q",
         "extract,webhooks,maintenance", "-c", str(workers), "-n", f"bench{workers}@%h",
         "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _wait_ready(settings: Settings, workers: int) -> None:
    """Until the worker answers a ping and its pool children have been forked."""
    app = make_celery(settings)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        stats = app.control.inspect(timeout=1.0).stats() or {}
        pools = [s.get("pool", {}).get("processes", []) for s in stats.values()]
        if pools and len(pools[0]) >= workers:
            time.sleep(0.5)
            return
        time.sleep(0.2)
    raise RuntimeError("the Celery worker did not start")


def _busy_seconds() -> float:
    """CPU-busy seconds of the whole machine (all cores) since boot, from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    ticks = [int(x) for x in fields[:8]]  # user nice system idle iowait irq softirq steal
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def _tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its live children (the Celery pool) so far."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        parts = text[text.rindex(")") + 2 :].split()
        if int(stat.parent.name) == pid or int(parts[1]) == pid:
            total += (int(parts[11]) + int(parts[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _read_profile(settings: Settings, result: Run) -> None:
    with session_scope(settings.database_url) as session:
        for job in session.scalars(select(Job)):
            result.jobs.append({
                "id": job.id, "created": job.created_at, "finished": job.finished_at,
                "pages": job.pages_total, "timings": job.timings or {},
            })  # fmt: skip
        for b in session.scalars(select(PageBatch)):
            result.batches.append({
                "job": b.job_id, "index": b.index, "pages": b.last_page - b.first_page + 1,
                "worker": b.worker, "start": b.started_at, "end": b.finished_at,
                "wall": b.seconds or 0.0, "cpu": b.cpu_seconds or 0.0, "db": b.db_seconds or 0.0,
            })  # fmt: skip


def wait_all(client: TestClient, auth: dict[str, str], jobs: list[str]) -> dict[str, int]:
    final: dict[str, str] = {}
    while len(final) < len(jobs):
        for job_id in jobs:
            if job_id not in final:
                state = client.get(f"/v1/jobs/{job_id}", headers=auth).json()["state"]
                if state not in ("queued", "running"):
                    final[job_id] = state
        time.sleep(0.2)
    counts: dict[str, int] = {}
    for state in final.values():
        counts[state] = counts.get(state, 0) + 1
    return counts
