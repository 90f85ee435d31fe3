"""Signals -> confidence -> status.

Start honest, calibrate later: a value read from a text layer, in a table whose kind and
column role are certain, passing every identity it takes part in and agreeing with its
other sources, is near 1.0; each doubt lowers it in log-odds space.  The weights are the
first, uncalibrated guess (see DESIGN.md: calibration is a later issue).
"""

from __future__ import annotations

import math

from extractors.reconcile import Value
from schemas import Status

BASE_TABLE = 5.0  # logit of a text-layer table cell nobody contradicts (~0.993)
BASE_NARRATIVE = 4.0
PASSED_CHECK = 0.6
AGREEING_SOURCE = 0.8
MAX_BONUS = 2.5


def confidence(value: Value, passed_checks: int, doubt: float) -> float:
    logit = BASE_TABLE if value.from_table else BASE_NARRATIVE
    bonus = PASSED_CHECK * passed_checks + AGREEING_SOURCE * (value.agreeing - 1)
    logit += min(MAX_BONUS, bonus)
    logit -= sum(s.penalty for s in value.signals) + doubt
    return round(1.0 / (1.0 + math.exp(-logit)), 4)


def status_for(conf: float, threshold: float, doubted: bool) -> Status:
    return Status.accepted if conf >= threshold and not doubted else Status.needs_review
