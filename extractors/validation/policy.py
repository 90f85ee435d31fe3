"""What a failed identity means: a publisher's slip (a finding) or a doubt on our reading.

Every identity a value takes part in becomes a check on it.  A failure where every figure
came from the text layer and the difference is within FINDING_SHARE of the whole is the
publisher's rounding or slip: a finding, the values keep their confidence.  Any other
failure doubts every value involved, and a failed 合计 doubts its whole column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from extractors.model import DOUBTED_PENALTY
from extractors.reconcile import Value
from extractors.validation.identities import Outcome
from schemas import Candidate, Check, Finding, ReadMethod

# Failed identities smaller than this share of the whole read as the publisher's rounding or
# slip, not as our misreading (a misplaced column or row moves sums far more than 1%).
FINDING_SHARE = Decimal("0.01")


@dataclass(slots=True)
class Judged:
    """The verdicts on a document's values, keyed by path; the confidence stage reads them."""

    checks: dict[str, list[Check]] = field(default_factory=dict)
    doubt: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)
    confirmed: dict[str, set[str]] = field(default_factory=dict)
    # OCR values whose digits a sum of several figures confirms (validation/ocr_digits.py)
    digits_confirmed: set[str] = field(default_factory=set)


def judge_outcomes(values: dict[str, Value], outcomes: list[Outcome]) -> Judged:
    judged = Judged()
    for outcome in outcomes:
        if outcome.identity.evidence_only and not outcome.passed:
            continue
        paths = [outcome.identity.total, *outcome.identity.parts]
        for path in paths:
            judged.checks.setdefault(path, []).append(
                Check(name=outcome.identity.rule, passed=outcome.passed)
            )
        if outcome.passed:
            continue
        if _publisher_slip(values, outcome):
            judged.findings.append(_finding(values, outcome, paths))
        else:
            for path in paths:
                judged.doubt[path] = judged.doubt.get(path, 0.0) + DOUBTED_PENALTY
    _doubt_whole_columns(values, judged)
    return judged


def _doubt_whole_columns(values: dict[str, Value], judged: Judged) -> None:
    """A table's 合计 that fails a cross-table identity points at a misread column: every
    value read from that column of that table shares the doubt."""
    for path, doubt in list(judged.doubt.items()):
        section, _, rest = path.partition(".合计.")
        if not rest:
            continue
        table_id = values[path].sources[0].table_id
        col = values[path].sources[0].col
        for other, value in values.items():
            src = value.sources[0]
            same_column = src.table_id == table_id and src.col == col
            if other.startswith(f"{section}.") and other.endswith(f".{rest}") and same_column:
                judged.doubt[other] = max(judged.doubt.get(other, 0.0), doubt)


def _publisher_slip(values: dict[str, Value], outcome: Outcome) -> bool:
    whole = values[outcome.identity.total]
    involved = [whole, *(values[p] for p in outcome.identity.parts)]
    # A read that may be wrong is never excused as the publisher's slip: a misread last
    # digit moves a sum by less than 1% too.
    if any(src.method == ReadMethod.ocr for v in involved for src in v.sources):
        return False
    # Codes inferred from indentation: a row lost at a page break or read a level off moves
    # a sum by that row's amount, which may be under 1%; only rounding is the publisher's.
    if any(s.name == "code_inferred" for v in involved for s in v.signals):
        return abs(outcome.difference) <= sum((v.tolerance for v in involved), Decimal(0))
    base = max(abs(whole.value), Decimal(1))
    return abs(outcome.difference) <= FINDING_SHARE * base


def _finding(values: dict[str, Value], outcome: Outcome, paths: list[str]) -> Finding:
    pages = sorted({s.page for p in paths for s in values[p].sources})
    unit = values[outcome.identity.total].unit
    return Finding(
        rule=outcome.identity.rule,
        paths=paths,
        difference=outcome.difference,
        pages=pages,
        message=f"{paths[0]} ≠ Σ parts by {outcome.difference} 元 (printed in {unit})",
    )
