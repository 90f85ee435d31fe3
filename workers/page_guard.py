"""Per-page limits for the worker: time, decoded-stream size and memory.

A 2.4 KB double-Flate upload drove a worker child to 3.2 GB and the job still succeeded;
a page with tens of millions of drawing operators kept a worker busy for minutes. Each
page is read on its own under three limits, and a page that breaks one ends as a failed
page with the reason while the rest of the document extracts:

- time: SIGALRM interrupts the (pure Python) parser after PAGE_TIME_LIMIT seconds;
- decoded bytes: pdfminer's Flate decoder is swapped for one that stops at
  MAX_DECOMPRESSED_MB per stream, before the memory is spent;
- memory: the pool child runs under RLIMIT_AS (WORKER_MAX_MEMORY_MB), so an allocation
  past it raises MemoryError instead of swapping the machine.

A page that kills or hangs the whole process (native code) is the batch's problem: the
child dies, the batch is retried and fails after MAX_ATTEMPTS (see workers/extraction.py).
"""

from __future__ import annotations

import signal
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pdfminer.pdftypes
from pdfplumber.pdf import PDF

from extractors.model import Page
from extractors.options import PipelineOptions
from extractors.pipeline import PageResult, Progress, read_pages


class PageLimitExceeded(Exception):
    """A page broke one of the limits; the message is the page error's reason."""


class CappedZlib:
    """Stands in for the `zlib` module inside pdfminer.pdftypes."""

    error = zlib.error

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.tripped: str | None = None

    def decompressobj(self, *args: Any, **kwargs: Any) -> Any:
        return zlib.decompressobj(*args, **kwargs)

    def decompress(self, data: bytes, *_: Any) -> bytes:
        inflater = zlib.decompressobj()
        out = inflater.decompress(data, self.limit + 1)
        if len(out) > self.limit:
            # Remembered too: pdfminer swallows some exceptions on the way up.
            self.tripped = f"a stream decodes to over {self.limit // (1 << 20)} MB"
            raise PageLimitExceeded(self.tripped)
        if not inflater.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says
        return out


_capped: CappedZlib | None = None


def install_decompression_cap(max_mb: int) -> CappedZlib:
    """Process-wide: called once in each worker child."""
    global _capped
    _capped = CappedZlib(max_mb << 20)
    setattr(pdfminer.pdftypes, "zlib", _capped)  # noqa: B010 - a module attribute swap
    return _capped


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise PageLimitExceeded in this (main) thread after `seconds`; no-op elsewhere."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise PageLimitExceeded(f"page took over {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    # Fires again every second: a parser that swallows the first exception gets another.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _reason(err: BaseException) -> str:
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, PageLimitExceeded):
            return str(seen)
        if isinstance(seen, MemoryError):
            return "page needs more memory than WORKER_MAX_MEMORY_MB"
        seen = seen.__cause__ or seen.__context__
    return f"cannot read page: {type(err).__name__}: {err}"[:500]


def failed_page(number: int, reason: str) -> PageResult:
    page = Page(number=number, width=0.0, height=0.0, status="failed", reason=reason)
    return PageResult(page=page)


def read_pages_guarded(
    path: Path,
    numbers: range,
    options: PipelineOptions,
    seconds: float,
    open_pdf: Callable[[], PDF],
    drop_pdf: Callable[[], None],
    progress: Progress | None = None,
) -> list[PageResult]:
    """`read_pages`, one page at a time, each under the limits; a page over one fails alone."""
    results: list[PageResult] = []
    for number in numbers:
        results.append(_one_page(path, number, options, seconds, open_pdf, drop_pdf))
        if progress:
            progress(len(results), len(numbers))
    return results


def _one_page(
    path: Path,
    number: int,
    options: PipelineOptions,
    seconds: float,
    open_pdf: Callable[[], PDF],
    drop_pdf: Callable[[], None],
) -> PageResult:
    if _capped is not None:
        _capped.tripped = None
    try:
        with time_limit(seconds):
            [result] = read_pages(path, [number], options, pdf=open_pdf())
    except Exception as err:  # any page-level failure, often wrapped by pdfplumber
        drop_pdf()  # interrupted mid-parse: its caches may be half-built
        return failed_page(number, _reason(err))
    if _capped is not None and _capped.tripped:
        drop_pdf()
        return failed_page(number, _capped.tripped)
    return result
