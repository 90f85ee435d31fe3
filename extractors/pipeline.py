"""The whole pipeline, in order.  Read this file to know what happens to a PDF.

    open (limits, encryption, page count)          backends/pdf_open.py
    -> pages: words + rulings per page              backends/text_layer.py, ocr/ (scans)
    -> tables per page                              tables/find.py (grid | camelot engine)
    then the document stages, DOCUMENT_STAGES below, over one DocumentState (stages/):
    -> stitch: tables joined across pages           stages/tables.py, tables/stitch.py
    -> type: kind and unit of each table            stages/tables.py, tables/kinds.py
    -> map: metadata, readings per table kind       stages/readings.py, mapping/
    -> reconcile: readings of a path -> one value   stages/readings.py, reconcile.py
    -> check: identities evaluated                  stages/checks.py, validation/
    -> judge: findings, doubts, confirmations       stages/checks.py, validation/policy.py
    -> confidence -> status                         stages/build.py, confidence.py
    -> build: the BudgetDocument                    stages/build.py

The per-page half (`read_pages`) and the document half (`assemble_document`) are separate
so the job system can run page batches on several workers and merge them.  Within one
document, scanned pages can be OCR'd by a small process pool (`ocr_workers`), while this
process reads the text layer of the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path

import pdfplumber
from pdfplumber.pdf import PDF

from extractors.backends.pdf_open import PdfInfo, inspect_pdf
from extractors.backends.text_layer import read_page
from extractors.model import Page, Region
from extractors.model import PageResult as PageResult  # re-exported: workers import it here
from extractors.ocr.choice_stage import alias_headers, choose_figures
from extractors.ocr.pool import MIN_POOL_PAGES, ocr_worker_count, pool_running
from extractors.ocr.pool_pages import PoolPages
from extractors.options import PipelineOptions
from extractors.stages.build import build_document, score_confidence
from extractors.stages.checks import check_identities, judge_values
from extractors.stages.readings import map_readings, reconcile_values
from extractors.stages.state import DocumentState, Stage, need
from extractors.stages.tables import stitch_tables, type_tables
from extractors.tables.find import find_tables
from extractors.tables.lines import page_lines
from schemas import BudgetDocument

Progress = Callable[[int, int], None]  # (pages done, pages total)


# The document half, in order: each stage fills its part of the state (stages/state.py).
DOCUMENT_STAGES: tuple[Stage, ...] = (
    stitch_tables,
    alias_headers,
    type_tables,
    choose_figures,
    map_readings,
    reconcile_values,
    check_identities,
    judge_values,
    score_confidence,
    build_document,
)


def read_pages(
    path: Path,
    numbers: Iterable[int],
    options: PipelineOptions,
    progress: Progress | None = None,
    pdf: PDF | None = None,
    ocr_workers: int = 1,
) -> list[PageResult]:
    """Per-page stages for the 1-based page `numbers` of one PDF, in page order.

    `pdf`: `path` already opened by the caller, who closes it (a worker reading several
    batches of one file opens it once: opening a 241-page file costs ~0.15 s of CPU).
    `ocr_workers` > 1: scanned pages go to a process pool of that size once there are
    MIN_POOL_PAGES of them (callers that are pool processes themselves get 1; see
    `ocr_worker_count`).  `progress` is called once per finished page, in the order pages
    finish, with the count done so far.
    """
    wanted = sorted(set(numbers))
    total = len(wanted)
    results: list[PageResult] = []
    # Scanned pages not yet sent anywhere: held until there are enough to start a pool.
    held: list[Page] = []
    pool: PoolPages | None = None

    def finished(result: PageResult) -> None:
        results.append(result)
        if progress:
            progress(len(results), total)

    with ExitStack() as stack:
        if pdf is None:
            pdf = stack.enter_context(pdfplumber.open(str(path)))
        for number in wanted:
            plumber_page = pdf.pages[number - 1]
            page = read_page(plumber_page, number, options)
            page.pdf_path = str(path)
            plumber_page.close()
            if page.status != "needs_ocr" or options.ocr_engine == "none":
                page, regions = _read_pictures(path, page, options)
                finished(_analyse(page, options, regions))
                continue
            if ocr_workers <= 1:
                finished(_ocr_and_analyse(path, page, options))
                continue
            held.append(page)
            # A pool already running (an earlier document) costs nothing to use.
            if pool is None and (
                len(held) >= MIN_POOL_PAGES or pool_running(ocr_workers, options.ocr_engine)
            ):
                pool = PoolPages(path, options, ocr_workers, _ocr_and_analyse, _give_up(options))
            if pool is not None:
                for p in held:
                    pool.submit(p)
                held.clear()
        # Too few scanned pages for a pool: read here.
        for page in held:
            finished(_ocr_and_analyse(path, page, options))
        for result in pool.results() if pool is not None else ():
            finished(result)
    return sorted(results, key=lambda r: r.page.number)


def _analyse(
    page: Page, options: PipelineOptions, regions: list[Region] | None = None
) -> PageResult:
    lines = page_lines(page)
    tables = find_tables(page, lines, options)
    return PageResult(page=page, tables=tables, lines=lines, regions=regions or [])


def _ocr(path: Path, page: Page, options: PipelineOptions) -> tuple[Page, list[Region]]:
    """OCR a page and find its regions; a failure marks the page, never the whole document."""
    try:
        # Imported lazily: a digital document never loads ONNX models.
        from extractors.ocr import ocr_page

        read = ocr_page(path, page, options)
    except Exception as err:  # one bad page must not lose the others
        page.status = "failed"
        page.reason = f"ocr stage: {type(err).__name__}: {err}"[:300]
        return page, []
    return read, _regions(path, read, (read.rotation - page.rotation) % 360, options)


def _regions(path: Path, page: Page, turned: int, options: PipelineOptions) -> list[Region]:
    """Layout regions of an image page; the page reads without them, so errors pass."""
    from extractors.layout.detect import page_regions

    try:
        return page_regions(path, page, turned, options.layout_engine)
    except Exception as err:
        page.reason = f"layout stage: {type(err).__name__}: {err}"[:300]
        return []


def _read_pictures(path: Path, page: Page, options: PipelineOptions) -> tuple[Page, list[Region]]:
    """A digital page with pictures the text layer does not explain gets their OCR words."""
    if not page.image_regions or options.ocr_engine == "none" or page.status != "ok":
        return page, []
    from extractors.layout import read_pictures, unexplained_pictures

    pictures = unexplained_pictures(page)
    if not pictures:
        return page, []
    try:
        page = read_pictures(path, page, pictures, options)
    except Exception as err:  # the text layer still stands: keep it, say what failed
        page.reason = f"picture ocr: {type(err).__name__}: {err}"[:300]
        return page, []
    figures = [Region("figure", box, 1.0, "ocr") for box in pictures]
    return page, figures + _regions(path, page, 0, options)


def _ocr_and_analyse(path: Path, page: Page, options: PipelineOptions) -> PageResult:
    """A pool task: one scanned page, OCR, layout and the per-page table stages."""
    read, regions = _ocr(path, page, options)
    return _analyse(read, options, regions)


def _give_up(options: PipelineOptions) -> Callable[[Page, str], PageResult]:
    """A page the pool could not read fails, not the document.

    _ocr already turns a page's own errors into a failed page, so what reaches here is the
    pool process dying (killed, out of memory) again and again, or a result not coming back.
    """

    def fail(page: Page, reason: str) -> PageResult:
        page.status = "failed"
        page.reason = reason[:300]
        return _analyse(page, options)

    return fail


def assemble_document(
    info: PdfInfo, results: Sequence[PageResult], options: PipelineOptions
) -> BudgetDocument:
    ordered = sorted(results, key=lambda r: r.page.number)
    state = DocumentState(info=info, results=ordered, options=options)
    for stage in DOCUMENT_STAGES:
        state = stage(state)
    return need(state.document, "document")


def extract_document(
    path: Path,
    options: PipelineOptions | None = None,
    progress: Progress | None = None,
) -> BudgetDocument:
    """PDF -> BudgetDocument.  Raises InputError (one-line reason) on bad input."""
    options = options or PipelineOptions()
    info = inspect_pdf(path, options.limits)
    pages = range(1, info.page_count + 1)
    results = read_pages(path, pages, options, progress, ocr_workers=ocr_worker_count(options))
    return assemble_document(info, results, options)
