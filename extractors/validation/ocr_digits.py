"""OCR readings whose every digit a sum confirms: their recognition doubt is answered.

An OCR word carries the recogniser's doubt (`ocr_score`), and on a 150 dpi scan a right
reading often has one character at 0.5-0.8: on the 普陀 unit budget most confirmed values
stayed in review for that alone, where the digital file accepts them.  A sum that holds
over several different figures is evidence about the digits themselves: a misread digit
moves the sum by its place value, and another misread making up exactly that difference
is not a thing that happens by chance.  An equality is not such evidence (a parent equal
to its only child, one figure printed in two tables): the same glyph misread the same way
in both copies keeps it ("6,100,000" read "6,00,000" in all six cells of a 上海 table).
So only a sum with at least two non-zero parts that holds to the last digit of its finest
figure clears the doubt, and only for its non-zero figures; the value still needs the
evidence rule (evidence.py) to be accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from extractors.reconcile import Value
from extractors.validation.identities import Outcome
from schemas import ReadMethod

OCR_SIGNAL = "ocr_score"


def digits_confirmed(values: dict[str, Value], outcomes: Iterable[Outcome]) -> set[str]:
    """Paths of OCR-read values that a passing sum of several non-zero figures includes."""
    out: set[str] = set()
    for outcome in outcomes:
        if not outcome.passed:
            continue
        identity = outcome.identity
        nonzero_parts = [p for p in identity.parts if values[p].value != 0]
        if len(nonzero_parts) < 2 or not _exact(values, outcome):
            continue
        for path in (identity.total, *nonzero_parts):
            if values[path].value != 0 and _read_by_ocr(values[path]):
                out.add(path)
    return out


def without_ocr_doubt(value: Value) -> Value:
    """The value with its recognition doubt dropped (other doubts stay)."""
    return replace(value, signals=[s for s in value.signals if s.name != OCR_SIGNAL])


def _exact(values: dict[str, Value], outcome: Outcome) -> bool:
    """Does the sum hold to the finest figure's last digit?  A sum holds within the
    rounding of its coarsest figure, and a reading that lost its last digits is coarse:
    "37.380000" read "37.3" kept 65.328 = 37.3 + 27.948 within 0.1 (北京 三公 table)."""
    identity = outcome.identity
    finest = min(values[p].tolerance for p in (identity.total, *identity.parts))
    return abs(outcome.difference) <= finest


def _read_by_ocr(value: Value) -> bool:
    return any(s.method == ReadMethod.ocr for s in value.sources)
