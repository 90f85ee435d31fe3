"""OCR pool processes killed from outside (os.kill, as the OOM killer would) mid-document:
the pool is rebuilt and the pages re-read; a page that keeps losing its reader fails with
the reason.  No page is ever lost."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from extractors.model import PageResult
from extractors.ocr import pool as pool_module
from extractors.ocr.pool import shutdown_ocr_pool
from extractors.ocr.pool_pages import MAX_ATTEMPTS
from extractors.options import PipelineOptions
from extractors.pipeline import read_pages

from .endtoend import GOLDEN, page_subset


@pytest.fixture(scope="module")
def scanned_doc(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    tmp = tmp_path_factory.mktemp("pool_kill")
    digital = page_subset(GOLDEN / "pds2021_d_rotated.pdf", [1, 2, 3], tmp / "digital.pdf")
    return Path(build_module.scan_pdf(digital, tmp / "scan.pdf", build_module.DOCUMENT_SCAN))


class Killer(threading.Thread):
    """Kills the OCR pool's processes: once (the first it sees) or every one, until stopped."""

    def __init__(self, every: bool) -> None:
        super().__init__(daemon=True)
        self.every = every
        self.killed: list[int] = []
        self.pools: list[object] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pool = pool_module._pool
            procs = dict(getattr(pool, "_processes", None) or {})
            for pid, proc in procs.items():
                if proc.is_alive() and pid not in self.killed:
                    os.kill(pid, signal.SIGKILL)
                    self.killed.append(pid)
                    self.pools.append(pool)
                    if not self.every:
                        return
            time.sleep(0.05)


@pytest.fixture
def fresh_pool() -> Iterator[None]:
    shutdown_ocr_pool()
    yield
    shutdown_ocr_pool()


def _words(results: list[PageResult]) -> list[list[str]]:
    return [[w.text for w in r.page.words] for r in results]


@pytest.mark.usefixtures("fresh_pool")
def test_a_killed_pool_worker_is_replaced_and_its_pages_read(scanned_doc: Path) -> None:
    alone = read_pages(scanned_doc, [1, 2, 3], PipelineOptions(), ocr_workers=1)
    killer = Killer(every=False)
    killer.start()
    results = read_pages(scanned_doc, [1, 2, 3], PipelineOptions(), ocr_workers=2)
    killer.stop.set()
    killer.join()
    # A worker really died (while the pages were queued: the models take over a second
    # to load), and the pool that lost it is not the one running now.
    assert len(killer.killed) == 1
    assert pool_module._pool is not None and pool_module._pool is not killer.pools[0]
    assert [r.page.number for r in results] == [1, 2, 3]
    assert all(r.page.status == "ok" and r.page.source == "ocr" for r in results)
    # The same words as reading in this process: nothing dropped or half-read.
    assert _words(results) == _words(alone)
    assert sum(len(w) for w in _words(results)) > 50


@pytest.mark.usefixtures("fresh_pool")
def test_pages_whose_workers_keep_dying_fail_with_the_reason(scanned_doc: Path) -> None:
    killer = Killer(every=True)
    killer.start()
    results = read_pages(scanned_doc, [1, 2, 3], PipelineOptions(), ocr_workers=2)
    killer.stop.set()
    killer.join()
    assert [r.page.number for r in results] == [1, 2, 3]
    for r in results:
        assert r.page.status == "failed"
        assert r.page.reason and f"died {MAX_ATTEMPTS} times" in r.page.reason
        assert "BrokenProcessPool" in r.page.reason
    # One pool per attempt at least: each was killed before it could read a page.
    assert len(set(map(id, killer.pools))) >= MAX_ATTEMPTS
