"""Scenario 2: redis-server stopped and restarted with 50 jobs queued and running.

Redis runs as in the compose file (append-only file on), on its own port so the rest of
the suite is untouched. Uploads during the outage still answer 202 (the job row is the
truth; the reaper sends it). Every job must end exactly once and every webhook event
arrive; jobs whose messages were in flight come back through the lease and the reaper.
"""

from __future__ import annotations

import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis
from conftest import migrate
from fastapi.testclient import TestClient
from svc_pdfs import budget_pdf
from svc_receiver import receiver
from svc_servers import free_port, redis_binary
from svc_stack import (
    RssSampler,
    celery_proc,
    db_kind,
    report,
    results_per_job,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import new_tenant, upload

from service.app import create_app
from service.settings import Settings

JOBS = 50
LEASE = "15"


class RestartableRedis:
    def __init__(self, workdir: Path) -> None:
        self.workdir, self.port = workdir, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        binary = redis_binary()
        assert binary is not None
        args = ["--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.workdir),
                "--appendonly", "yes", "--save", ""]  # fmt: skip
        self.proc = subprocess.Popen(
            [binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        assert self.proc is not None
        self.proc.terminate()  # SIGTERM: redis flushes its append-only file and exits
        self.proc.wait(20)


@contextmanager
def restartable_redis(workdir: Path) -> Iterator[RestartableRedis]:
    server = RestartableRedis(workdir)
    server.start()
    try:
        yield server
    finally:
        if server.proc is not None and server.proc.poll() is None:
            server.stop()


def _done(client: TestClient, auth: dict[str, str], job_ids: list[str]) -> int:
    states = [client.get(f"/v1/jobs/{j}", headers=auth).json()["state"] for j in job_ids]
    return sum(s not in ("queued", "running") for s in states)


def test_redis_restart_loses_nothing(pg_url: str, tmp_path: Path) -> None:
    """PostgreSQL only (as deployed); SQLite's path through the broker is the same code."""
    migrate(pg_url)
    with restartable_redis(tmp_path) as server, receiver() as hook:
        settings = Settings(
            database_url=pg_url, redis_url=server.url, store_dir=tmp_path / "store",
            webhook_allow_loopback=True, batch_pages=1, lease_seconds=15,
        )  # fmt: skip
        auth = new_tenant(settings, "redis-restart")
        env = stack_env(settings, LEASE_SECONDS=LEASE, MAX_ATTEMPTS="5")
        log = tmp_path / "workers.log"
        light = [*worker_args("light", "webhooks,maintenance", 1), "-B",
                 "--schedule", str(tmp_path / "beat")]  # fmt: skip
        client = TestClient(create_app(settings))
        client.post("/v1/webhooks", json={"url": hook.url}, headers=auth).raise_for_status()
        pdfs = [budget_pdf(tmp_path / f"r{n}.pdf", pages=3, marker=f"r{n}") for n in range(JOBS)]
        with (
            celery_proc(env, log, *light),
            celery_proc(env, log, *worker_args("extract", "extract", 2)) as extract,
            RssSampler([extract.pid]) as rss,
        ):
            answers = [upload(client, auth, pdf) for pdf in pdfs[:40]]
            while _done(client, auth, [a.json()["id"] for a in answers]) < 5:
                time.sleep(0.2)
            server.stop()
            # During the outage: uploads are accepted and kept, never a 5xx.
            answers += [upload(client, auth, pdf) for pdf in pdfs[40:]]
            time.sleep(3)
            server.start()
            restarted = time.monotonic()
            job_ids = [a.json()["id"] for a in answers]
            states = wait_terminal(settings, job_ids, timeout=300)
            recovered = time.monotonic() - restarted
            deadline = time.monotonic() + 90
            while len({r.headers["webhook-id"] for r in hook.requests}) < JOBS:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            time.sleep(2)
    ids = Counter(r.headers["webhook-id"] for r in hook.requests)
    per_job = results_per_job(settings, job_ids)
    report(
        "2 Redis restart, 50 jobs",
        db_kind(settings),
        jobs=JOBS,
        jobs_lost=sum(states.get(j) != "succeeded" for j in job_ids),
        jobs_duplicated=sum(n > 1 for n in per_job.values()),
        webhooks_missing=JOBS - len(ids),
        webhooks_duplicated=sum(n - 1 for n in ids.values()),
        http_5xx=sum(a.status_code >= 500 for a in answers),
        peak_rss_mb=rss.peak_mb,
        recover_s=round(recovered, 1),
        lease_s=int(LEASE),
    )
    assert [a.status_code for a in answers] == [202] * JOBS
    assert all(states[j] == "succeeded" for j in job_ids), Counter(states.values())
    assert per_job == {j: 1 for j in job_ids}
    assert len(ids) == JOBS and set(ids.values()) == {1}, ids
