"""The process pool that OCRs a document's scanned pages on all cores.

One pool per process, started on first use and kept between documents; never inside a
process that is itself a worker (see `ocr_worker_count`).
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

from extractors.options import PipelineOptions

# Automatic OCR workers (options.ocr_workers == 0): one per core, at most this many.  The
# machine the service targets has 2 cores; more processes would each hold ~0.4 GB of
# models and buffers for no extra speed.
MAX_AUTO_OCR_WORKERS = 2
# A pool process costs ~1-1.5 s of CPU to start (imports, ONNX sessions) and a scanned page
# 1.5-3 CPU-s to read, so the pool only pays off from a few scanned pages on; fewer are
# read in this process.  Counted per read_pages call.
MIN_POOL_PAGES = 3


def ocr_worker_count(options: PipelineOptions) -> int:
    """How many processes should OCR a document's scanned pages, here and now.

    1 inside any worker process (a Celery prefork child, a ProcessPoolExecutor or
    multiprocessing child): daemonic ones cannot have children, and whoever started the
    others already runs documents side by side; a pool per worker would put 2 OCR
    processes per worker on the same 2 cores, each holding ~0.6 GB (seen with
    benchmarks/corpus_report.py --jobs 2).
    """
    if _in_worker_process() or options.ocr_engine == "none":
        return 1
    if options.ocr_workers > 0:
        return options.ocr_workers
    cores = _cores()
    return max(1, min(MAX_AUTO_OCR_WORKERS, cores or 1))


def _in_worker_process() -> bool:
    me = multiprocessing.current_process()
    if me.daemon or multiprocessing.parent_process() is not None:
        return True
    # Celery forks its workers with billiard, which stdlib multiprocessing does not see.
    billiard = sys.modules.get("billiard")
    if billiard is not None:
        child = billiard.current_process()
        return bool(child.daemon) or child.name != "MainProcess"
    return False


# One pool per process, kept between documents: starting one costs ~1-1.5 CPU-s per
# worker (imports, ONNX sessions), which a CLI batch or a benchmark would pay per document.
_pool: ProcessPoolExecutor | None = None
_pool_key: tuple[int, str] | None = None
_pool_lock = threading.Lock()


def pool_running(workers: int, engine: str) -> bool:
    """A pool of this shape is up already: using it costs nothing."""
    return _pool is not None and _pool_key == (workers, engine)


def ocr_pool(workers: int, engine: str) -> ProcessPoolExecutor:
    global _pool, _pool_key
    with _pool_lock:
        if _pool is None or _pool_key != (workers, engine):
            if _pool is not None:
                _pool.shutdown(wait=True)
            # forkserver: children forked from a clean server, never from this process,
            # which may hold onnxruntime thread pools (unsafe to fork) or a web framework.
            method = (
                "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            )
            context = multiprocessing.get_context(method)
            _pool = ProcessPoolExecutor(
                workers,
                mp_context=context,
                initializer=_init_ocr_worker,
                initargs=(engine, workers),
            )
            _pool_key = (workers, engine)
        return _pool


def drop_pool(broken: ProcessPoolExecutor | None = None) -> bool:
    """Forget a broken pool: the next call to `ocr_pool` starts a new one.

    With `broken`: only if that pool is still the current one (pages of an old pool report
    its break after a new one took over).  True when a pool was dropped.
    """
    global _pool, _pool_key
    with _pool_lock:
        if _pool is None or (broken is not None and _pool is not broken):
            return False
        _pool.shutdown(wait=False, cancel_futures=True)
        _pool, _pool_key = None, None
        return True


def shutdown_ocr_pool() -> None:
    """Stop the OCR pool's processes (they are also stopped when this process exits)."""
    global _pool, _pool_key
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True)
        _pool, _pool_key = None, None


atexit.register(shutdown_ocr_pool)


def _init_ocr_worker(engine: str, workers: int) -> None:
    """Pool process start: share the cores out, then load the OCR models once."""
    cores = _cores()
    # One onnxruntime thread per process unless told otherwise: the pool is the
    # parallelism, and threads beyond the cores only contend.
    os.environ.setdefault("BUDGETLENS_OCR_THREADS", str(max(1, (cores or 1) // workers)))
    try:
        from extractors.ocr import load_ocr_engine

        load_ocr_engine(engine)
    except Exception:
        # Not fatal here: each page's own load_ocr_engine call raises it again and the page
        # gets it as its reason, exactly as when reading in this process.
        pass


def _cores() -> int | None:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
