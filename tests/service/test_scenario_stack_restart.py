"""Scenario 12: the whole stack killed mid-batch (API, workers, beat, Redis; the database
stays) and started again: every job finishes after the restart, none twice.

Everything is SIGKILLed (pool children first, then their parents, uvicorn, redis-server),
as a power cut of the application host would. Redis keeps its append-only file. Messages
in flight are lost with their processes; the reaper finds the jobs by their lease.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import httpx
from conftest import migrate
from svc_pdfs import budget_pdf
from svc_receiver import receiver
from svc_stack import (
    api_server,
    celery_proc,
    children,
    report,
    results_per_job,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import new_tenant, upload
from test_scenario_redis_restart import RestartableRedis, restartable_redis

from service.settings import Settings

JOBS = 20
LEASE = 10


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    for pid in children(proc.pid):
        os.kill(pid, signal.SIGKILL)
    proc.kill()
    proc.wait(10)


def _start(
    stack: ExitStack, env: dict[str, str], tmp_path: Path, run: int
) -> tuple[str, list[subprocess.Popen[bytes]]]:
    log = tmp_path / f"stack{run}.log"
    light = [*worker_args(f"light{run}", "webhooks,maintenance", 1), "-B",
             "--schedule", str(tmp_path / f"beat{run}")]  # fmt: skip
    procs = [
        stack.enter_context(celery_proc(env, log, *light)),
        stack.enter_context(celery_proc(env, log, *worker_args(f"x{run}", "extract", 2))),
    ]
    return stack.enter_context(api_server(env, log)), procs


def test_whole_stack_restart(pg_url: str, tmp_path: Path) -> None:
    migrate(pg_url)
    with restartable_redis(tmp_path) as redis:
        _scenario(redis, pg_url, tmp_path)


def _scenario(redis: RestartableRedis, pg_url: str, tmp_path: Path) -> None:
    settings = Settings(
        database_url=pg_url, redis_url=redis.url, store_dir=tmp_path / "store",
        webhook_allow_loopback=True, batch_pages=1, lease_seconds=LEASE,
    )  # fmt: skip
    auth = new_tenant(settings, "restart")
    env = stack_env(settings, LEASE_SECONDS=str(LEASE), MAX_ATTEMPTS="5")
    pdfs = [budget_pdf(tmp_path / f"s{n}.pdf", pages=4, marker=f"s{n}") for n in range(JOBS)]
    with receiver() as hook:
        with ExitStack() as first:
            url, procs = _start(first, env, tmp_path, 1)
            http = httpx.Client(base_url=url, timeout=60)
            http.post("/v1/webhooks", json={"url": hook.url}, headers=auth).raise_for_status()
            job_ids = [upload(http, auth, pdf).json()["id"] for pdf in pdfs]
            while sum(s == "succeeded" for s in wait_terminal(settings, job_ids, 0).values()) < 3:
                time.sleep(0.2)
            for proc in procs:
                _kill_tree(proc)
            assert redis.proc is not None
            redis.proc.kill()
            redis.proc.wait(10)
        done_before = sum(s == "succeeded" for s in wait_terminal(settings, job_ids, 0).values())
        redis.start()
        restarted = time.monotonic()
        with ExitStack() as second:
            _start(second, env, tmp_path, 2)
            states = wait_terminal(settings, job_ids, timeout=300)
            recovered = time.monotonic() - restarted
            deadline = time.monotonic() + 60
            while len({r.headers["webhook-id"] for r in hook.requests}) < JOBS:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.5)
            time.sleep(2)
    ids = Counter(r.headers["webhook-id"] for r in hook.requests)
    per_job = results_per_job(settings, job_ids)
    report(
        "12 whole stack SIGKILLed and restarted",
        "postgresql",
        jobs=JOBS,
        done_before_kill=done_before,
        jobs_lost=sum(states.get(j) != "succeeded" for j in job_ids),
        jobs_duplicated=sum(n > 1 for n in per_job.values()),
        webhooks_missing=JOBS - len(ids),
        webhooks_duplicated=sum(n - 1 for n in ids.values()),
        recover_s=round(recovered, 1),
        lease_s=LEASE,
    )
    assert done_before < JOBS, "the kill came too late to test anything"
    assert all(states[j] == "succeeded" for j in job_ids), Counter(states.values())
    assert per_job == {j: 1 for j in job_ids}
    assert len(ids) == JOBS and set(ids.values()) == {1}, ids
