"""Readings a reviewer may pick when an OCR misread would explain a failed identity.

A value read by OCR that breaks an identity, where one common confusion (8↔3, 1↔7, a
dropped decimal point …) of its printed text gives exactly the figure the identity needs,
gets that reading as a candidate. It is never applied: the value keeps what was read and
stays in review.
"""

from __future__ import annotations

from decimal import Decimal

from extractors.numbers import UNIT_FACTORS
from extractors.ocr.word_scores import candidate_fixes
from extractors.reconcile import Value
from extractors.validation.identities import Outcome
from schemas import Candidate, ReadMethod


def misread_candidates(
    values: dict[str, Value], outcomes: list[Outcome]
) -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = {}
    for outcome in outcomes:
        if outcome.passed:
            continue
        identity = outcome.identity
        # whole - Σ parts = difference: the whole should be smaller by it, a part larger.
        needs = [(identity.total, -outcome.difference)]
        needs += [(part, outcome.difference) for part in identity.parts]
        for path, shift in needs:
            value = values[path]
            if not _ocr_single_figure(value):
                continue
            for candidate in _fixes(value, value.value + shift, identity.rule):
                if all(c.raw != candidate.raw for c in out.get(path, [])):
                    out.setdefault(path, []).append(candidate)
    return out


def _ocr_single_figure(value: Value) -> bool:
    return value.terms == 1 and any(s.method == ReadMethod.ocr for s in value.sources[:1])


def _fixes(value: Value, needed: Decimal, rule: str) -> list[Candidate]:
    factor = UNIT_FACTORS.get(value.unit)
    if factor is None or needed < 0:
        return []
    in_unit = needed / factor
    return [
        Candidate(
            value=needed,
            raw=raw,
            reason=f"one OCR misread from {value.raw!r}; with it {rule} holds",
        )
        for raw in candidate_fixes(value.raw, in_unit)
    ]
