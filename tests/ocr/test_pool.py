"""The OCR process pool of extract_document: same output as in-process, order, progress,
errors per page, and no pool inside daemonic processes (Celery's prefork workers)."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from extractors.ocr.pool import MIN_POOL_PAGES, ocr_worker_count, shutdown_ocr_pool
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document, read_pages

from .endtoend import GOLDEN, page_subset


@pytest.fixture(scope="module")
def scanned_doc(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Path:
    """Three scanned pages of a golden document (one of them turned): enough for a pool."""
    tmp = tmp_path_factory.mktemp("pool")
    digital = page_subset(GOLDEN / "pds2021_d_rotated.pdf", [1, 2, 3], tmp / "digital.pdf")
    return Path(build_module.scan_pdf(digital, tmp / "scan.pdf", build_module.DOCUMENT_SCAN))


def _worker_count(queue: multiprocessing.Queue[int]) -> None:
    queue.put(ocr_worker_count(PipelineOptions(ocr_workers=2)))


def test_pool_gives_the_same_document_as_one_process(scanned_doc: Path) -> None:
    one = extract_document(scanned_doc, PipelineOptions(ocr_workers=1))
    calls: list[tuple[int, int]] = []
    two = extract_document(
        scanned_doc, PipelineOptions(ocr_workers=2), lambda d, t: calls.append((d, t))
    )
    assert MIN_POOL_PAGES <= 3
    assert one.model_dump_json() == two.model_dump_json()
    # One call per finished page, counting up to the total.
    assert calls == [(1, 3), (2, 3), (3, 3)]
    # Not an empty document that would trivially match: the scans' amounts were read.
    assert two.model_dump_json().count('"value":') > 10


def test_read_pages_through_the_pool_keeps_page_order(scanned_doc: Path) -> None:
    results = read_pages(scanned_doc, [3, 1, 2], PipelineOptions(), ocr_workers=2)
    assert [r.page.number for r in results] == [1, 2, 3]
    assert all(r.page.source == "ocr" and r.page.status == "ok" for r in results)
    assert all(r.page.words for r in results)


def test_a_page_failing_in_the_pool_fails_that_page_only(scanned_doc: Path) -> None:
    # paddleocr without its local models is a real setup error, raised inside the pool
    # process for every page; each page must come back failed with the reason.
    options = PipelineOptions(ocr_engine="paddleocr", ocr_workers=2)
    try:
        results = read_pages(scanned_doc, [1, 2, 3], options, ocr_workers=2)
    finally:
        shutdown_ocr_pool()
    assert [r.page.number for r in results] == [1, 2, 3]
    for r in results:
        assert r.page.status == "failed"
        assert r.page.reason and "OcrEngineError" in r.page.reason
        assert "BUDGETLENS_PADDLEOCR_MODEL_DIR" in r.page.reason


def test_no_pool_inside_a_pool_worker() -> None:
    # corpus_report.py --jobs 2 / bench_pipeline's pool: non-daemonic ProcessPoolExecutor
    # children must read their scans in-process, not start a pool each.
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        assert pool.submit(ocr_worker_count, PipelineOptions(ocr_workers=2)).result() == 1


def test_no_pool_inside_a_daemonic_process() -> None:
    assert ocr_worker_count(PipelineOptions(ocr_workers=2)) == 2
    assert ocr_worker_count(PipelineOptions(ocr_workers=1)) == 1
    assert ocr_worker_count(replace(PipelineOptions(ocr_workers=2), ocr_engine="none")) == 1
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[int] = context.Queue()
    child = context.Process(target=_worker_count, args=(queue,), daemon=True)
    child.start()
    got = queue.get(timeout=120)
    child.join()
    assert got == 1


def test_ocr_workers_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETLENS_OCR_WORKERS", "1")
    assert PipelineOptions().ocr_workers == 1
    assert PipelineOptions.from_env().ocr_workers == 1
    monkeypatch.setenv("BUDGETLENS_OCR_WORKERS", "auto")
    assert PipelineOptions.from_env().ocr_workers == 0
    monkeypatch.setenv("BUDGETLENS_OCR_WORKERS", "two")
    with pytest.raises(ValueError, match="BUDGETLENS_OCR_WORKERS"):
        PipelineOptions.from_env()
