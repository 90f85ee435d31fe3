"""Publisher findings: the document contradicts itself where every reading agrees.

A failed check is one of two things.  Where our readings of the figures involved are firm
(text layer, no second reading that disagrees, no failed identity that casts doubt on the
reading), the document itself is inconsistent: that is a `Finding`, and the values keep
their confidence.  Where a reading is in doubt (OCR, sources that disagree), the failure
says nothing about the publisher: the values go to review instead, and no finding is made.

The rules live beside this module (rules_cross_table, rules_narrative, rules_three_public,
rules_percent, rules_document); each takes a `Context` and returns a `RuleResult`.
`add_findings` runs them all; the judge stage (stages/checks.py) calls it once, after
`judge_outcomes` (validation/policy.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from extractors.model import Line
from extractors.numbers import UNIT_FACTORS, parse_amount, printed_precision
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from schemas import Check, DocumentKind, Finding, ReadMethod, TableKind
from schemas.budget import FindingValue

Severity = Literal["error", "rounding"]
# Added to a value's doubt when a rule fails but a reading involved is not firm: enough to
# send it to review (the same weight a failed identity carries in validation/policy.py).
REVIEW_DOUBT = 3.0


class JudgedLike(Protocol):
    findings: list[Finding]
    doubt: dict[str, float]
    checks: dict[str, list[Check]]


@dataclass(slots=True)
class Figure:
    """One printed figure a rule compares: a table cell, a value, or a narrative number."""

    label: str
    value: Decimal  # 元; percent where unit is "%"
    raw: str
    unit: str
    page: int | None
    path: str | None = None
    source: str | None = None  # table id, or the sentence it was read from
    firm: bool = True  # our reading of it is beyond doubt (text layer, nothing disagrees)

    @property
    def terms(self) -> int:
        """Printed figures summed into this one (one code over several rows: "1.2+3.4")."""
        return self.raw.count("+") + 1

    @property
    def precision(self) -> Decimal:
        """One unit in the last printed digit, in 元 (or in percent); each figure summed
        into it adds half a unit of rounding."""
        step = printed_precision(self.raw.split("+")[0]) if self.raw.strip() else Decimal("0.01")
        unit = step * UNIT_FACTORS.get(self.unit, Decimal(1))
        return unit * max(Decimal(1), Decimal(self.terms) / 2)

    def printed(self) -> str:
        if self.terms > 1:
            return f"{in_unit(self.value, self.unit)} (the sum of {self.terms} rows)"
        return f"{self.raw or '(blank)'} {self.unit}".strip()


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
                judged.doubt[path] = judged.doubt.get(path, 0.0) + REVIEW_DOUBT


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


# --- figures -------------------------------------------------------------------------


def value_figure(path: str, value: Value, label: str | None = None) -> Figure:
    src = value.sources[0]
    return Figure(
        label=label or path,
        value=value.value,
        raw=value.raw,
        unit=value.unit,
        page=src.page,
        path=path,
        source=src.table_id or src.text[:40],
        firm=firm_value(value),
    )


def firm_value(value: Value) -> bool:
    """Every reading of the value agrees and none came from OCR."""
    if any(s.method == ReadMethod.ocr for s in value.sources):
        return False
    if any(not ok for _, ok in value.source_checks):
        return False
    return not any(s.penalty >= 3.0 for s in value.signals)


def undoubted(ctx: Context, path: str | None) -> bool:
    """No failed identity casts doubt on the value's reading (validation.policy.judge_outcomes)."""
    return path is None or ctx.doubt.get(path, 0.0) == 0.0


def compare_same(a: Figure, b: Figure) -> Severity | None:
    """Two printings of one figure: None when they agree as far as printing allows.

    At the same printed precision the two must be equal; a difference of one unit in the
    last digit is the publisher's rounding (still a contradiction, reported as such).  A
    figure printed coarser (6.2 against 6.20) agrees within half its unit."""
    diff = abs(a.value - b.value)
    coarse, fine = max(a.precision, b.precision), min(a.precision, b.precision)
    if diff == 0:
        return None
    if (a.terms > 1 or b.terms > 1) and diff <= coarse:
        return None  # a sum of rounded figures differs from their rounded sum
    if coarse != fine and diff <= coarse / 2 + fine / 2:
        return None
    return "rounding" if diff <= coarse else "error"


def make_finding(
    rule: str,
    figures: Iterable[Figure],
    message: str,
    *,
    difference: Decimal | None = None,
    severity: Severity | None = "error",
    difference_unit: str | None = None,
    extra_pages: Iterable[int] = (),
) -> Finding:
    figs = list(figures)
    paths = list(dict.fromkeys(f.path for f in figs if f.path))
    pages = sorted({f.page for f in figs if f.page is not None} | set(extra_pages))
    return Finding(
        rule=rule,
        paths=paths,
        difference=difference,
        pages=pages,
        message=message,
        values=[
            FindingValue(
                label=f.label,
                path=f.path,
                value=f.value if f.unit else None,
                raw=f.raw,
                unit=f.unit or None,
                page=f.page,
                source=f.source,
            )
            for f in figs
        ],
        severity=severity,
        difference_unit=difference_unit,
    )


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


def in_unit(amount: Decimal, unit: str) -> str:
    """An amount in 元 shown in a printed unit: 97500 元 in 万元 -> "9.75 万元"."""
    factor = UNIT_FACTORS.get(unit, Decimal(1))
    shown = amount / factor
    text = f"{shown:,.2f}" if unit != "元" or shown != shown.to_integral() else f"{shown:,.0f}"
    return f"{text} {unit}"


# --- narrative -------------------------------------------------------------------------

NUM = r"\d[\d,，]*(?:\.\d+)?"
UNIT = r"亿元|万元|千元|元"


def amount_pattern(name: str) -> str:
    return rf"(?P<{name}>{NUM})(?P<{name}_u>{UNIT})"


@dataclass(slots=True)
class Narrative:
    """The document's prose as one string without white space (publishers space out
    characters: "本 年 收 入 合 计"), with the page of every character."""

    text: str
    pages: list[int]

    @classmethod
    def of(cls, lines: list[Line]) -> Narrative:
        parts: list[str] = []
        pages: list[int] = []
        for line in lines:
            compact = re.sub(r"[\s\u3000]+", "", line.text)
            parts.append(compact)
            pages.extend([line.page] * len(compact))
        return cls("".join(parts), pages)

    def page_at(self, offset: int) -> int | None:
        if not self.pages:
            return None
        return self.pages[min(max(offset, 0), len(self.pages) - 1)]

    def figure(self, match: re.Match[str], name: str, label: str) -> Figure | None:
        """The amount in groups name / name_u of a match, as a Figure."""
        return self.amount(match.group(name), match.group(f"{name}_u"), match.start(name), label)

    def amount(self, raw: str, unit: str, start: int, label: str) -> Figure | None:
        parsed = parse_amount(raw.replace("，", ","))
        if parsed is None or parsed.empty:
            return None
        return Figure(
            label=label,
            value=parsed.value * UNIT_FACTORS[unit],
            raw=raw,
            unit=unit,
            page=self.page_at(start),
            source=self.excerpt(start),
        )

    def percent(self, match: re.Match[str], name: str, label: str) -> Figure:
        return self.percent_at(match.group(name), match.start(name), label)

    def percent_at(self, raw: str, start: int, label: str) -> Figure:
        return Figure(
            label=label,
            value=Decimal(raw),
            raw=raw,
            unit="%",
            page=self.page_at(start),
            source=self.excerpt(start),
        )

    def excerpt(self, offset: int, before: int = 24, after: int = 16) -> str:
        return self.text[max(0, offset - before) : offset + after]


def ratio_range(
    part: Figure, whole: Figure, *, part_delta: Decimal = Decimal(0)
) -> tuple[Decimal, Decimal] | None:
    """The percentages part/whole can be, each figure anywhere within its printed rounding."""
    hp, hw = part.precision / 2, whole.precision / 2
    lo_w, hi_w = whole.value + part_delta - hw, whole.value + part_delta + hw
    if hi_w <= 0:
        return None
    lo_p, hi_p = max(part.value - hp, Decimal(0)), part.value + hp
    lo = lo_p / hi_w * 100
    hi = hi_p / lo_w * 100 if lo_w > 0 else Decimal("Infinity")
    return lo, hi


def percent_agrees(stated: Figure, bounds: tuple[Decimal, Decimal]) -> bool:
    half = stated.precision / 2
    lo, hi = bounds
    return lo - half <= stated.value <= hi + half
