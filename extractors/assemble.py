"""The document half of the pipeline: page results -> one BudgetDocument."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from extractors import output
from extractors.backends.pdf_open import PdfInfo
from extractors.confidence import confidence, status_for
from extractors.layout.kinds import region_records
from extractors.mapping.classified import ItemReadings, economic_items, function_items
from extractors.mapping.metadata import (
    admin_level,
    department,
    fiscal_year_and_kind,
    from_file_name,
)
from extractors.mapping.narrative import narrative_readings
from extractors.mapping.printed_over_sums import prefer_printed_basic
from extractors.mapping.projects import project_readings, unique_projects
from extractors.mapping.readings import sum_readings
from extractors.mapping.summary import summary_readings
from extractors.mapping.three_public import three_public_readings
from extractors.mapping.units import budget_units
from extractors.model import Line, Reading, Signal
from extractors.options import PipelineOptions
from extractors.reconcile import Value, reconcile
from extractors.tables.stitch import stitch
from extractors.tables.typed import TypedTable, type_table
from extractors.validation.candidates import misread_candidates
from extractors.validation.column_sums import confirmed_cells
from extractors.validation.evidence import confirmations
from extractors.validation.findings import add_findings
from extractors.validation.identities import Outcome, Scope, document_identities, evaluate
from extractors.validation.sharpen import sharpen_rounded_totals
from extractors.validation.unread import unread_table_doubts
from schemas import (
    Amount,
    BudgetDocument,
    Candidate,
    Check,
    DocumentInfo,
    DocumentKind,
    Finding,
    PageInfo,
    Procurement,
    Project,
    ReadMethod,
    ReviewSummary,
    TableKind,
    ThreePublic,
    Totals,
)
from schemas.paths import iter_amounts

if TYPE_CHECKING:
    from extractors.pipeline import PageResult

# Failed identities smaller than this share of the whole read as the publisher's rounding or
# slip, not as our misreading (a misplaced column or row moves sums far more than 1%).
FINDING_SHARE = Decimal("0.01")


@dataclass(slots=True)
class Judged:
    checks: dict[str, list[Check]] = field(default_factory=dict)
    doubt: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    confirmed: dict[str, set[str]] = field(default_factory=dict)


def assemble(
    info: PdfInfo, results: Sequence[PageResult], options: PipelineOptions
) -> BudgetDocument:
    lines = [ln for r in results for ln in r.lines]
    prose = _prose_lines(results)
    year, kind, title_department = fiscal_year_and_kind(lines)
    name_year, name_department = from_file_name(info.path.stem)
    year = year or name_year
    typed = _typed_tables(results)
    functions = function_items(typed)
    prefer_printed_basic(functions, typed)
    economics = economic_items(
        typed, TableKind.economic_classification_summary, "expenditure_by_economic"
    )
    basics = economic_items(
        typed, TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
    )
    projects = project_readings(typed)
    readings: list[Reading] = [
        *(p.amount for p in projects if p.amount is not None),
        *summary_readings(typed),
        *functions.readings,
        *functions.totals,
        *economics.readings,
        *economics.totals,
        *basics.readings,
        *basics.totals,
        *three_public_readings(typed, year),
        *narrative_readings(prose, year),
    ]
    readings += _table_totals(readings, functions, basics)
    values = reconcile(readings)
    scope = Scope(
        final_accounts=kind == DocumentKind.final_accounts,
        functions_all_funds=functions.kind != TableKind.general_budget_expenditure,
    )
    identities = document_identities(values, scope)
    outcomes = evaluate(values, identities)
    sharpen_rounded_totals(values, outcomes)
    judged = _judge(values, outcomes)
    add_findings(judged, values, typed, prose, year, kind)
    judged.confirmed = confirmations(values, outcomes, confirmed_cells(typed))
    for path, doubt in unread_table_doubts(values, typed).items():
        judged.doubt[path] = judged.doubt.get(path, 0.0) + doubt
    judged.candidates = misread_candidates(values, outcomes)
    amounts = _amounts(values, judged, options)
    dept = department(lines[:200], title_department) or name_department
    doc = BudgetDocument(
        document=DocumentInfo(
            department=dept,
            fiscal_year=year,
            kind=kind,
            admin_level=admin_level(dept),
            unit_printed=_main_unit(typed),
            page_count=info.page_count,
            pages=[_page_info(r) for r in results],
            partial=any(r.page.status != "ok" for r in results),
        ),
        budget_units=budget_units(typed, prose[:400]),
        totals=Totals(**_section(amounts, "totals")),
        expenditure_by_function=output.function_items(functions.items, amounts),
        expenditure_by_economic=output.economic_items(economics.items, amounts),
        basic_expenditure_by_economic=output.basic_items(basics.items, amounts),
        three_public=_optional(ThreePublic, _section(amounts, "three_public")),
        operating_expenses=amounts.get("operating_expenses"),
        procurement=_optional(Procurement, _section(amounts, "procurement")),
        projects=[
            Project(
                code=p.code,
                name=p.name,
                amount=amounts.get(f"projects.{p.name}.amount"),
                indicators=p.indicators,
            )
            for p in unique_projects(projects)
        ],
        tables=[output.table_record(t) for t in typed],
        findings=judged.findings,
        review=ReviewSummary(threshold=options.review_threshold),
    )
    _summarise_review(doc)
    return doc


# 合计 rows that state document totals.  The 部门支出总表 covers every fund: its 合计 is
# one more source of the same value.  Tables of one fund (一般公共预算…) are a subset and
# may legitimately differ: they stand in only where nothing else states the total.
_TABLE_TOTALS = {
    "basic_expenditure_by_economic.合计.personnel": "totals.personnel_expense",
    "basic_expenditure_by_economic.合计.public": "totals.public_expense",
    "basic_expenditure_by_economic.合计.total": "totals.basic_expenditure",
    "expenditure_by_function.合计.basic": "totals.basic_expenditure",
    "expenditure_by_function.合计.project": "totals.project_expenditure",
}


def _table_totals(
    readings: list[Reading], functions: ItemReadings, basics: ItemReadings
) -> list[Reading]:
    stated = {r.path for r in readings if r.source.table_id}
    whole = functions.totals if functions.kind == TableKind.expenditure_summary else []
    subset = [*basics.totals] + ([] if whole else functions.totals)
    out = [replace(r, path=_TABLE_TOTALS[r.path]) for r in whole if r.path in _TABLE_TOTALS]
    stated |= {r.path for r in out}
    for reading in subset:
        path = _TABLE_TOTALS.get(reading.path)
        if path and path not in stated:
            out.append(replace(reading, path=path))
            stated.add(path)
    if functions.kind == TableKind.expenditure_summary and not functions.totals:
        out += _class_sums(functions.readings, stated)
    return out


def _class_sums(readings: list[Reading], stated: set[str]) -> list[Reading]:
    """A 部门支出总表 with no 合计 row (普陀 街道) and no other statement of 基本支出 or
    项目支出: the sum of its 类 rows is the department's, marked as a sum."""
    out = []
    for field_name in ("basic", "project"):
        path = f"totals.{field_name}_expenditure"
        parts = [
            r
            for r in readings
            if r.path.endswith(f".{field_name}") and len(r.path.split(".")[1]) == 3
        ]
        if path in stated or not parts:
            continue
        total = sum_readings(path, parts)
        total.signals.append(Signal("sum_of_rows", 0.5))
        out.append(total)
    return out


def _typed_tables(results: Sequence[PageResult]) -> list[TypedTable]:
    tables = stitch([t for r in results for t in r.tables])
    first = [type_table(t, None) for t in tables]
    units = Counter(t.unit for t in first if t.unit_stated)
    default = units.most_common(1)[0][0] if units else None
    typed = [type_table(t, default) for t in tables]
    _inherit_kinds(typed)
    return typed


def _inherit_kinds(typed: list[TypedTable]) -> None:
    """A table with no title right after a typed one on the next page continues its kind."""
    for prev, cur in itertools.pairwise(typed):
        untitled = cur.kind == TableKind.other and not cur.title
        next_page = cur.table.pages[0] == prev.table.pages[-1] + 1
        if untitled and next_page and cur.table.n_cols == prev.table.n_cols:
            cur.kind = prev.kind
            cur.unit = prev.unit


def _prose_lines(results: Sequence[PageResult]) -> list[Line]:
    out: list[Line] = []
    for result in results:
        boxes = [t.bbox for t in result.tables]
        out.extend(ln for ln in result.lines if not any(_within(ln.bbox, b) for b in boxes))
    return out


def _within(
    inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]
) -> bool:
    # Mostly inside: a one-row "table" found in justified prose must not swallow the line.
    yc = (inner[1] + inner[3]) / 2
    overlap = min(inner[2], outer[2]) - max(inner[0], outer[0])
    return outer[1] - 1 <= yc <= outer[3] + 1 and overlap > 0.5 * (inner[2] - inner[0])


def _judge(values: dict[str, Value], outcomes: list[Outcome]) -> Judged:
    judged = Judged()
    for outcome in outcomes:
        if outcome.identity.evidence_only and not outcome.passed:
            continue
        paths = [outcome.identity.total, *outcome.identity.parts]
        for path in paths:
            judged.checks.setdefault(path, []).append(
                Check(name=outcome.identity.rule, passed=outcome.passed)
            )
        if outcome.passed:
            continue
        if _publisher_slip(values, outcome):
            judged.findings.append(_finding(values, outcome, paths))
        else:
            for path in paths:
                judged.doubt[path] = judged.doubt.get(path, 0.0) + 3.0
    _doubt_whole_columns(values, judged)
    return judged


def _doubt_whole_columns(values: dict[str, Value], judged: Judged) -> None:
    """A table's 合计 that fails a cross-table identity points at a misread column: every
    value read from that column of that table shares the doubt."""
    for path, doubt in list(judged.doubt.items()):
        section, _, rest = path.partition(".合计.")
        if not rest:
            continue
        table_id = values[path].sources[0].table_id
        col = values[path].sources[0].col
        for other, value in values.items():
            src = value.sources[0]
            same_column = src.table_id == table_id and src.col == col
            if other.startswith(f"{section}.") and other.endswith(f".{rest}") and same_column:
                judged.doubt[other] = max(judged.doubt.get(other, 0.0), doubt)


def _publisher_slip(values: dict[str, Value], outcome: Outcome) -> bool:
    whole = values[outcome.identity.total]
    involved = [whole, *(values[p] for p in outcome.identity.parts)]
    # A read that may be wrong is never excused as the publisher's slip: a misread last
    # digit moves a sum by less than 1% too.
    if any(src.method == ReadMethod.ocr for v in involved for src in v.sources):
        return False
    base = max(abs(whole.value), Decimal(1))
    return abs(outcome.difference) <= FINDING_SHARE * base


def _finding(values: dict[str, Value], outcome: Outcome, paths: list[str]) -> Finding:
    pages = sorted({s.page for p in paths for s in values[p].sources})
    unit = values[outcome.identity.total].unit
    return Finding(
        rule=outcome.identity.rule,
        paths=paths,
        difference=outcome.difference,
        pages=pages,
        message=f"{paths[0]} ≠ Σ parts by {outcome.difference} 元 (printed in {unit})",
    )


def _amounts(
    values: dict[str, Value], judged: Judged, options: PipelineOptions
) -> dict[str, Amount]:
    out = {}
    for path, value in values.items():
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
        conf = confidence(value, confirmed_by, doubt)
        doubted = doubt > 0 or any(s.penalty >= 3.0 for s in value.signals)
        status = status_for(conf, options.review_threshold, doubted, confirmed_by > 0)
        out[path] = output.amount(value, conf, status, checks, judged.candidates.get(path))
    return out


def _section(amounts: dict[str, Amount], section: str) -> dict[str, Amount]:
    prefix = f"{section}."
    return {
        p[len(prefix) :]: a
        for p, a in amounts.items()
        if p.startswith(prefix) and p.count(".") == 1
    }


def _optional(model: type, fields: dict[str, Amount]):  # type: ignore[no-untyped-def]
    return model(**fields) if fields else None


def _main_unit(typed: list[TypedTable]) -> str | None:
    units = Counter(t.unit for t in typed if t.unit_stated)
    return units.most_common(1)[0][0] if units else None


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
