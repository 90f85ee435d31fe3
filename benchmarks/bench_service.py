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
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "service")]

from svc_servers import redis_server  # noqa: E402

from benchmarks.service_bench.report import report  # noqa: E402
from benchmarks.service_bench.stack import Run, run  # noqa: E402
from service.settings import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "realdata" / "cn_budget"


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


if __name__ == "__main__":
    raise SystemExit(main())
