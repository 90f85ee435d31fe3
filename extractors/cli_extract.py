"""`budgetlens extract`: a PDF or a folder of PDFs -> JSON / CSV / XLSX files, or stdout."""

from __future__ import annotations

import sys
import time
from contextlib import redirect_stdout
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from extractors.cli_engines import engine_problem
from extractors.cli_pages import PageSelection
from extractors.errors import InputError
from extractors.options import PipelineOptions
from extractors.pipeline import Progress, assemble_document, extract_document, read_pages
from schemas import BudgetDocument

FORMATS = ("json", "csv", "xlsx")
STDOUT = "-"


class Exit(IntEnum):
    ok = 0
    failed = 1  # some files of a batch, or an unexpected error
    bad_input = 2  # bad input or flag, or an engine that cannot start
    partial = 3  # pages failed and --allow-partial was not given


@dataclass(frozen=True, slots=True)
class ExtractRequest:
    source: Path
    output: str | None  # a path, STDOUT, or None (next to the input)
    fmt: str | None  # None: from the output's extension
    pages: str | None
    allow_partial: bool
    quiet: bool


def run_extract(request: ExtractRequest, options: PipelineOptions) -> int:
    batch = request.source.is_dir()
    try:
        pages = PageSelection.parse(request.pages) if request.pages else None
        _check_setup(request, options, batch)
        fmt = (request.fmt or "json") if batch else output_format(request.output, request.fmt)
    except ValueError as err:
        _say(f"budgetlens: {err}")
        return Exit.bad_input
    if batch:
        return _batch(request, fmt, options, pages)
    target = request.output or str(request.source.with_suffix(f".{fmt}"))
    return _one(request, request.source, target, fmt, options, pages)


def _check_setup(request: ExtractRequest, options: PipelineOptions, batch: bool) -> None:
    """Raises ValueError (one line) for what would fail every file, before any page."""
    if batch and request.output == STDOUT:
        raise ValueError("a folder is written to a folder: give -o OUT_FOLDER, not -o -")
    problem = engine_problem(options)
    if problem:
        raise ValueError(problem)


def output_format(output: str | None, fmt: str | None) -> str:
    """--format wins; else -o's extension; else JSON (also for stdout)."""
    if fmt:
        return fmt
    if output is None or output == STDOUT:
        return "json"
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(
            f"cannot tell the format of {output}: name it .json, .csv or .xlsx, or give --format"
        )
    return suffix


def _one(
    request: ExtractRequest,
    source: Path,
    target: str,
    fmt: str,
    options: PipelineOptions,
    pages: PageSelection | None,
) -> Exit:
    start = time.perf_counter()
    progress = None if request.quiet else _progress(source.name)
    try:
        # Libraries that print go to stderr: stdout may be carrying the result (-o -).
        with redirect_stdout(sys.stderr):
            doc = extract_pages(source, options, pages, progress)
        write(doc, target, fmt)
    except InputError as err:
        _say(f"budgetlens: {source}: {err.reason}")
        return Exit.bad_input
    except Exception as err:  # a batch goes on; the one line says what to report
        _say(f"budgetlens: {source}: unexpected error: {type(err).__name__}: {err}"[:500])
        return Exit.failed
    if not request.quiet:
        _say(_summary(doc, target, time.perf_counter() - start))
    failed = [p.page for p in doc.document.pages if p.status == "failed"]
    if failed and not request.allow_partial:
        _say(f"budgetlens: {source}: pages {_numbers(failed)} failed (see document.pages)")
        return Exit.partial
    return Exit.ok


def _batch(
    request: ExtractRequest, fmt: str, options: PipelineOptions, pages: PageSelection | None
) -> int:
    folder = request.source
    pdfs = sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf")
    out_dir = Path(request.output) if request.output else folder
    outcomes: list[Exit] = []
    for index, pdf in enumerate(pdfs, 1):
        if not request.quiet:
            _say(f"[{index}/{len(pdfs)}] {pdf.relative_to(folder)}")
        out = out_dir / pdf.relative_to(folder).with_suffix(f".{fmt}")
        outcomes.append(_one(request, pdf, str(out), fmt, options, pages))
    failures = sum(o in (Exit.failed, Exit.bad_input) for o in outcomes)
    if not request.quiet:
        _say(f"done: {len(pdfs) - failures} of {len(pdfs)} extracted into {out_dir}")
    if failures:
        return Exit.failed
    return Exit.partial if Exit.partial in outcomes else Exit.ok


def extract_pages(
    path: Path,
    options: PipelineOptions,
    pages: PageSelection | None = None,
    progress: Progress | None = None,
) -> BudgetDocument:
    """extract_document, or the same over the selected pages only."""
    if pages is None:
        return extract_document(path, options, progress)
    from extractors.backends.pdf_open import inspect_pdf
    from extractors.ocr.pool import ocr_worker_count

    info = inspect_pdf(path, options.limits)
    numbers = pages.resolve(info.page_count)
    results = read_pages(path, numbers, options, progress, ocr_workers=ocr_worker_count(options))
    return assemble_document(info, results, options)


def write(doc: BudgetDocument, target: str, fmt: str) -> None:
    data = encode(doc, fmt)
    if target == STDOUT:
        # A byte-order mark is for Excel opening a file; a pipe's reader would take it as text.
        data = data.removeprefix(b"\xef\xbb\xbf")
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def encode(doc: BudgetDocument, fmt: str) -> bytes:
    if fmt == "json":
        return doc.model_dump_json(indent=2, exclude_none=True).encode("utf-8")
    from extractors.export import to_csv_bytes, to_xlsx

    return to_csv_bytes(doc) if fmt == "csv" else to_xlsx(doc)


def _progress(name: str) -> Progress:
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total or done % 25 == 0:
            end = "\n" if done == total else "\r"
            sys.stderr.write(f"  {name}: page {done}/{total}{end}")
            sys.stderr.flush()

    return report


def _summary(doc: BudgetDocument, target: str, seconds: float) -> str:
    t = doc.totals
    parts = [
        f"{doc.document.department or '?'} {doc.document.fiscal_year or '?'}",
        f"{len(doc.document.pages)} pages in {seconds:.1f}s",
        f"收入总计={_yuan(t.revenue_total)}",
        f"支出总计={_yuan(t.expenditure_total)}",
        f"基本={_yuan(t.basic_expenditure)} 项目={_yuan(t.project_expenditure)}",
        f"功能科目={len(doc.expenditure_by_function)}",
        f"表={len(doc.tables)} 待复核={doc.review.needs_review} 发现={len(doc.findings)}",
        f"-> {'stdout' if target == STDOUT else target}",
    ]
    return "  " + " | ".join(parts)


def _yuan(amount: object) -> str:
    value = getattr(amount, "value", None)
    return "—" if value is None else f"{value:,.2f}元"


def _numbers(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages[:10]) + (" …" if len(pages) > 10 else "")


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
