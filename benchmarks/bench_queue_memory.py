"""Redis memory per queued job: the broker-side limit of the scaling model.

    .venv/bin/python benchmarks/bench_queue_memory.py [--jobs 20000]

Starts its own redis-server, sends `--jobs` workers.extract_document messages with the
service's own Celery configuration and no worker consuming them, and reports Redis
`used_memory` per queued message (a job waiting for a worker is one such message; its
page batches are enqueued only once it runs, one message at a time per batch).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service"), str(ROOT / "benchmarks")]

import redis  # noqa: E402
from peers import stamp  # noqa: E402
from svc_servers import redis_server  # noqa: E402

from service.settings import Settings  # noqa: E402
from workers.celery_config import make_celery  # noqa: E402


def measure(jobs: int) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp, redis_server(Path(tmp)) as url:
        client = redis.Redis.from_url(url)
        app = make_celery(Settings(redis_url=url))
        app.send_task("workers.extract_document", args=[str(uuid.uuid4())])  # connection set-up
        before = int(client.info("memory")["used_memory"])
        with app.producer_pool.acquire(block=True) as producer:
            for _ in range(jobs):
                job = str(uuid.uuid4())
                app.send_task("workers.extract_document", args=[job], producer=producer)
        after = int(client.info("memory")["used_memory"])
        return after - before, int(client.llen("extract"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=20000)
    args = parser.parse_args()
    grown, queued = measure(args.jobs)
    print(stamp())
    print()
    print("| queued messages | Redis used_memory growth | bytes per queued job |")
    print("|---|---|---|")
    print(f"| {queued} | {grown / 2**20:.1f} MiB | {grown / max(queued, 1):.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
