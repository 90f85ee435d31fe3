"""Number-aware scoring of OCR words: amounts have a grammar, and misreads have patterns.

The score of an OCR word is the engine's confidence, lowered when a word that looks like an
amount breaks the amount grammar, or when one of its characters was read with low
confidence (a single doubtful digit is enough to make a number doubtful, which an average
over the line hides).  Candidate corrections are offered by `digit_alternatives`, for
validation to try against the identities; nothing here changes a word's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

HALF_CENT = Decimal("0.005")  # a printed amount has at most two decimals

# Full-width forms that scanned budget tables print and OCR reproduces.
_FULLWIDTH = str.maketrans(
    {"，": ",", "．": ".", "－": "-", "—": "-", "−": "-", "０": "0", "１": "1", "２": "2",
     "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9", "％": "%"}
)  # fmt: skip

# An amount as printed: optional minus, digits with optional thousands groups, one optional
# decimal part; a trailing % is allowed (增减率 columns).
_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
# Looks like an attempt at a number: mostly digits and separators.
_NUMERIC_CHARS = re.compile(r"[0-9,.\-%]")
_DIGIT = re.compile(r"\d")

# A word that breaks the grammar keeps at most this share of its score: it is read, but
# it should not pass review unseen.
GRAMMAR_PENALTY = 0.5
# Below this per-character confidence a character is doubtful; the word's score becomes
# no better than its weakest digit.
CHAR_DOUBT = 0.9

# Common recognition confusions on scanned digits (symmetric unless noted).
_CONFUSIONS: dict[str, str] = {
    "8": "360",
    "3": "8",
    "1": "7",
    "7": "1",
    "5": "6",
    "6": "58",
    "0": "86",
}


def normalize_amount(text: str) -> str:
    """Full-width separators and digits to ASCII, spaces dropped."""
    return text.translate(_FULLWIDTH).replace(" ", "")


def looks_numeric(text: str) -> bool:
    """A word that is mostly digits and separators: it claims to be an amount."""
    t = normalize_amount(text)
    if not t or not _DIGIT.search(t):
        return False
    numeric = len(_NUMERIC_CHARS.findall(t))
    return numeric / len(t) >= 0.8


def is_amount(text: str) -> bool:
    """True when the text obeys the amount grammar (after full-width normalisation)."""
    return bool(_AMOUNT.match(normalize_amount(text)))


def word_score(text: str, line_score: float, char_scores: Sequence[float] | None) -> float:
    """Score of one word: engine confidence, its weakest character, and the grammar."""
    score = float(line_score)
    if char_scores:
        score = min(score, sum(char_scores) / len(char_scores))
        weakest = min(char_scores)
        if weakest < CHAR_DOUBT:
            score = min(score, weakest)
    if looks_numeric(text) and not is_amount(text):
        score *= GRAMMAR_PENALTY
    return max(0.0, min(1.0, score))


def digit_alternatives(text: str, limit: int = 24) -> list[str]:
    """Plausible readings of an amount one common misread away, grammar-valid, best first.

    Covers single-digit confusions (8/3, 1/7, 5/6, 0/8 …), a dropped decimal point (a
    number without one whose last two digits were the cents), and a thousands comma read
    as a decimal point.  The original text is never included.
    """
    t = normalize_amount(text)
    out: list[str] = []

    def add(candidate: str) -> None:
        if candidate != t and candidate not in out and is_amount(candidate):
            out.append(candidate)

    # Separator confusions first: they are the most frequent misread on amounts.
    if "." not in t and re.fullmatch(r"-?[\d,]+", t) and len(t.replace(",", "")) >= 3:
        digits = t.replace(",", "")
        add(_group(digits[:-2]) + "." + digits[-2:])
    if t.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}(?:[.,]\d{3})*(?:[.,]\d+)?", t):
        # "1.234.56" / "1.234,56": all but the last separator were thousands commas.
        body = re.sub(r"[.,]", "", t)
        last = max(t.rfind("."), t.rfind(","))
        decimals = len(t) - last - 1
        if 0 < decimals < 3:
            add(_group(body[:-decimals]) + "." + body[-decimals:])
        add(_group(body))
    for i, ch in enumerate(t):
        for alt in _CONFUSIONS.get(ch, ""):
            add(t[:i] + alt + t[i + 1 :])
    return out[:limit]


def _group(digits: str) -> str:
    """Re-insert thousands commas into a plain run of digits (keeps a leading minus)."""
    sign = "-" if digits.startswith("-") else ""
    digits = digits.lstrip("-") or "0"
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return sign + ",".join(groups)


def amount_value(text: str) -> Decimal | None:
    """The number an amount text stands for (None if it breaks the grammar or is a %)."""
    t = normalize_amount(text)
    if not is_amount(t) or t.endswith("%"):
        return None
    return Decimal(t.replace(",", ""))


def candidate_fixes(
    value_text: str, needed_value: Decimal, tolerance: Decimal = HALF_CENT
) -> list[str]:
    """Readings of `value_text` one plausible misread away that equal `needed_value`.

    For validation: when a value fails an identity and the identity says what it should
    be, a reading that both is a common OCR confusion and makes the identity hold is a
    strong candidate (propose it for review; never apply it silently).  `needed_value` is
    in the same unit as the text.  Best first; empty when no single misread explains it.
    """
    return [
        alt
        for alt in digit_alternatives(value_text, limit=1000)
        if (v := amount_value(alt)) is not None and abs(v - needed_value) <= tolerance
    ]


# A page prints its amounts to one number of decimals when at least this share of the
# amounts with a decimal point agree on it (few, with at least PRECISION_MIN_AMOUNTS).
PRECISION_SHARE = 0.8
PRECISION_MIN_AMOUNTS = 5


def odd_precision(texts: Sequence[str]) -> set[int]:
    """Indices of amounts whose decimals differ from the page's single printed precision.

    A reading that lost its last digits still obeys the grammar and, being coarse, keeps
    the identities within its own rounding: "37.380000" read "37.3" on a page of
    six-decimal figures (北京 三公 table) balanced 65.328 = 37.3 + 27.948 within 0.1.
    """
    decimals = {
        i: len(t.split(".")[1])
        for i, raw in enumerate(texts)
        if is_amount(t := normalize_amount(raw)) and "." in t and not t.endswith("%")
    }
    if len(decimals) < PRECISION_MIN_AMOUNTS:
        return set()
    counts = sorted(decimals.values())
    usual = max(set(counts), key=counts.count)
    if counts.count(usual) < PRECISION_SHARE * len(counts):
        return set()
    return {i for i, d in decimals.items() if d != usual}
