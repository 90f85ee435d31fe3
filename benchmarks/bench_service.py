"""Service throughput and where a job's time goes, with 1 and 2 Celery worker processes.

    python benchmarks/bench_service.py [PDF ...] [--sample 6] [--large PATH] [--batch-pages 20]

Starts its own redis-server and SQLite database in a temp dir, uploads through the real
API (in-process ASGI client), runs a real Celery worker subprocess (`-c N`), and times from
the first upload until every job is terminal. Default input: a sample of the real corpus.

The machine may be shared, so besides wall time every run reports CPU seconds: of the
worker process tree (/proc), of each phase as the workers recorded
it (page batches, merge), the cores other processes kept busy (/proc/stat busy time minus
this benchmark's and its workers' CPU), and, per worker process, when its batches ran.
"critical path" is the largest per-worker CPU plus the serial start and merge CPU: roughly the
wall time on 2 idle cores.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import select  # noqa: E402
from svc_servers import redis_server  # noqa: E402
from svc_support import new_tenant, upload  # noqa: E402

from service.app import create_app  # noqa: E402
from service.settings import Settings  # noqa: E402
from workers.celery_config import make_celery  # noqa: E402
from workers.db import session_scope  # noqa: E402
from workers.models import Job, PageBatch  # noqa: E402

CORPUS = ROOT.parent / "shared" / "realdata" / "cn_budget"


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
    run_dir = Path(tempfile.mkdtemp(dir=tmp))
    settings = Settings(
        database_url=f"sqlite:///{run_dir / 'db.sqlite'}", redis_url=redis_url,
        store_dir=run_dir / "store", batch_pages=batch,
    )  # fmt: skip
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("sqlalchemy.url", settings.database_url)
    command.upgrade(config, "head")
    env = os.environ | {
        "DATABASE_URL": settings.database_url, "REDIS_URL": redis_url,
        "STORE_DIR": str(settings.store_dir), "LOG_LEVEL": "WARNING", "BATCH_PAGES": str(batch),
    }  # fmt: skip
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-Q",
         "extract,webhooks,maintenance", "-c", str(workers), "-n", f"bench{workers}@%h",
         "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
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


def phases(r: Run) -> dict[str, float]:
    """CPU and wall seconds per phase, summed over the run's jobs."""
    merges = [j["timings"].get("merge", {}) for j in r.jobs]
    starts = [j["timings"].get("start", {}) for j in r.jobs]
    out = {
        "start cpu": sum(s.get("cpu", 0.0) for s in starts),
        "batches cpu": sum(b["cpu"] for b in r.batches),
        "batches wall": sum(b["wall"] for b in r.batches),
        "batches db wall": sum(b["db"] for b in r.batches),
        "merge cpu": sum(_total(m, "cpu") for m in merges),
        "merge wall": sum(_total(m, "wall") for m in merges),
    }
    for part in ("claim", "load", "decode", "assemble", "write", "commit"):
        out[f"merge {part} wall"] = sum(m.get(part, {}).get("wall", 0.0) for m in merges)
        out[f"merge {part} cpu"] = sum(m.get(part, {}).get("cpu", 0.0) for m in merges)
    per_worker: dict[str, float] = {}
    for b in r.batches:
        per_worker[b["worker"]] = per_worker.get(b["worker"], 0.0) + b["cpu"]
    out["critical path cpu"] = (
        max(per_worker.values(), default=0.0) + out["start cpu"] + out["merge cpu"]
    )
    return out


def _total(merge: dict[str, Any], key: str) -> float:
    parts = ("claim", "load", "decode", "assemble", "write", "commit")
    return float(sum(merge.get(p, {}).get(key, 0.0) for p in parts))


def timeline(r: Run) -> list[str]:
    """One line per worker process: its batches in order, with start/end since the upload."""
    if not r.jobs:
        return []
    t0 = min(j["created"] for j in r.jobs)
    rows: dict[str, list[dict[str, Any]]] = {}
    for b in sorted(r.batches, key=lambda b: b["start"]):
        rows.setdefault(b["worker"], []).append(b)
    lines = []
    for worker, items in rows.items():
        busy = sum(b["wall"] for b in items)
        cpu = sum(b["cpu"] for b in items)
        span = ", ".join(
            f"#{b['index']} {_s(b['start'], t0):.1f}-{_s(b['end'], t0):.1f}" for b in items
        )
        lines.append(
            f"  {worker}: {len(items)} batches, busy {busy:.1f} s wall / {cpu:.1f} s CPU: {span}"
        )
    overlap = _overlap(r.batches)
    first = min((b["start"] for b in r.batches), default=t0)
    last = max((b["end"] for b in r.batches), default=t0)
    lines.append(
        f"  batches from {_s(first, t0):.1f} to {_s(last, t0):.1f} s; two or more batches "
        f"running at once for {overlap:.1f} s"
    )
    for j in r.jobs:
        merge = j["timings"].get("merge")
        if merge and j["finished"]:
            at = datetime.fromisoformat(merge["at"])
            lines.append(
                f"  merge of {j['pages']} pages on {merge['worker']} at {_s(at, t0):.1f} s, "
                f"finished {_s(j['finished'], t0):.1f} s"
            )
    return lines


def _s(moment: datetime, t0: datetime) -> float:
    return (moment - t0).total_seconds()


def _overlap(batches: list[dict[str, Any]]) -> float:
    events = sorted([(b["start"], 1) for b in batches] + [(b["end"], -1) for b in batches])
    running, since, total = 0, None, 0.0
    for moment, step in events:
        if running >= 2 and since is not None:
            total += (moment - since).total_seconds()
        running += step
        since = moment
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--sample", type=int, default=6, help="files drawn from the corpus")
    parser.add_argument("--large", type=Path, help="one large file timed alone")
    parser.add_argument("--workers", default="1,2", help="worker process counts to compare")
    parser.add_argument("--batch-pages", type=int, default=Settings().batch_pages)
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(CORPUS.rglob("*.pdf"))
    if not args.pdfs:
        pdfs = sorted(random.Random(0).sample(pdfs, min(args.sample, len(pdfs))))
    counts = [int(n) for n in args.workers.split(",")]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as redis_url:
        for n in counts if pdfs else []:  # --sample 0: the large file only
            runs.append(run("sample", pdfs, n, redis_url, Path(tmp), args.batch_pages))
        if args.large:
            name = f"large: {args.large.name[:20]}"
            for n in counts:
                runs.append(run(name, [args.large], n, redis_url, Path(tmp), args.batch_pages))
    report(runs, args.batch_pages)
    return 0


def report(runs: list[Run], batch_pages: int) -> None:
    print(f"{os.cpu_count()} CPUs, BATCH_PAGES={batch_pages}.\n")
    print("| set | workers | docs | wall s | docs/min | worker CPU s | critical path CPU s "
          "| others' cores | load 1-min start→end | states |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        p = phases(r)
        print(
            f"| {r.name} | {r.workers} | {r.docs} | {r.seconds:.1f} | "
            f"{r.docs / r.seconds * 60:.1f} | {r.worker_cpu:.1f} | "
            f"{p['critical path cpu']:.1f} | {r.others_cores:.2f} | "
            f"{r.load[0]:.2f}→{r.load[1]:.2f} | {_fmt(r.states)} |"
        )
    print("\nPer phase, seconds summed over the run's jobs (CPU / wall):\n")
    keys = ["start", "batches", "merge claim", "merge load", "merge decode", "merge assemble",
            "merge write", "merge commit", "merge"]  # fmt: skip
    print("| set | workers | " + " | ".join(keys) + " | batches' DB wall |")
    print("|---|---|" + "---|" * (len(keys) + 1))
    for r in runs:
        p = phases(r)
        cells = []
        for k in keys:
            cpu = p.get(f"{k} cpu", 0.0)
            wall = p.get(f"{k} wall")
            cells.append(f"{cpu:.2f}" + (f" / {wall:.2f}" if wall is not None else ""))
        print(
            f"| {r.name} | {r.workers} | " + " | ".join(cells) + f" | {p['batches db wall']:.2f} |"
        )
    for r in runs:
        if r.name.startswith("large"):
            print(f"\nTimeline, {r.name}, {r.workers} worker(s) (seconds since upload):")
            print("\n".join(timeline(r)))


def _fmt(states: dict[str, int]) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(states.items()))


if __name__ == "__main__":
    raise SystemExit(main())
