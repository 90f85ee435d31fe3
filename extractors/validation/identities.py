"""The identities a budget disclosure must satisfy, as named rules.

收入总计 = 支出总计; basic + project = total per row; 类 = Σ款 = Σ项; 三公 total = parts;
人员经费 + 公用经费 = 基本支出; table 合计 rows = Σ classes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from extractors.reconcile import Value


@dataclass(slots=True)
class Identity:
    rule: str
    total: str  # path of the whole
    parts: list[str]  # paths of the parts (all must be present)
    # Holds only where the document lists every part (a project table may list some of
    # them): confirms when it holds, says nothing when it fails.
    evidence_only: bool = False


@dataclass(slots=True)
class Outcome:
    identity: Identity
    passed: bool
    difference: Decimal


def evaluate(values: dict[str, Value], identities: list[Identity]) -> list[Outcome]:
    out = []
    for identity in identities:
        whole = values.get(identity.total)
        parts = [values.get(p) for p in identity.parts]
        if whole is None or not parts or any(p is None for p in parts):
            continue
        present = [p for p in parts if p is not None]
        difference = whole.value - sum((p.value for p in present), Decimal(0))
        # Each rounded figure may be off by half its own printed unit (a truncating
        # publisher: a whole one, once): a precise figure misread by a few yuan must not
        # hide behind the rounding of a coarser one in the same sum.
        tolerances = _term_tolerances([whole, *present])
        tolerance = (sum(tolerances, Decimal(0)) + max(tolerances)) / 2
        out.append(Outcome(identity, abs(difference) <= tolerance, difference))
    return out


def _term_tolerances(terms: list[Value]) -> list[Decimal]:
    """Each term's rounding allowance.  A zero printed as "0", "-" or a blank cell has no
    decimals to show, yet it is exact: it takes the finest allowance of the figures beside
    it, so a scan's misread "2.22" for "2.2" cannot hide behind a blank cell's whole 万元."""
    tolerances = [v.tolerance for v in terms]
    figures = [t for v, t in zip(terms, tolerances, strict=True) if v.value != 0]
    if not figures:
        return tolerances
    finest = min(figures)
    return [min(t, finest) if v.value == 0 else t for v, t in zip(terms, tolerances, strict=True)]


@dataclass(slots=True, frozen=True)
class Scope:
    """What the document is, as far as the identities care."""

    final_accounts: bool = False
    # The function table is the 部门支出总表 (all funds), not a 一般公共预算 subset.
    functions_all_funds: bool = True


def document_identities(values: dict[str, Value], scope: Scope | None = None) -> list[Identity]:
    """The identities that apply; 决算 totals differ from budgets (see `_spending_totals`)."""
    ids = [
        Identity("totals.balance", "totals.revenue_total", ["totals.expenditure_total"]),
        *_spending_totals(values, scope or Scope()),
        Identity(
            "three_public.sum",
            "three_public.total",
            [
                "three_public.overseas_travel",
                "three_public.vehicle_total",
                "three_public.reception",
            ],
        ),
        Identity(
            "three_public.vehicle_sum",
            "three_public.vehicle_total",
            ["three_public.vehicle_purchase", "three_public.vehicle_operation"],
        ),
        Identity(
            "procurement.sum",
            "procurement.total",
            ["procurement.goods", "procurement.works", "procurement.services"],
        ),
    ]
    ids.extend(_project_sum(values))
    ids.extend(_row_identities(values, "expenditure_by_function", ["basic", "project"]))
    ids.extend(
        _row_identities(values, "expenditure_by_economic", ["personnel", "public", "project"])
    )
    ids.extend(_row_identities(values, "basic_expenditure_by_economic", ["personnel", "public"]))
    for section in (
        "expenditure_by_function",
        "expenditure_by_economic",
        "basic_expenditure_by_economic",
    ):
        ids.extend(_hierarchy(values, section))
    return ids


def _spending_totals(values: dict[str, Value], scope: Scope) -> list[Identity]:
    """本年支出合计 (else 支出总计) = 基本支出 + 项目支出 = the function table's 合计.

    In 决算 the 支出总计 also holds 结余分配 and 年末结转和结余, and 本年支出合计 also
    上缴上级/经营支出: the function table's 合计 row checks against its own columns. A
    function table of 一般公共预算 only is a subset of the year's spending."""
    if scope.final_accounts:
        return []
    whole = "totals.year_expenditure"
    if whole not in values:
        whole = "totals.expenditure_total"
    out = [
        Identity(
            "totals.basic_plus_project",
            whole,
            ["totals.basic_expenditure", "totals.project_expenditure"],
        )
    ]
    if scope.functions_all_funds:
        out.append(Identity("cross_table.equal", whole, ["expenditure_by_function.合计.total"]))
    return out


def _project_sum(values: dict[str, Value]) -> list[Identity]:
    projects = [p for p in values if p.startswith("projects.") and p.endswith(".amount")]
    if not projects or "totals.project_expenditure" not in values:
        return []
    return [Identity("projects.sum", "totals.project_expenditure", projects, evidence_only=True)]


def _codes(values: dict[str, Value], section: str) -> set[str]:
    prefix = f"{section}."
    return {
        p[len(prefix) :].split(".")[0]
        for p in values
        if p.startswith(prefix) and p[len(prefix) :].split(".")[0].isdigit()
    }


def _fields(values: dict[str, Value], section: str, code: str) -> list[str]:
    prefix = f"{section}.{code}."
    return [p[len(prefix) :] for p in values if p.startswith(prefix)]


def _row_identities(values: dict[str, Value], section: str, parts: list[str]) -> Iterator[Identity]:
    for code in sorted([*_codes(values, section), "合计"]):
        present = [f for f in parts if f"{section}.{code}.{f}" in values]
        if f"{section}.{code}.total" in values and len(present) >= 2:
            yield Identity(
                f"{section}.row_sum",
                f"{section}.{code}.total",
                [f"{section}.{code}.{f}" for f in present],
            )


def _hierarchy(values: dict[str, Value], section: str) -> Iterator[Identity]:
    codes = _codes(values, section)
    for parent in sorted(codes):
        children = _children(codes, parent)
        if not children:
            continue
        rule = f"{section}.class_sum" if len(parent) == 3 else f"{section}.kuan_sum"
        for field in _fields(values, section, parent):
            paths = [f"{section}.{c}.{field}" for c in children]
            yield Identity(rule, f"{section}.{parent}.{field}", paths)
    top = sorted(c for c in codes if not any(c[:n] in codes for n in (3, 5) if n < len(c)))
    if top:
        for field in _fields(values, section, "合计"):
            paths = [f"{section}.{c}.{field}" for c in top]
            if all(p in values for p in paths):
                yield Identity(f"{section}.table_total", f"{section}.合计.{field}", paths)


def _children(codes: set[str], parent: str) -> list[str]:
    """Direct children; a 项 whose 款 is not printed counts directly under its 类."""
    out = []
    for code in codes:
        if not code.startswith(parent) or len(code) <= len(parent):
            continue
        intermediate = code[: len(parent) + 2]
        if len(code) == len(parent) + 2 or (
            len(code) > len(intermediate) and intermediate not in codes
        ):
            out.append(code)
    return sorted(out)
