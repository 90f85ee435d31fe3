"""Evidence and signals -> confidence -> status.

Evidence first: a value that nothing independent confirms (no identity it takes part in
holds, no second reading agrees; see validation/evidence.py) starts below the review
threshold however clean its text, so it can never be `accepted`.  A confirmed value starts
near 1.0; each doubt lowers it in log-odds space.  The bases are fitted to hand-checked
truth (benchmarks/calibration.md).
"""

from __future__ import annotations

import math

from extractors.reconcile import Value
from schemas import Status

BASE_TABLE = 5.0  # logit of a confirmed table cell (~0.993)
BASE_NARRATIVE = 4.0
# Unconfirmed: right more often than not, but not to be trusted unseen (~0.85 / ~0.77).
BASE_UNCONFIRMED_TABLE = 1.7
BASE_UNCONFIRMED_NARRATIVE = 1.2
UNCONFIRMED_CONFIDENCE = round(1.0 / (1.0 + math.exp(-BASE_UNCONFIRMED_TABLE)), 4)
PASSED_CHECK = 0.6
AGREEING_SOURCE = 0.8
MAX_BONUS = 2.5


def confidence(value: Value, confirmed_by: int, doubt: float) -> float:
    """confirmed_by: how many independent checks or readings confirm the value."""
    if confirmed_by:
        logit = BASE_TABLE if value.from_table else BASE_NARRATIVE
        bonus = PASSED_CHECK * (confirmed_by - 1) + AGREEING_SOURCE * (value.agreeing - 1)
        logit += min(MAX_BONUS, bonus)
    else:
        logit = BASE_UNCONFIRMED_TABLE if value.from_table else BASE_UNCONFIRMED_NARRATIVE
    logit -= sum(s.penalty for s in value.signals) + doubt
    return round(1.0 / (1.0 + math.exp(-logit)), 4)


def status_for(conf: float, threshold: float, doubted: bool, confirmed: bool) -> Status:
    accepted = confirmed and conf >= threshold and not doubted
    return Status.accepted if accepted else Status.needs_review
