"""benchmarks/pipeline_bench: which pages bench_pipeline times, and how a document's seconds
are shared out over its pages (bench_speed.py reuses both through bench_pipeline)."""

from __future__ import annotations

import math

import pytest

from benchmarks.pipeline_bench.corpus import (
    CORPUS,
    Doc,
    camelot_sample,
    digital_corpus,
    page_count,
    quick_subset,
)
from benchmarks.pipeline_bench.render import render
from benchmarks.pipeline_bench.runs import Report, Stamp
from benchmarks.pipeline_bench.timing import time_document

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    if not CORPUS.is_dir():
        pytest.skip(f"real corpus not present at {CORPUS}")
    return digital_corpus()


def test_corpus_leaves_out_the_image_only_scans(docs: list[Doc]) -> None:
    assert len(docs) >= 40
    assert not any("_scanned_not_budget" in d.name for d in docs)
    assert all(d.pages == page_count(d.path) > 0 for d in docs[:3])


def test_quick_subset_is_three_short_documents_from_three_cities(docs: list[Doc]) -> None:
    picked = quick_subset(docs)
    assert len(picked) == 3
    assert all(d.pages <= 25 for d in picked)
    assert len({d.path.parent.name for d in picked}) == 3


def test_camelot_sample_shrinks_its_step_until_it_is_big_enough(docs: list[Doc]) -> None:
    step, sample = camelot_sample(docs, 10, 150)
    assert step == 10 and len(sample) >= 150  # 2,000+ pages: every 10th page is enough
    few = docs[:2]
    step, sample = camelot_sample(few, 10, 10_000)
    assert step == 1 and len(sample) == sum(d.pages for d in few)
    pages = {d.name: d.pages for d in docs}
    assert all(1 <= page <= pages[name] for name, page in sample)


def test_a_documents_seconds_are_shared_out_over_its_pages(docs: list[Doc]) -> None:
    doc = quick_subset(docs)[0]
    run = time_document(doc.path)
    assert not run.error
    assert run.pages == doc.pages == len(run.page_wall) == len(run.page_cpu)
    assert math.isclose(sum(run.page_wall), run.wall, rel_tol=1e-9)
    assert math.isclose(sum(run.page_cpu), run.cpu, rel_tol=1e-9)
    report = Report(args={}, load={"start": Stamp.now(), "end": Stamp.now()}, single=[run])
    text = "\n".join(render(report))
    assert f"1 documents, {doc.pages} pages" in text
    assert "| 1 process | pages, wall |" in text
