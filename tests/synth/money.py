"""Amounts: Decimal 元 inside, printed in 元 / 万元 / 千元 as publishers print them."""

from __future__ import annotations

import math
import random
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")

# 元 per printed unit
UNIT_SCALE: dict[str, Decimal] = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000)}


def quantum(unit: str) -> Decimal:
    """The smallest step a 2-decimal figure in `unit` can show, in 元."""
    return UNIT_SCALE[unit] * CENT


def to_printed(value: Decimal, unit: str, decimals: int = 2) -> Decimal:
    """The figure a publisher prints: value in `unit`, rounded half-up (as Excel does)."""
    step = Decimal(1).scaleb(-decimals)
    return (value / UNIT_SCALE[unit]).quantize(step, rounding=ROUND_HALF_UP)


def from_printed(printed: Decimal, unit: str) -> Decimal:
    """What a printed figure states, in 元 to the cent (the truth of a cell)."""
    return (printed * UNIT_SCALE[unit]).quantize(CENT)


def fmt(printed: Decimal, thousands: bool) -> str:
    return f"{printed:,}" if thousands else f"{printed}"


def draw_amount(rng: random.Random, low: float, high: float, step: Decimal) -> Decimal:
    """A log-uniform amount in [low, high] 元, a whole number of `step`."""
    value = Decimal(str(round(10 ** rng.uniform(math.log10(low), math.log10(high)), 2)))
    return max(step, (value / step).quantize(Decimal(1)) * step)


def split(total: Decimal, weights: list[float], step: Decimal) -> list[Decimal]:
    """`total` (a whole number of `step`) into parts by weight, largest remainder first,
    so the parts are whole steps and add up to the total exactly."""
    units = int(total / step)
    whole = sum(weights) or 1.0
    exact = [units * w / whole for w in weights]
    parts = [int(e) for e in exact]
    order = sorted(range(len(weights)), key=lambda i: parts[i] - exact[i])
    for i in order[: units - sum(parts)]:
        parts[i] += 1
    return [p * step for p in parts]
