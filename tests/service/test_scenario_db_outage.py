"""Scenario 3: PostgreSQL stopped for a while under load, then started again.

While it is down the API answers 503 with Retry-After (never a traceback) and workers
retry their step; afterwards every job finishes exactly once and no job is half-written
(a result row exists exactly for the succeeded jobs).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from fastapi.testclient import TestClient
from svc_pdfs import budget_pdf
from svc_servers import _as_postgres, free_port, pg_bin
from svc_stack import (
    ROOT,
    celery_proc,
    report,
    results_per_job,
    stack_env,
    wait_terminal,
    worker_args,
)
from svc_support import new_tenant, upload

from service.app import create_app
from service.settings import Settings

JOBS = 12


class RestartablePostgres:
    def __init__(self, workdir: Path) -> None:
        self.data, self.port = workdir / "pgdata", free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        initdb = pg_bin("initdb")
        assert initdb is not None
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(workdir, "postgres")
            shutil.chown(self.data, "postgres")
        cmd = [initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        subprocess.run(_as_postgres(cmd), check=True, stdout=subprocess.DEVNULL)
        self.admin = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/outage"

    def start(self) -> None:
        postgres = pg_bin("postgres")
        assert postgres is not None
        cmd = [postgres, "-D", str(self.data), "-p", str(self.port), "-k", str(self.data),
               "-h", "127.0.0.1", "-c", "fsync=off"]  # fmt: skip
        self.proc = subprocess.Popen(
            _as_postgres(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.admin).close()
                return
            except psycopg.OperationalError:
                assert time.monotonic() < deadline, "postgres did not start"
                time.sleep(0.2)

    def stop(self) -> None:
        """Fast shutdown (SIGINT to the postmaster): open connections are cut, as in a crash."""
        assert self.proc is not None
        pid = int((self.data / "postmaster.pid").read_text().split()[0])
        os.kill(pid, signal.SIGINT)
        self.proc.wait(30)


@pytest.fixture
def outage_pg() -> Iterator[RestartablePostgres]:
    workdir = Path(tempfile.mkdtemp(prefix="budgetlens-outage-"))
    if pg_bin("initdb") is None:
        pytest.skip("no PostgreSQL")
    server = RestartablePostgres(workdir)
    server.start()
    with psycopg.connect(server.admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE outage")
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", server.url)
    command.upgrade(config, "head")
    yield server
    if server.proc is not None and server.proc.poll() is None:
        server.stop()
    shutil.rmtree(workdir, ignore_errors=True)


def test_database_outage(outage_pg: RestartablePostgres, redis_url: str, tmp_path: Path) -> None:
    settings = Settings(
        database_url=outage_pg.url,
        redis_url=redis_url,
        store_dir=tmp_path / "store",
        webhook_allow_loopback=True,
        batch_pages=1,
        lease_seconds=15,
    )
    auth = new_tenant(settings, "outage")
    client = TestClient(create_app(settings))
    env = stack_env(settings, LEASE_SECONDS="15", MAX_ATTEMPTS="5")
    log = tmp_path / "workers.log"
    light = [*worker_args("light", "webhooks,maintenance", 1), "-B",
             "--schedule", str(tmp_path / "beat")]  # fmt: skip
    pdfs = [budget_pdf(tmp_path / f"o{n}.pdf", pages=3, marker=f"o{n}") for n in range(JOBS)]
    with (
        celery_proc(env, log, *light),
        celery_proc(env, log, *worker_args("extract", "extract", 2)),
    ):
        job_ids = [upload(client, auth, pdf).json()["id"] for pdf in pdfs]
        time.sleep(1.0)  # let a few batches start
        outage_pg.stop()
        during = [
            client.get(f"/v1/jobs/{job_ids[0]}", headers=auth),
            upload(client, auth, budget_pdf(tmp_path / "late.pdf", marker="late")),
            client.get("/readyz"),
        ]
        time.sleep(5)
        outage_pg.start()
        restarted = time.monotonic()
        states = wait_terminal(settings, job_ids, timeout=240)
        recovered = time.monotonic() - restarted
    per_job = results_per_job(settings, job_ids)
    report(
        "3 database outage",
        "postgresql",
        jobs=JOBS,
        jobs_lost=sum(states.get(j) != "succeeded" for j in job_ids),
        jobs_duplicated=sum(n > 1 for n in per_job.values()),
        http_5xx=sum(r.status_code >= 500 and r.status_code != 503 for r in during),
        answered_503=sum(r.status_code == 503 for r in during),
        recover_s=round(recovered, 1),
    )
    assert [r.status_code for r in during] == [503, 503, 503], [r.text for r in during]
    assert all(r.headers.get("Retry-After") for r in during[:2])
    assert all("Traceback" not in r.text for r in during)
    assert all(states[j] == "succeeded" for j in job_ids), states
    assert per_job == {j: 1 for j in job_ids}
