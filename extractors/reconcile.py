"""Readings of one path -> one value with every source; disagreement is a signal, not a pick."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractors.model import DOUBTED_PENALTY, Reading, Signal
from extractors.numbers import UNIT_FACTORS, printed_precision
from schemas import Source


@dataclass(slots=True)
class Value:
    path: str
    value: Decimal
    raw: str
    unit: str
    sources: list[Source]
    signals: list[Signal] = field(default_factory=list)
    agreeing: int = 1  # readings that agree with the chosen one (itself included)
    budget_value: Decimal | None = None
    from_table: bool = True
    terms: int = 1  # printed figures summed into this value (one code over several rows)
    # (check name, passed) for every other source compared with the chosen reading
    source_checks: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def tolerance(self) -> Decimal:
        """One unit in the last printed digit, in 元; each summed figure adds half a unit of
        rounding."""
        unit = printed_precision(self.raw.split("+")[0]) * UNIT_FACTORS.get(self.unit, Decimal(1))
        return unit * max(Decimal(1), Decimal(self.terms) / 2)


def reconcile(readings: list[Reading]) -> dict[str, Value]:
    grouped: dict[str, list[Reading]] = {}
    for reading in readings:
        grouped.setdefault(reading.path, []).append(reading)
    return {path: _merge(path, group) for path, group in grouped.items()}


def _merge(path: str, group: list[Reading]) -> Value:
    tables = [r for r in group if r.source.table_id]
    # A printed figure is better evidence than a blank cell read as zero.
    printed = [r for r in tables if r.raw.strip()]
    primary = (printed or tables or group)[0]
    value = Value(
        path=path,
        value=primary.value,
        raw=primary.raw,
        unit=primary.unit,
        sources=[primary.source, *primary.extra_sources],
        signals=list(primary.signals),
        budget_value=primary.budget_value,
        from_table=bool(tables),
        terms=1 + len(primary.extra_sources),
    )
    for other in group:
        if other is primary or (printed and not other.raw.strip() and other.source.table_id):
            continue  # a blank cell beside a printed figure is no source of it
        value.sources.append(other.source)
        agrees = _agree(primary, other)
        name = (
            "narrative.equals_table" if other.source.table_id is None else "cross_table.same_value"
        )
        value.source_checks.append((name, agrees))
        if agrees:
            value.agreeing += 1
        else:
            value.signals.append(Signal(f"disagrees_with_p{other.source.page}", DOUBTED_PENALTY))
    if not tables:
        value.signals = [s for s in value.signals if s.name != "narrative_only"]
        value.signals.append(Signal("narrative_only", 1.0 if value.agreeing < 2 else 0.3))
    return value


def _agree(a: Reading, b: Reading) -> bool:
    # A printed zero says "none": rounded to 万元, a few 元 print as 0.0, and that
    # cannot confirm them (nor a zero a figure).
    if (a.value == 0) != (b.value == 0):
        return False
    tol = max(
        printed_precision(a.raw) * UNIT_FACTORS[a.unit],
        printed_precision(b.raw) * UNIT_FACTORS[b.unit],
    )
    return abs(a.value - b.value) <= tol
