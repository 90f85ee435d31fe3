"""Stages `confidence` (each value's checks and doubts -> confidence and status) and
`build` (the values laid out as the contract's BudgetDocument)."""

from __future__ import annotations

from dataclasses import replace

from extractors import output
from extractors.confidence import confidence_and_bar, status_for
from extractors.layout.kinds import region_records
from extractors.mapping.metadata import admin_level
from extractors.mapping.projects import unique_projects
from extractors.mapping.units import budget_units
from extractors.model import DOUBTED_PENALTY, PageResult
from extractors.reconcile import Value
from extractors.stages.state import DocumentState, Mapped, need
from extractors.stages.tables import main_unit
from extractors.validation.ocr_digits import without_ocr_doubt
from extractors.validation.policy import Judged
from schemas import (
    Amount,
    BudgetDocument,
    Check,
    DocumentInfo,
    PageInfo,
    Procurement,
    Project,
    ReadMethod,
    ReviewSummary,
    ThreePublic,
    Totals,
)
from schemas.paths import iter_amounts

# A failed identity or a signal this strong keeps a value in review whatever its confidence.
# The 基本情况 paragraphs that name the budget units come before this many prose lines.
UNIT_PROSE_LINES = 400


def score_confidence(state: DocumentState) -> DocumentState:
    values = need(state.values, "values")
    judged = need(state.judged, "judged")
    threshold = state.options.review_threshold
    amounts = {path: _amount(path, value, judged, threshold) for path, value in values.items()}
    return replace(state, amounts=amounts)


def _amount(path: str, value: Value, judged: Judged, threshold: float) -> Amount:
    checks = judged.checks.get(path, []) + [
        Check(name=name, passed=passed) for name, passed in value.source_checks
    ]
    # Whatever confirmed the value is shown with it, not only the identities it is in
    # (a summary table's column sum, the same printed cell under another path).
    confirming = judged.confirmed.get(path, set())
    shown = {c.name for c in checks if c.passed}
    checks += [Check(name=name, passed=True) for name in sorted(confirming - shown)]
    doubt = judged.doubt.get(path, 0.0)
    confirmed_by = len(confirming)
    if path in judged.digits_confirmed:
        value = without_ocr_doubt(value)
    conf, under_bar = confidence_and_bar(value, confirmed_by, doubt, threshold)
    doubted = doubt > 0 or any(s.penalty >= DOUBTED_PENALTY for s in value.signals)
    doubted = doubted or under_bar
    status = status_for(doubted, confirmed_by > 0)
    return output.amount(value, conf, status, checks, judged.candidates.get(path))


def build_document(state: DocumentState) -> DocumentState:
    amounts = need(state.amounts, "amounts")
    meta = need(state.meta, "meta")
    mapped = need(state.mapped, "mapped")
    results = state.results
    doc = BudgetDocument(
        document=DocumentInfo(
            department=meta.department,
            fiscal_year=meta.year,
            kind=meta.kind,
            admin_level=admin_level(meta.department),
            unit_printed=main_unit(state.typed),
            page_count=state.info.page_count,
            pages=[_page_info(r) for r in results],
            partial=any(r.page.status != "ok" for r in results),
        ),
        budget_units=budget_units(state.typed, state.prose[:UNIT_PROSE_LINES]),
        totals=Totals(**_section(amounts, "totals")),
        expenditure_by_function=output.function_items(mapped.functions.items, amounts),
        expenditure_by_economic=output.economic_items(mapped.economics.items, amounts),
        basic_expenditure_by_economic=output.basic_items(mapped.basics.items, amounts),
        three_public=_three_public(amounts),
        operating_expenses=amounts.get("operating_expenses"),
        procurement=_procurement(amounts),
        projects=_projects(mapped, amounts),
        tables=[output.table_record(t) for t in state.typed],
        findings=need(state.judged, "judged").findings,
        review=ReviewSummary(threshold=state.options.review_threshold),
    )
    _summarise_review(doc)
    return replace(state, document=doc)


def _projects(mapped: Mapped, amounts: dict[str, Amount]) -> list[Project]:
    return [
        Project(
            code=p.code,
            name=p.name,
            amount=amounts.get(f"projects.{p.name}.amount"),
            indicators=p.indicators,
        )
        for p in unique_projects(mapped.projects)
    ]


def _section(amounts: dict[str, Amount], section: str) -> dict[str, Amount]:
    prefix = f"{section}."
    return {
        p[len(prefix) :]: a
        for p, a in amounts.items()
        if p.startswith(prefix) and p.count(".") == 1
    }


def _three_public(amounts: dict[str, Amount]) -> ThreePublic | None:
    fields = _section(amounts, "three_public")
    return ThreePublic(**fields) if fields else None


def _procurement(amounts: dict[str, Amount]) -> Procurement | None:
    fields = _section(amounts, "procurement")
    return Procurement(**fields) if fields else None


def _page_info(result: PageResult) -> PageInfo:
    page = result.page
    return PageInfo(
        page=page.number,
        source=ReadMethod(page.source),
        rotation=page.rotation,
        status=page.status,
        reason=page.reason,
        mixed=page.source == "pdf_text" and any(w.method == "ocr" for w in page.words),
        regions=region_records(result.regions),
    )


def _summarise_review(doc: BudgetDocument) -> None:
    fields = [path for path, amount in iter_amounts(doc) if amount.status == "needs_review"]
    doc.review.needs_review = len(fields)
    doc.review.fields = fields
