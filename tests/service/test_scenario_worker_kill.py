"""Scenario 1: pool children SIGKILLed mid-extraction, 20 times over a batch of documents.

Every job must end exactly once (one result, one webhook event each), with complete
results, and every webhook event arrive (receivers dedupe on `webhook-id`: duplicates are
counted). A killed child's batch is taken over on redelivery: the figure is the time from
the kill until another process holds (or finished) that batch.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from svc_receiver import receiver
from svc_stack import (
    RssSampler,
    celery_proc,
    children,
    db_kind,
    dense_pdf,
    kill,
    report,
    results_per_job,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import upload

from service.settings import Settings
from workers.db import session_scope
from workers.models import Job, PageBatch, Result, WebhookEvent, utcnow

KILLS = 20
DOCUMENTS, PAGES = 14, 5  # to start with; more are uploaded if all finish before 20 kills


@dataclass
class Kill:
    job_id: str
    index: int
    pid: int
    at: float
    recovered: float | None = None


def _running_batches(settings: Settings) -> list[tuple[str, int, int]]:
    """(job, batch, pid) of batches a live lease holds right now."""
    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(PageBatch.job_id, PageBatch.index, PageBatch.worker).where(
                PageBatch.state == "pending",
                PageBatch.worker.is_not(None),
                PageBatch.lease_until > utcnow(),
            )
        ).all()
    return [(job, index, int(str(worker).rsplit(":", 1)[1])) for job, index, worker in rows]


def _recovered(settings: Settings, kill: Kill) -> bool:
    with session_scope(settings.database_url) as session:
        batch = session.scalars(
            select(PageBatch).where(PageBatch.job_id == kill.job_id, PageBatch.index == kill.index)
        ).one()
        holder = batch.worker or ""
        return batch.state != "pending" or not holder.endswith(f":{kill.pid}")


def _kill_loop(
    settings: Settings, pool_parent: int, add_document: Callable[[], None]
) -> list[Kill]:
    kills: list[Kill] = []
    idle = 0
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        for k in kills:
            if k.recovered is None and _recovered(settings, k):
                k.recovered = time.monotonic() - k.at
        if len(kills) >= KILLS and all(k.recovered is not None for k in kills):
            return kills
        # A killed child stays listed until the pool reaps it (a zombie accepts SIGKILL
        # again): each pid is killed, and counted, once.
        killed = {k.pid for k in kills}
        pool = set(children(pool_parent)) - killed
        targets = [t for t in _running_batches(settings) if t[2] in pool]
        if len(kills) < KILLS and targets:
            job, index, pid = targets[0]
            if kill(pid):
                kills.append(Kill(job, index, pid, time.monotonic()))
        # A fast machine can finish every batch before the 20th kill: give it more work.
        idle = 0 if targets else idle + 1
        if len(kills) < KILLS and idle >= 10:
            add_document()
            idle = 0
        time.sleep(0.4)
    raise AssertionError(f"kills did not all recover: {kills}")


def test_sigkill_twenty_times_nothing_lost(
    client: TestClient, auth: dict[str, str], settings: Settings, tmp_path: Path
) -> None:
    # A lease far longer than the test: every recovery has to be a takeover on redelivery.
    env = stack_env(settings, MAX_ATTEMPTS="10", LEASE_SECONDS="3600")
    log = tmp_path / "workers.log"
    light = worker_args("light", "webhooks,maintenance", 1)
    with (
        receiver() as hook,
        celery_proc(env, log, *light, "-B", "--schedule", str(tmp_path / "beat")),
        celery_proc(env, log, *worker_args("extract", "extract", 2)) as extract,
    ):
        client.post("/v1/webhooks", json={"url": hook.url}, headers=auth).raise_for_status()
        started = time.monotonic()
        job_ids: list[str] = []

        def add_document() -> None:
            n = len(job_ids)
            pdf = dense_pdf(tmp_path / f"d{n}.pdf", PAGES, marker=f"{tmp_path.name}-{n}")
            job_ids.append(upload(client, auth, pdf).json()["id"])

        for _ in range(DOCUMENTS):
            add_document()
        with RssSampler([extract.pid]) as rss:
            kills = _kill_loop(settings, extract.pid, add_document)
            states = wait_terminal(settings, job_ids, timeout=240)
        elapsed = time.monotonic() - started
        deadline = time.monotonic() + 60
        while len({r.headers["webhook-id"] for r in hook.requests}) < len(job_ids):
            assert time.monotonic() < deadline, "webhooks missing"
            time.sleep(0.3)
        time.sleep(2)  # late duplicates, if any, would arrive now
    ids = Counter(r.headers["webhook-id"] for r in hook.requests)
    with session_scope(settings.database_url) as session:
        events = Counter(
            job
            for e in session.scalars(select(WebhookEvent))
            if (job := e.payload.get("data", {}).get("job_id")) in job_ids
        )
        pages_ok = [
            all(p["status"] == "ok" for p in r.body["document"]["pages"])
            and len(r.body["document"]["pages"]) == PAGES
            for r in session.scalars(select(Result).where(Result.job_id.in_(job_ids)))
        ]
        attempts = max(session.scalars(select(Job.attempts).where(Job.id.in_(job_ids))))
    recovery = sorted(k.recovered or 0.0 for k in kills)
    report(
        "1 worker SIGKILL x20",
        db_kind(settings),
        jobs=len(job_ids),
        kills=len(kills),
        jobs_lost=sum(states.get(j) != "succeeded" for j in job_ids),
        jobs_duplicated=sum(n > 1 for n in results_per_job(settings, job_ids).values()),
        webhooks_duplicated=sum(n - 1 for n in ids.values()),
        http_5xx=0,
        peak_rss_mb=rss.peak_mb,
        recover_median_s=round(recovery[len(recovery) // 2], 2),
        recover_max_s=round(recovery[-1], 2),
        elapsed_s=round(elapsed, 1),
        max_job_attempts=attempts,
    )
    assert len(kills) == KILLS
    assert all(states[j] == "succeeded" for j in job_ids), states
    assert results_per_job(settings, job_ids) == {j: 1 for j in job_ids}
    assert pages_ok == [True] * len(job_ids)
    assert set(events) == set(job_ids) and set(events.values()) == {1}
    assert len(ids) == len(job_ids) and set(ids.values()) == {1}, ids
