"""Medians and 90th percentiles over per-page seconds keyed "name#page"."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from .corpus import key
from .runs import DocRun


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def p90(values: Sequence[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def page_times(runs: Sequence[DocRun], cpu: bool = False) -> dict[str, float]:
    out: dict[str, float] = {}
    for run in runs:
        times = run.page_cpu if cpu else run.page_wall
        for number, seconds in enumerate(times, 1):
            out[key(run.name, number)] = seconds
    return out


def on(sample: Sequence[str], times: dict[str, float]) -> list[float]:
    return [times[k] for k in sample if k in times]
