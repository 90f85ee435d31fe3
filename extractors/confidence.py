"""Evidence and signals -> confidence -> status.

Evidence first: a value that nothing independent confirms (no identity it takes part in
holds, no second reading agrees; see validation/evidence.py) is never `accepted`, whatever
its confidence.  The confidence itself is fitted: a value's signals (calibration/features.py)
go through the calibration table (calibration/table.json, fitted on hand-checked and
generated truth by benchmarks/calibration_fit.py), so 0.95 means about 95 in 100 values
like it were right; held-out figures in benchmarks/calibration.md.
"""

from __future__ import annotations

import math

from extractors.calibration.features import Evidence, evidence
from extractors.calibration.table import calibrated
from extractors.reconcile import Value
from schemas import Status

# An unconfirmed clean table cell: the cap on rows whose split nothing checks (output.py).
UNCONFIRMED_CONFIDENCE = round(calibrated(Evidence(0, 1, True, False, 0.0, ())), 4)


def confidence(value: Value, confirmed_by: int, doubt: float) -> float:
    """confirmed_by: how many independent checks or readings confirm the value."""
    return round(calibrated(evidence(value, confirmed_by, doubt)), 4)


def below_evidence_bar(value: Value, confirmed_by: int, doubt: float, threshold: float) -> bool:
    """The bar of the hand-weighted score that decided `accepted` before calibration.

    The fitted number may rate a doubtful kind of value higher than that score did (the fit
    saw few of them wrong); it must not thereby accept a value the old bar sent to review,
    so a value under the bar stays in review whatever its calibrated confidence."""
    return hand_set(evidence(value, confirmed_by, doubt)) < threshold


def confidence_and_bar(
    value: Value, confirmed_by: int, doubt: float, threshold: float
) -> tuple[float, bool]:
    """`confidence` and `below_evidence_bar` from one reading of the signals (per value, on
    every document: the build stage calls this)."""
    ev = evidence(value, confirmed_by, doubt)
    return round(calibrated(ev), 4), hand_set(ev) < threshold


def hand_set(ev: Evidence) -> float:
    """The confidence of earlier releases: the hand-weighted score read as log-odds."""
    return round(1.0 / (1.0 + math.exp(-ev.score)), 4)


def status_for(doubted: bool, confirmed: bool) -> Status:
    """Evidence and doubt decide, never the fitted confidence: a refit of the table moves
    the numbers, not what is accepted.  `doubted` includes `below_evidence_bar`, where the
    review threshold applies to the hand-weighted score."""
    return Status.accepted if confirmed and not doubted else Status.needs_review
