"""The document half as named stages over one state (pipeline.DOCUMENT_STAGES)."""

from __future__ import annotations

from dataclasses import fields

import pytest

from extractors.backends.pdf_open import inspect_pdf
from extractors.model import PageResult
from extractors.options import PipelineOptions
from extractors.pipeline import DOCUMENT_STAGES, assemble_document, read_pages
from extractors.stages.state import DocumentState, StageOrderError
from schemas import TableKind
from tests.conftest import GOLDEN

PDF = GOLDEN / "pds2021_a_ruled_3col.pdf"
# What each stage adds to the state, in pipeline order.
PRODUCES = {
    "stitch_tables": {"lines", "prose", "tables"},
    "alias_headers": set(),
    "type_tables": {"typed"},
    "choose_figures": set(),
    "map_readings": {"meta", "mapped", "readings"},
    "reconcile_values": {"values"},
    "check_identities": {"outcomes"},
    "judge_values": {"judged"},
    "score_confidence": {"amounts"},
    "build_document": {"document"},
}
# Stages that settle OCR readings rewrite a field an earlier stage filled (scanned tables
# only: the golden file's digital tables come through equal).
REFINES = {"alias_headers": "tables", "choose_figures": "typed"}


@pytest.fixture(scope="module")
def start() -> DocumentState:
    options = PipelineOptions()
    info = inspect_pdf(PDF, options.limits)
    results = read_pages(PDF, range(1, info.page_count + 1), options)
    return DocumentState(info=info, results=results, options=options)


def _filled(state: DocumentState) -> set[str]:
    return {f.name for f in fields(state) if getattr(state, f.name) not in (None, [], {})}


def test_the_stages_in_order() -> None:
    assert [stage.__name__ for stage in DOCUMENT_STAGES] == list(PRODUCES)


def test_each_stage_fills_its_own_fields_and_leaves_the_rest(start: DocumentState) -> None:
    state = start
    for stage in DOCUMENT_STAGES:
        before = _filled(state)
        after = stage(state)
        assert _filled(after) - before == PRODUCES[stage.__name__], stage.__name__
        for name in before:
            if name == REFINES.get(stage.__name__):
                assert getattr(after, name) == getattr(state, name), stage.__name__
                continue
            assert getattr(after, name) is getattr(state, name), (stage.__name__, name)
        state = after
    assert state.document is not None
    assert state.document.totals.expenditure_total is not None


def test_the_stages_build_what_assemble_document_builds(start: DocumentState) -> None:
    state = start
    for stage in DOCUMENT_STAGES:
        state = stage(state)
    whole = assemble_document(start.info, list(reversed(start.results)), start.options)
    assert state.document is not None
    assert whole.model_dump() == state.document.model_dump()


def test_typed_tables_keep_their_kinds(start: DocumentState) -> None:
    state = start
    names = [stage.__name__ for stage in DOCUMENT_STAGES]
    for stage in DOCUMENT_STAGES[: names.index("type_tables") + 1]:
        state = stage(state)
    kinds = {t.kind for t in state.typed}
    assert {TableKind.revenue_expenditure_summary, TableKind.three_public} <= kinds


def test_a_stage_run_before_its_inputs_exist_says_which(start: DocumentState) -> None:
    judge = next(s for s in DOCUMENT_STAGES if s.__name__ == "judge_values")
    with pytest.raises(StageOrderError, match="'values'"):
        judge(start)


def test_a_document_with_no_pages_read_is_still_a_document(start: DocumentState) -> None:
    empty = [PageResult(page=r.page) for r in start.results]
    doc = assemble_document(start.info, empty, start.options)
    assert doc.document.page_count == start.info.page_count
    assert doc.totals.expenditure_total is None and doc.review.needs_review == 0
