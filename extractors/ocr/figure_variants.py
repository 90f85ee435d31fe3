"""Alternative readings of one OCR'd figure on a page that prints one precision.

Small print at 150 dpi loses or swaps single glyphs of a figure (3<->1, 9<->8, 4<->9), reads
a thousands comma as a point or drops the decimal point.  On a table whose figures all
carry the same number of decimals (北京 prints six), the printed precision is a grammar:
the last separator sits that many digits from the right, so a figure read with its
separators garbled has one reading that obeys it, and a figure one glyph wrong has a small,
enumerable set of neighbours.  Nothing here decides: identity_choice.py keeps the reading
under which the table's own arithmetic holds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal

from extractors.ocr.word_scores import normalize_amount

_SEPARATORS = re.compile(r"[.,\s]")
_DIGITS = "0123456789"
# Share of a table's figures that must agree on their decimals for that to be its grammar.
PRECISION_SHARE = 0.7
PRECISION_MIN = 8


def table_precision(texts: Iterable[str]) -> int | None:
    """Decimals most figures of a table print, when most agree (None otherwise)."""
    counts = Counter(
        len(t.rsplit(".", 1)[1])
        for raw in texts
        if re.fullmatch(r"-?[\d,]+\.\d+", t := normalize_amount(raw))
    )
    if not counts:
        return None
    usual, n = counts.most_common(1)[0]
    total = sum(counts.values())
    return usual if usual > 0 and total >= PRECISION_MIN and n >= PRECISION_SHARE * total else None


def regrouped(text: str, decimals: int) -> str | None:
    """The text with its separators re-placed by the precision, when its digits allow it.

    "1.210.176000" -> "1,210.176000", "36369000" -> "36.369000", "145,993512" ->
    "145.993512"; None when the last separator is not `decimals` digits from the end (a
    glyph was lost or added: that is a change of digits, not of separators)."""
    t = normalize_amount(text).strip()
    if not t or not re.fullmatch(r"[\d.,\s]+", t):
        return None
    digits = _SEPARATORS.sub("", t)
    parts = [p for p in _SEPARATORS.split(t) if p]
    if len(parts) > 1 and len(parts[-1]) != decimals:
        return None
    if len(digits) <= decimals:
        return None
    return _format(digits, decimals)


def neighbours(text: str, decimals: int) -> dict[str, Decimal]:
    """Readings one glyph away from the figure (substituted, dropped or lost digit, or a
    non-digit read in place of one), all printed to `decimals`: text -> value."""
    t = normalize_amount(text).strip()
    chars = _SEPARATORS.sub("", t)
    if not chars or len(chars) > 16:
        return {}
    bodies: set[str] = set()
    for i, ch in enumerate(chars):
        for d in _DIGITS:
            if d != ch:
                bodies.add(chars[:i] + d + chars[i + 1 :])
        if ch in _DIGITS:
            bodies.add(chars[:i] + chars[i + 1 :])
    for i in range(len(chars) + 1):
        bodies.update(chars[:i] + d + chars[i:] for d in _DIGITS)
    out: dict[str, Decimal] = {}
    for body in bodies:
        if body.isdigit() and len(body) > decimals and not _leading_zero(body, decimals):
            formatted = _format(body, decimals)
            out[formatted] = Decimal(formatted.replace(",", ""))
    out.pop(regrouped(text, decimals) or "", None)
    return out


def _leading_zero(body: str, decimals: int) -> bool:
    return body.startswith("0") and len(body) - decimals > 1


def _format(digits: str, decimals: int) -> str:
    whole, frac = digits[: len(digits) - decimals], digits[len(digits) - decimals :]
    whole = whole.lstrip("0") or "0"
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return ",".join(groups) + ("." + frac if decimals else "")
