"""Real Celery workers and beat as subprocesses, their pool children, RSS, job waits, figures.

Faults are injected natively: `os.kill(pid, SIGKILL)` on a pool child, SIGTERM/restart of
redis-server. Scenario figures go to the JSON-lines file named by RELIABILITY_REPORT
(benchmarks/reliability_report.py renders them into Markdown).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from service.settings import Settings
from workers.db import session_scope
from workers.models import TERMINAL_STATES, Delivery, Job, Result

ROOT = Path(__file__).resolve().parents[2]


def stack_env(settings: Settings, **extra: str) -> dict[str, str]:
    return (
        dict(os.environ)
        | {
            "DATABASE_URL": settings.database_url,
            "REDIS_URL": settings.broker_url,
            "STORE_DIR": str(settings.store_dir),
            "WEBHOOK_ALLOW_LOOPBACK": "true",
            "BATCH_PAGES": str(settings.batch_pages),
            "WEBHOOK_RETRY_SECONDS": "0,1,1",
            "LOG_LEVEL": "WARNING",
        }
        | extra
    )


@contextmanager
def celery_proc(env: dict[str, str], log: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    out = log.open("ab")
    cmd = [sys.executable, "-m", "celery", "-A", "workers.celery_app", *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        yield proc
    finally:
        stop(proc)
        out.close()


def worker_args(name: str, queues: str, concurrency: int) -> list[str]:
    return ["worker", "-Q", queues, "-c", str(concurrency), "-n", f"{name}-{os.getpid()}@%h",
            "--loglevel", "WARNING"]  # fmt: skip


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler:
    """Peak resident memory (VmHWM) of the given processes and their children, in MB."""

    def __init__(self, roots: Iterable[int], period: float = 0.2) -> None:
        self.roots, self.period = list(roots), period
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.is_set():
            for root in self.roots:
                for pid in [root, *children(root)]:
                    self.peak_kb = max(self.peak_kb, _status_kb(pid, "VmHWM"))
            self._stop.wait(self.period)

    @property
    def peak_mb(self) -> int:
        return self.peak_kb // 1024


def kill(pid: int) -> bool:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def wait_terminal(settings: Settings, job_ids: list[str], timeout: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while True:
        with session_scope(settings.database_url) as session:
            rows = session.execute(select(Job.id, Job.state).where(Job.id.in_(job_ids))).all()
            states = {job: state for job, state in rows}
        if all(states.get(j) in TERMINAL_STATES for j in job_ids) or time.monotonic() > deadline:
            return states
        time.sleep(0.5)


def results_per_job(settings: Settings, job_ids: list[str]) -> dict[str, int]:
    with session_scope(settings.database_url) as session:
        rows = session.execute(
            select(Result.job_id, func.count())
            .where(Result.job_id.in_(job_ids))
            .group_by(Result.job_id)
        )
        return {job: int(n) for job, n in rows}


def deliveries_ok(settings: Settings) -> int:
    with session_scope(settings.database_url) as session:
        return int(session.scalar(select(func.count()).where(Delivery.ok.is_(True))) or 0)


def report(scenario: str, database: str, **figures: Any) -> None:
    """Append this run's figures (jobs lost, duplicated, 5xx, peak RSS, recovery)."""
    line = json.dumps({"scenario": scenario, "database": database} | figures, sort_keys=True)
    print(line)
    target = os.environ.get("RELIABILITY_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(line + "\n")


def db_kind(settings: Settings) -> str:
    return "postgresql" if settings.database_url.startswith("postgresql") else "sqlite"


def dense_pdf(path: Path, pages: int, marker: str, rows: int = 45) -> Path:
    """Ruled tables of numbers: each page takes the extractor a noticeable fraction of a second."""
    from reportlab.pdfgen import canvas
    from svc_pdfs import FONT

    pdf = canvas.Canvas(str(path))
    for number in range(pages):
        pdf.setFont(FONT, 8)
        pdf.drawString(60, 810, f"部门支出总表 单位：万元 {marker} {number}")
        for row in range(rows + 1):
            y = 790 - row * 16
            pdf.line(50, y, 550, y)
            if row < rows:
                for col in range(8):
                    text = f"{row * 8 + col + number}.{col}" if col else f"科目{row}"
                    pdf.drawString(54 + col * 62, y - 11, text)
        for col in range(9):
            pdf.line(50 + col * 62.5, 790, 50 + col * 62.5, 790 - rows * 16)
        pdf.showPage()
    pdf.save()
    return path


@contextmanager
def api_server(env: dict[str, str], log: Path) -> Iterator[str]:
    """uvicorn in its own process on a free loopback port; yields the base URL."""
    import httpx
    from svc_servers import free_port

    port = free_port()
    out = log.open("ab")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.app:app",
           "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{url}/healthz", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        yield url
    finally:
        stop(proc)
        out.close()
