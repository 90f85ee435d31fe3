"""Scanned pages read by the OCR pool, surviving pool processes that die.

A pool process can be killed from outside (the out-of-memory killer, an operator, a
container limit) while it reads a page.  concurrent.futures then marks the whole pool
broken and fails every page still queued on it, not only the one that was running.  Here
the broken pool is replaced and those pages are sent again; a page caught in
MAX_ATTEMPTS breaks fails with a reason that says so (a page that kills its reader every
time must not take the document, nor this process, down with it).  No page is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from extractors.model import Page, PageResult
from extractors.ocr.pool import drop_pool, ocr_pool
from extractors.options import PipelineOptions

# Reads of one page that may end in a broken pool before it is given up: the first, and
# two on fresh pools.  A page whose neighbour killed the pool pays one attempt too.
MAX_ATTEMPTS = 3

PageTask = Callable[[Path, Page, PipelineOptions], PageResult]
# A page the pool could not read, with the reason: the caller turns it into a failed page.
GiveUp = Callable[[Page, str], PageResult]


@dataclass(slots=True)
class _Sent:
    page: Page
    pool: ProcessPoolExecutor
    attempt: int


@dataclass(slots=True)
class PoolPages:
    """The scanned pages of one read_pages call on the process pool."""

    path: Path
    options: PipelineOptions
    workers: int
    task: PageTask
    give_up: GiveUp
    _sent: dict[Future[PageResult], _Sent] = field(default_factory=dict)
    rebuilds: int = 0

    def submit(self, page: Page, attempt: int = 1) -> None:
        pool = ocr_pool(self.workers, self.options.ocr_engine)
        try:
            future = pool.submit(self.task, self.path, page, self.options)
        except (BrokenProcessPool, RuntimeError):
            # Broken (or shut down) before this page got in: a fresh pool takes it.
            self._replace(pool)
            pool = ocr_pool(self.workers, self.options.ocr_engine)
            future = pool.submit(self.task, self.path, page, self.options)
        self._sent[future] = _Sent(page, pool, attempt)

    def results(self) -> Iterator[PageResult]:
        """Every submitted page once, as it finishes: read, or failed with the reason."""
        while self._sent:
            done, _ = wait(list(self._sent), return_when=FIRST_COMPLETED)
            for future in done:
                sent = self._sent.pop(future)
                result = self._settle(future, sent)
                if result is not None:
                    yield result

    def _settle(self, future: Future[PageResult], sent: _Sent) -> PageResult | None:
        """The page's result, or None when it went back to a fresh pool."""
        try:
            return future.result()
        except BrokenProcessPool as err:
            self._replace(sent.pool)
            if sent.attempt >= MAX_ATTEMPTS:
                reason = f"ocr worker died {sent.attempt} times while this page was queued"
                return self.give_up(sent.page, f"{reason}: {type(err).__name__}: {err}")
            self.submit(sent.page, sent.attempt + 1)
            return None
        except Exception as err:  # the result did not come back (e.g. unpicklable)
            return self.give_up(sent.page, f"ocr worker: {type(err).__name__}: {err}")

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        # Every page queued on the broken pool reports it; only the first replaces it.
        if drop_pool(broken):
            self.rebuilds += 1
