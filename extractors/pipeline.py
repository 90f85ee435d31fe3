"""The whole pipeline, in order.  Read this file to know what happens to a PDF.

    open (limits, encryption, page count)          backends/pdf_open.py
    -> pages: words + rulings per page              backends/text_layer.py, ocr/ (scans)
    -> tables per page                              tables/find.py (grid | camelot engine)
    -> stitched across pages, typed, unit, roles    tables/stitch.py, tables/classify.py
    -> readings (one mapper per table kind, prose)  mapping/
    -> reconcile readings into Amounts              reconcile.py
    -> validate identities -> checks / findings     validation/
    -> confidence -> status                         confidence.py
    -> BudgetDocument                               assemble.py

The per-page half (`read_pages`) and the document half (`assemble_document`) are separate
so the job system can run page batches on several workers and merge them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdfplumber.pdf import PDF

from extractors.backends.pdf_open import PdfInfo, inspect_pdf
from extractors.backends.text_layer import read_page
from extractors.model import Line, Page, Table
from extractors.options import PipelineOptions
from extractors.tables.find import find_tables
from extractors.tables.lines import page_lines
from schemas import BudgetDocument

Progress = Callable[[int, int], None]  # (pages done, pages total)


@dataclass(slots=True)
class PageResult:
    """Everything the per-page stages learn about one page; JSON-serialisable."""

    page: Page
    tables: list[Table] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def read_pages(
    path: Path,
    numbers: Iterable[int],
    options: PipelineOptions,
    progress: Progress | None = None,
    pdf: PDF | None = None,
) -> list[PageResult]:
    """Per-page stages for the 1-based page `numbers` of one PDF.

    `pdf`: `path` already opened by the caller, who closes it (a worker reading several
    batches of one file opens it once: opening a 241-page file costs ~0.15 s of CPU).
    """
    wanted = sorted(set(numbers))
    results: list[PageResult] = []
    with ExitStack() as stack:
        if pdf is None:
            pdf = stack.enter_context(pdfplumber.open(str(path)))
        total = len(wanted)
        for done, number in enumerate(wanted, 1):
            plumber_page = pdf.pages[number - 1]
            page = read_page(plumber_page, number, options)
            page.pdf_path = str(path)
            plumber_page.close()
            if page.status == "needs_ocr" and options.ocr_engine != "none":
                page = _ocr(path, page, options)
            results.append(_analyse(page, options))
            if progress:
                progress(done, total)
    return results


def _analyse(page: Page, options: PipelineOptions) -> PageResult:
    lines = page_lines(page)
    tables = find_tables(page, lines, options)
    return PageResult(page=page, tables=tables, lines=lines)


def _ocr(path: Path, page: Page, options: PipelineOptions) -> Page:
    """OCR a page; a failure marks the page, never the whole document."""
    try:
        # Imported lazily: a digital document never loads ONNX models.
        from extractors.ocr import ocr_page

        return ocr_page(path, page, options)
    except Exception as err:  # one bad page must not lose the others
        page.status = "failed"
        page.reason = f"ocr stage: {type(err).__name__}: {err}"[:300]
        return page


def assemble_document(
    info: PdfInfo, results: Sequence[PageResult], options: PipelineOptions
) -> BudgetDocument:
    from extractors.assemble import assemble

    return assemble(info, sorted(results, key=lambda r: r.page.number), options)


def extract_document(
    path: Path,
    options: PipelineOptions | None = None,
    progress: Progress | None = None,
) -> BudgetDocument:
    """PDF -> BudgetDocument.  Raises InputError (one-line reason) on bad input."""
    options = options or PipelineOptions()
    info = inspect_pdf(path, options.limits)
    results = read_pages(path, range(1, info.page_count + 1), options, progress)
    return assemble_document(info, results, options)
