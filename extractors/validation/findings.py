"""Publisher findings: the document contradicts itself where every reading agrees.

A failed check is one of two things.  Where our readings of the figures involved are firm
(text layer, no second reading that disagrees, no failed identity that casts doubt on the
reading), the document itself is inconsistent: that is a `Finding`, and the values keep
their confidence.  Where a reading is in doubt (OCR, sources that disagree), the failure
says nothing about the publisher: the values go to review instead, and no finding is made.

The rules live beside this module (rules_cross_table, rules_narrative, rules_three_public,
rules_percent, rules_document); each takes a `Context` and returns a `RuleResult`.  The
figures they compare are in figures.py, the prose they search in prose.py.
`add_findings` runs them all; the judge stage (stages/checks.py) calls it once, after
`judge_outcomes` (validation/policy.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from extractors.model import DOUBTED_PENALTY, Line, Reading
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from extractors.validation.figures import Figure, firm_value, make_finding, value_figure
from extractors.validation.prose import Narrative
from schemas import Check, DocumentKind, Finding, ReadMethod, TableKind


class JudgedLike(Protocol):
    findings: list[Finding]
    doubt: dict[str, float]
    checks: dict[str, list[Check]]


@dataclass(slots=True)
class Context:
    values: dict[str, Value]
    typed: list[TypedTable]
    prose: list[Line]
    fiscal_year: int | None = None
    final_accounts: bool = False
    doubt: Mapping[str, float] = field(default_factory=dict)
    checks: Mapping[str, list[Check]] = field(default_factory=dict)
    _narrative: Narrative | None = None

    @property
    def text_lines(self) -> list[Line]:
        """Prose from the text layer: an OCR'd sentence may be misread, and a rule failing
        on it says nothing about the publisher."""
        return [ln for ln in self.prose if all(w.method == "pdf_text" for w in ln.words)]

    @property
    def narrative(self) -> Narrative:
        if self._narrative is None:
            self._narrative = Narrative.of(self.text_lines)
        return self._narrative


@dataclass(slots=True)
class RuleResult:
    findings: list[Finding] = field(default_factory=list)
    # path -> why: a rule failed where a reading is in doubt; the value goes to review.
    review: dict[str, str] = field(default_factory=dict)


Rule = Callable[[Context], RuleResult]


def add_findings(
    judged: JudgedLike,
    values: dict[str, Value],
    typed: list[TypedTable],
    prose: list[Line],
    fiscal_year: int | None,
    kind: DocumentKind,
) -> None:
    """Run every rule; findings go to judged.findings, doubtful failures to review."""
    ctx = Context(
        values=values,
        typed=typed,
        prose=prose,
        fiscal_year=fiscal_year,
        final_accounts=kind == DocumentKind.final_accounts,
        doubt=dict(judged.doubt),
        checks=judged.checks,
    )
    for finding in judged.findings:
        _describe(finding, values)
    seen = {_key(f) for f in judged.findings}
    for rule in all_rules():
        result = rule(ctx)
        for finding in result.findings:
            if _key(finding) not in seen:
                seen.add(_key(finding))
                judged.findings.append(finding)
        for path in result.review:
            if path in values:
                judged.doubt[path] = judged.doubt.get(path, 0.0) + DOUBTED_PENALTY


def _describe(finding: Finding, values: dict[str, Value]) -> None:
    """An identity finding (policy.judge_outcomes) names its paths: add the figures."""
    if finding.values:
        return
    finding.values = [
        make_finding("", [value_figure(path, values[path])], "").values[0]
        for path in finding.paths
        if path in values
    ]
    if finding.severity is None:
        finding.severity = "error"


def all_rules() -> list[Rule]:
    from extractors.validation import (
        rules_cross_table,
        rules_document,
        rules_narrative,
        rules_percent,
        rules_three_public,
    )

    return [
        rules_cross_table.check,
        rules_narrative.check,
        rules_three_public.check,
        rules_percent.check,
        rules_document.check,
    ]


def _key(finding: Finding) -> tuple[str, tuple[str, ...], str]:
    return (finding.rule, tuple(finding.paths), finding.message)


def undoubted(ctx: Context, path: str | None) -> bool:
    """No failed identity casts doubt on the value's reading (validation.policy.judge_outcomes)."""
    return path is None or ctx.doubt.get(path, 0.0) == 0.0


def basic_table_title(typed: list[TypedTable]) -> str:
    """The title of the 基本支出表 basic_expenditure_by_economic was read from (as
    mapping/coded_items._one_scope picks it: the 一般公共预算 one, else the first)."""
    found = [
        t.title
        for t in typed
        if t.kind == TableKind.basic_expenditure_economic and "功能分类" not in t.title
    ]
    general = [t for t in found if "一般公共预算" in t]
    return (general or found or [""])[0]


def reading_figure(
    ctx: Context, label: str, reading: Reading, *, require_firm_value: bool = False
) -> Figure:
    """A table cell's reading as a Figure.  Where the same cell is a document value, its
    path is named so the value's doubts (a failed identity) count too; with
    `require_firm_value` the value's other sources must agree as well."""
    value = ctx.values.get(reading.path)
    same = value is not None and value.sources[0] == reading.source
    path = reading.path if same else None
    firm = reading.source.method == ReadMethod.pdf_text and undoubted(ctx, path)
    if require_firm_value and same and value is not None:
        firm = firm and firm_value(value)
    return Figure(
        label=label,
        value=reading.value,
        raw=reading.raw,
        unit=reading.unit,
        page=reading.source.page,
        path=path,
        source=reading.source.table_id,
        firm=firm,
    )
