"""The pipeline in a pool of spawned worker processes: throughput in pages/s."""

from __future__ import annotations

import os
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from .corpus import Doc
from .runs import DocRun, PoolRun
from .timing import time_document


def _pool_init() -> None:
    warnings.filterwarnings("ignore")
    import extractors.pipeline  # noqa: F401


def _pool_warm(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _pool_doc(path_text: str) -> dict[str, Any]:
    return asdict(time_document(Path(path_text)))  # plain data crosses the process boundary


def run_pool(docs: Sequence[Doc], workers: int) -> PoolRun:
    """Documents largest first on `workers` spawned, warmed-up processes."""
    ordered = sorted(docs, key=lambda d: -d.pages)
    ctx = get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_pool_init) as pool:
        list(pool.map(_pool_warm, [0.5] * workers))
        start = time.perf_counter()
        results = [DocRun(**r) for r in pool.map(_pool_doc, [str(d.path) for d in ordered])]
        wall = time.perf_counter() - start
    pages = sum(r.pages for r in results)
    return PoolRun(workers, wall, pages, sum(r.cpu for r in results), results)
