"""Per-page wall and CPU seconds: the pipeline, pdfplumber words and camelot lattice."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path

from .corpus import CORPUS, Doc, PageKey, doc_name, key
from .runs import DocRun, Report

Timings = tuple[dict[str, float], dict[str, float]]  # wall, CPU seconds by "name#page"


def time_document(path: Path) -> DocRun:
    """`extract_document` with a progress callback that stamps the end of every page."""
    # Imported on call, never at module level: an A/B run imports this package, then puts
    # the other tree's extractors first on sys.path.
    from extractors.errors import InputError
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    stamps: list[tuple[float, float]] = []

    def progress(done: int, total: int) -> None:
        stamps.append((time.perf_counter(), time.process_time()))

    start = (time.perf_counter(), time.process_time())
    error = ""
    ocr_pages = tables = 0
    try:
        doc = extract_document(path, PipelineOptions.from_env(), progress=progress)
        ocr_pages = sum(1 for p in doc.document.pages if str(p.source) == "ocr")
        tables = len(doc.tables)
    except InputError as err:
        error = err.reason
    end = (time.perf_counter(), time.process_time())
    n_pages = max(len(stamps), 1)
    return DocRun(
        name=doc_name(path),
        pages=len(stamps),
        wall=end[0] - start[0],
        cpu=end[1] - start[1],
        page_wall=_apportion([s[0] for s in stamps], start[0], end[0], n_pages),
        page_cpu=_apportion([s[1] for s in stamps], start[1], end[1], n_pages),
        ocr_pages=ocr_pages,
        tables=tables,
        error=error,
    )


def _apportion(stamps: list[float], start: float, end: float, n_pages: int) -> list[float]:
    """Per-page intervals between stamps, plus the unstamped rest shared out per page."""
    marks = [start, *stamps]
    intervals = [b - a for a, b in pairwise(marks)]
    rest = (end - start - sum(intervals)) / n_pages
    return [i + rest for i in intervals]


def run_side_by_side(
    report: Report, docs: Sequence[Doc], sample: Sequence[PageKey], say: Callable[[str], None]
) -> None:
    """Per document: pipeline, then pdfplumber words, then camelot on its sampled pages.

    Interleaved so that all three see the same load from other processes on the machine.
    """
    for index, doc in enumerate(docs, 1):
        run = time_document(doc.path)
        report.single.append(run)
        wall, cpu = time_words([doc])
        report.words.update(wall)
        report.words_cpu.update(cpu)
        (wall, cpu), errors = time_camelot([k for k in sample if k[0] == doc.name])
        report.camelot.update(wall)
        report.camelot_cpu.update(cpu)
        report.camelot_errors += errors
        say(
            f"  [{index}/{len(docs)}] pipeline {run.wall / max(run.pages, 1):.3f} s/page, "
            f"camelot on {len(wall)} pages: {doc.name}"
        )


def time_words(docs: Sequence[Doc]) -> Timings:
    """pdfplumber `extract_words()` per page; opening the file counts to page 1."""
    import pdfplumber

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    for doc in docs:
        start = (time.perf_counter(), time.process_time())
        with pdfplumber.open(str(doc.path)) as pdf:
            for number, page in enumerate(pdf.pages, 1):
                page.extract_words()
                page.close()
                now = (time.perf_counter(), time.process_time())
                wall[key(doc.name, number)] = now[0] - start[0]
                cpu[key(doc.name, number)] = now[1] - start[1]
                start = now
    return wall, cpu


def time_camelot(sample: Sequence[PageKey]) -> tuple[Timings, int]:
    """camelot lattice, one `read_pdf` call per sampled page (opens the file each time)."""
    import camelot

    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    errors = 0
    for name, number in sample:
        start = (time.perf_counter(), time.process_time())
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                camelot.io.read_pdf(str(CORPUS / name), pages=str(number), flavor="lattice")
        except Exception:  # a page camelot cannot read still cost its time
            errors += 1
        wall[key(name, number)] = time.perf_counter() - start[0]
        cpu[key(name, number)] = time.process_time() - start[1]
    return (wall, cpu), errors
