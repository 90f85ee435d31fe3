"""Printed figures the finding rules compare, and how two printings of one figure agree.

A figure keeps its printed text and unit, so its rounding is known: two printings agree
when they differ by no more than the coarser one's last digit allows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from extractors.model import DOUBTED_PENALTY
from extractors.numbers import UNIT_FACTORS, printed_precision
from extractors.reconcile import Value
from schemas import Finding, ReadMethod
from schemas.budget import FindingValue

Severity = Literal["error", "rounding"]
# A signal this strong means the reading itself is in doubt (the weight of a failed identity).


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
    return not any(s.penalty >= DOUBTED_PENALTY for s in value.signals)


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


def in_unit(amount: Decimal, unit: str) -> str:
    """An amount in 元 shown in a printed unit: 97500 元 in 万元 -> "9.75 万元"."""
    factor = UNIT_FACTORS.get(unit, Decimal(1))
    shown = amount / factor
    text = f"{shown:,.2f}" if unit != "元" or shown != shown.to_integral() else f"{shown:,.0f}"
    return f"{text} {unit}"


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
