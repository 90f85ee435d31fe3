"""What the confidence stage knows about one value, as a small record.

The raw score is the hand-weighted log-odds of earlier releases: a base for confirmed /
unconfirmed table cells and sentences, a bonus per extra confirmation and agreeing
reading, minus every doubt (OCR word score, guessed unit, inferred code, blank cell,
failed identity…).  It orders values well but its scale was set by hand; the fitted table
turns it into a probability, separately per signal group, since an OCR'd figure and a
text-layer figure of the same score are not equally often right, nor a confirmed value and
one a failed identity disputes.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors.model import DOUBTED_PENALTY
from extractors.reconcile import Value

BASE_TABLE = 5.0  # confirmed table cell
BASE_NARRATIVE = 4.0
# Unconfirmed: right more often than not, but not to be trusted unseen.
BASE_UNCONFIRMED_TABLE = 1.7
BASE_UNCONFIRMED_NARRATIVE = 1.2
PASSED_CHECK = 0.6
AGREEING_SOURCE = 0.8
MAX_BONUS = 2.5


@dataclass(frozen=True, slots=True)
class Evidence:
    """The signals of one value the calibration table is keyed and ordered by."""

    confirmed_by: int  # independent checks or readings that confirm it
    agreeing: int  # readings that agree with it, itself included
    from_table: bool
    ocr: bool  # its figure was read by OCR
    doubt: float  # judged doubt (a failed identity the value may be wrong in)
    penalties: tuple[tuple[str, float], ...]  # the reading's signals, name and weight

    @property
    def group(self) -> str:
        """disputed: an identity it takes part in fails (confirmed or not, the failure says
        one of its figures is wrong); doubted: a signal of its own reading strong enough to
        keep it in review (a reading an identity chose, a disagreeing source, a poor OCR
        word score); else confirmed or unconfirmed.  Then how it was read.  Doubted values
        are a group of their own because they are few: pooled into the confirmed ones by
        score, a scan's figures an identity chose, wrong one time in three, took 0.98."""
        if self.doubt > 0:
            evidence = "disputed"
        elif any(weight >= DOUBTED_PENALTY for _, weight in self.penalties):
            evidence = "doubted"
        else:
            evidence = "confirmed" if self.confirmed_by else "unconfirmed"
        return f"{evidence}/{'ocr' if self.ocr else 'text'}"

    @property
    def score(self) -> float:
        """The hand-weighted log-odds: monotone in every signal."""
        if self.confirmed_by:
            logit = BASE_TABLE if self.from_table else BASE_NARRATIVE
            extra = PASSED_CHECK * (self.confirmed_by - 1) + AGREEING_SOURCE * (self.agreeing - 1)
            logit += min(MAX_BONUS, extra)
        else:
            logit = BASE_UNCONFIRMED_TABLE if self.from_table else BASE_UNCONFIRMED_NARRATIVE
        return logit - sum(weight for _, weight in self.penalties) - self.doubt


def evidence(value: Value, confirmed_by: int, doubt: float) -> Evidence:
    return Evidence(
        confirmed_by=confirmed_by,
        agreeing=value.agreeing,
        from_table=value.from_table,
        ocr=any(s.method == "ocr" for s in value.sources[: value.terms]),
        doubt=doubt,
        penalties=tuple((s.name, s.penalty) for s in value.signals),
    )
