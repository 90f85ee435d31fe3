"""Scenario 11: N small jobs through one extraction worker of 2 processes, over real HTTP.

    .venv/bin/python benchmarks/bench_load.py [--jobs 1000] [--db postgresql|sqlite]

Starts its own redis-server, PostgreSQL (or SQLite), uvicorn, an extraction worker (-c 2)
and a webhook/maintenance worker with beat; uploads N one-page PDFs (distinct bytes) from
4 client threads, waits for all, and appends one JSON line to benchmarks/load.jsonl:
upload rate, completion throughput, p50/p95 latency (upload to finished), lost and
duplicated jobs, 5xx answers, peak worker RSS. Quotas are off for the run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

import httpx  # noqa: E402
from conftest import migrate  # noqa: E402
from sqlalchemy import select  # noqa: E402
from svc_pdfs import budget_pdf  # noqa: E402
from svc_servers import postgres_server, redis_server  # noqa: E402
from svc_stack import (  # noqa: E402
    RssSampler,
    api_server,
    celery_proc,
    results_per_job,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import new_tenant, upload  # noqa: E402

from service.settings import Settings  # noqa: E402
from workers.db import session_scope  # noqa: E402
from workers.models import Job  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] if ordered else 0.0


def run(jobs: int, db: str, work: Path) -> dict[str, object]:
    (work / "redis").mkdir()
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server(work / "redis"))
        if db == "postgresql":
            db_url = stack.enter_context(postgres_server(work / "pg"))
        else:
            db_url = f"sqlite:///{work / 'load.db'}"
        migrate(db_url)
        settings = Settings(database_url=db_url, redis_url=redis_url, store_dir=work / "store")
        auth = new_tenant(settings, "load")
        env = stack_env(settings, TENANT_UPLOADS_PER_MINUTE="0", TENANT_MAX_QUEUED_JOBS="0")
        log = work / "stack.log"
        url = stack.enter_context(api_server(env, log))
        light = [*worker_args("light", "webhooks,maintenance", 1), "-B",
                 "--schedule", str(work / "beat")]  # fmt: skip
        stack.enter_context(celery_proc(env, log, *light))
        extract = stack.enter_context(celery_proc(env, log, *worker_args("x", "extract", 2)))
        pdfs = [budget_pdf(work / f"p{n}.pdf", pages=1, marker=f"load-{n}") for n in range(jobs)]
        rss = stack.enter_context(RssSampler([extract.pid], period=1.0))
        started = time.monotonic()

        def post(pdf: Path) -> httpx.Response:
            with httpx.Client(base_url=url, timeout=120) as http:
                return upload(http, auth, pdf)

        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(post, pdfs))
        uploaded = time.monotonic() - started
        ids = [a.json()["id"] for a in answers if a.status_code == 202]
        states = wait_terminal(settings, ids, timeout=3600)
        elapsed = time.monotonic() - started
        with session_scope(settings.database_url) as session:
            rows = session.execute(
                select(Job.created_at, Job.finished_at).where(Job.id.in_(ids))
            ).all()
        latency = [(f - c).total_seconds() for c, f in rows if f is not None]
        per_job = results_per_job(settings, ids)
        return {
            "scenario": f"11 load, {jobs} one-page jobs, 2 worker processes",
            "database": db,
            "jobs": jobs,
            "jobs_lost": jobs - sum(states.get(j) == "succeeded" for j in ids),
            "jobs_duplicated": sum(n > 1 for n in per_job.values()),
            "http_5xx": sum(a.status_code >= 500 for a in answers),
            "peak_rss_mb": rss.peak_mb,
            "uploads_per_s": round(jobs / uploaded, 1),
            "jobs_per_min": round(len(ids) / elapsed * 60, 1),
            "latency_p50_s": round(percentile(latency, 0.5), 1),
            "latency_p95_s": round(percentile(latency, 0.95), 1),
            "elapsed_s": round(elapsed, 1),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "load.jsonl")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="budgetlens-load-"))
    work.chmod(0o755)  # PostgreSQL runs as its own user and must reach its data dir
    try:
        figures = run(args.jobs, args.db, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    line = json.dumps(figures, sort_keys=True)
    print(line)
    with args.out.open("a", encoding="utf-8") as out:
        out.write(line + "\n")
    return 0 if figures["jobs_lost"] == 0 and figures["jobs_duplicated"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
