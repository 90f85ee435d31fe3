"""Stages `check` (the document's identities evaluated on its values) and `judge` (what each
failure means, the publisher findings, what confirms each value, OCR misread candidates)."""

from __future__ import annotations

from dataclasses import replace

from extractors.stages.state import DocumentState, need
from extractors.validation.candidates import misread_candidates
from extractors.validation.column_sums import confirmed_cells
from extractors.validation.evidence import confirmations
from extractors.validation.findings import add_findings
from extractors.validation.identities import Scope, document_identities, evaluate
from extractors.validation.ocr_digits import digits_confirmed
from extractors.validation.policy import judge_outcomes
from extractors.validation.project_funds import fund_breakdown_cells
from extractors.validation.sharpen import sharpen_rounded_totals
from extractors.validation.summary_subrows import subrow_cells
from extractors.validation.unread import unread_table_doubts
from schemas import DocumentKind, TableKind


def check_identities(state: DocumentState) -> DocumentState:
    values = need(state.values, "values")
    meta = need(state.meta, "meta")
    functions = need(state.mapped, "mapped").functions
    scope = Scope(
        final_accounts=meta.kind == DocumentKind.final_accounts,
        functions_all_funds=functions.kind != TableKind.general_budget_expenditure,
    )
    outcomes = evaluate(values, document_identities(values, scope))
    # A total the narrative rounds takes the exact figure a table prints for the same value.
    sharpen_rounded_totals(values, outcomes)
    return replace(state, outcomes=outcomes)


def judge_values(state: DocumentState) -> DocumentState:
    values = need(state.values, "values")
    outcomes = need(state.outcomes, "outcomes")
    meta = need(state.meta, "meta")
    judged = judge_outcomes(values, outcomes)
    add_findings(judged, values, state.typed, state.prose, meta.year, meta.kind)
    table_confirmed = confirmed_cells(state.typed) | subrow_cells(state.typed)
    table_confirmed |= fund_breakdown_cells(state.typed, values)
    judged.confirmed = confirmations(values, outcomes, table_confirmed)
    judged.digits_confirmed = digits_confirmed(values, outcomes)
    for path, doubt in unread_table_doubts(values, state.typed).items():
        judged.doubt[path] = judged.doubt.get(path, 0.0) + doubt
    judged.candidates = misread_candidates(values, outcomes)
    return replace(state, judged=judged)
