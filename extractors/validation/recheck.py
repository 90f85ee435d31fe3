"""The document's identities re-run over a BudgetDocument, after a reviewer's correction.

The extraction judged each value once; a correction changes one figure, and every identity
it takes part in may now hold. A value in review is confirmed by evidence when every check
it takes part in passes and one of the identities that hold has a figure a person checked
(corrected or confirmed) in it: the figures around it, one of them checked, add up.
Values confirmed this way do not confirm others in turn. Works on the document alone (no
page results), so the service can run it per edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractors.reconcile import Value
from extractors.validation.identities import Outcome, Scope, document_identities, evaluate
from schemas import Amount, BudgetDocument, Check, DocumentKind, Status, TableKind
from schemas.paths import iter_amounts


@dataclass(slots=True)
class Recheck:
    outcomes: list[Outcome] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)  # needs_review -> confirmed by evidence
    failing: list[str] = field(default_factory=list)  # identities that fail now


def values_of(doc: BudgetDocument) -> dict[str, Value]:
    return {path: _value(path, amount) for path, amount in iter_amounts(doc)}


def _value(path: str, amount: Amount) -> Value:
    # A value summed over several printed rows has its raw joined by "+": one rounding
    # allowance per figure, as at extraction.
    return Value(
        path=path,
        value=amount.value,
        raw=amount.raw,
        unit=amount.unit,
        sources=amount.sources,
        terms=amount.raw.count("+") + 1,
    )


def scope_of(doc: BudgetDocument) -> Scope:
    kinds = {t.kind for t in doc.tables}
    subset = TableKind.general_budget_expenditure in kinds and (
        TableKind.expenditure_summary not in kinds
    )
    return Scope(
        final_accounts=doc.document.kind == DocumentKind.final_accounts,
        functions_all_funds=not subset,
    )


def outcomes_of(doc: BudgetDocument) -> list[Outcome]:
    values = values_of(doc)
    outcomes = evaluate(values, document_identities(values, scope_of(doc)))
    return [o for o in outcomes if o.passed or not _evidence_only(o)]


def recheck(doc: BudgetDocument, anchors: set[str] | None = None) -> Recheck:
    """Re-run the identities; update every value's identity checks in place, confirm what
    the evidence now confirms, drop findings whose identity holds. Returns what changed.

    `anchors`: the paths a person checked; by default every corrected or confirmed value."""
    if anchors is None:
        anchors = {
            p for p, a in iter_amounts(doc) if a.status in (Status.corrected, Status.confirmed)
        }
    values = values_of(doc)
    outcomes = outcomes_of(doc)
    rules = {o.identity.rule for o in outcomes}
    fresh: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        for path in (outcome.identity.total, *outcome.identity.parts):
            fresh.setdefault(path, []).append(outcome)
    result = Recheck(outcomes=outcomes)
    for path, amount in iter_amounts(doc):
        mine = fresh.get(path, [])
        kept = [c for c in amount.checks if c.name not in rules]
        amount.checks = kept + [Check(name=o.identity.rule, passed=o.passed) for o in mine]
        if _confirmed_by_evidence(amount, mine, anchors - {path}, values):
            amount.status = Status.confirmed
            result.confirmed.append(path)
    result.failing = [o.identity.total for o in outcomes if not o.passed]
    doc.findings = [f for f in doc.findings if _still_fails(f.rule, f.paths, outcomes)]
    _summarise(doc)
    return result


def _evidence_only(outcome: Outcome) -> bool:
    return bool(getattr(outcome.identity, "evidence_only", False))


def _confirmed_by_evidence(
    amount: Amount, mine: list[Outcome], anchors: set[str], values: dict[str, Value]
) -> bool:
    if amount.status != Status.needs_review or not mine:
        return False
    if not all(c.passed for c in amount.checks):
        return False
    # An identity of zeros holds whatever was read (blank cells balance each other).
    return any(
        o.passed and not _all_zero(o, values) and anchors & {o.identity.total, *o.identity.parts}
        for o in mine
    )


def _all_zero(outcome: Outcome, values: dict[str, Value]) -> bool:
    paths = (outcome.identity.total, *outcome.identity.parts)
    return all(values[p].value == 0 for p in paths)


def _still_fails(rule: str, paths: list[str], outcomes: list[Outcome]) -> bool:
    for outcome in outcomes:
        identity = outcome.identity
        if identity.rule == rule and [identity.total, *identity.parts] == paths:
            return not outcome.passed
    return True


def _summarise(doc: BudgetDocument) -> None:
    fields = [path for path, amount in iter_amounts(doc) if amount.status == Status.needs_review]
    doc.review.needs_review = len(fields)
    doc.review.fields = fields


def describe(outcome: Outcome, doc_values: dict[str, Value]) -> str:
    """ "expenditure_by_function.20406.project 64,840,547.00 ≠ Σ 6 parts by 64,840,547.00"."""
    identity = outcome.identity
    whole = doc_values[identity.total]
    parts_sum = sum((doc_values[p].value for p in identity.parts), Decimal(0))
    sign = "=" if outcome.passed else "≠"
    return (
        f"{identity.rule}: {identity.total} {whole.value:,.2f} {sign} "
        f"Σ {len(identity.parts)} parts {parts_sum:,.2f} (by {outcome.difference:,.2f} 元)"
    )
