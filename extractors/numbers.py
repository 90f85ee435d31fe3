"""Printed amounts and units -> Decimal 元.  Percentages are never amounts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}
# "单位：万元", "金额单位：元", "单位:万元", "(万元)", "（单位：元）"
_UNIT_LINE = re.compile(r"(?:金额)?单位\s*(?:[:：]|为|是)?\s*(亿元|万元|千元|元)")
_UNIT_PAREN = re.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?(亿元|万元|千元|元)\s*[)）]")
_DASHES = {"-", "—", "–", "－", "——", "/", "--", "—-", "-—"}
# "2.2 2": a space among the decimals is two figures read into one cell (a scan's stray
# digit beside 2.2, measured on 西安 scans), not one amount; a space among the integer
# digits ("1 234.56") is a thousands gap and stays.
_SPLIT_DECIMALS = re.compile(r"\.\d+[ \u3000]+\d")
# "24 00": a gap before a group of other than three digits is no thousands gap either; on
# 150 dpi scans of small print it is the decimal point lost (24.00 read as 2,400, and a
# 小计 = 购置 + 运行 of two such cells held, so the hundredfold figure was accepted).
_SPLIT_GROUP = re.compile(r"\d[ \u3000]+(?!\d{3}(?:\D|$))\d")
_AMOUNT = re.compile(r"^[-−]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class ParsedAmount:
    value: Decimal  # in the printed unit
    raw: str
    empty: bool  # printed as blank or a dash: zero where the table states the field


# The largest budget printed in 元 has 14 whole digits; more is several figures run together.
MAX_WHOLE_DIGITS = 15


def parse_amount(text: str) -> ParsedAmount | None:
    """A table cell as an amount; None if the cell is text, a code or a percentage."""
    raw = text.strip()
    if _SPLIT_DECIMALS.search(raw) or _SPLIT_GROUP.search(raw):
        return None
    compact = raw.replace(" ", "").replace("\u3000", "")
    if compact == "" or compact in _DASHES:
        return ParsedAmount(Decimal(0), raw, empty=True)
    if compact.endswith("%") or "％" in compact:
        return None
    negative = compact.startswith(("(", "（")) and compact.endswith((")", "）"))
    if negative:
        compact = compact[1:-1]
    if not _AMOUNT.match(compact):
        return None
    digits = compact.replace(",", "").replace("，", "").replace("−", "-")
    if len(digits.split(".")[0].lstrip("-")) > MAX_WHOLE_DIGITS:
        return None  # figures run together by a reading, not one amount
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return ParsedAmount(-value if negative else value, raw, empty=False)


def unit_in(text: str) -> str | None:
    """The unit a line of text declares, if any."""
    compact = text.replace(" ", "").replace("\u3000", "")
    match = _UNIT_LINE.search(compact) or _UNIT_PAREN.search(compact)
    return match.group(1) if match else None


def to_yuan(value: Decimal, unit: str) -> Decimal:
    return value * UNIT_FACTORS[unit]


def sentence_amount(raw: str, unit: str) -> Decimal | None:
    """A figure of a sentence in 元 ("1，642.12" 万元; prose may group with a full-width
    comma), or None when it is not a figure."""
    parsed = parse_amount(raw.replace("，", ","))
    if parsed is None or parsed.empty:
        return None
    return to_yuan(parsed.value, unit)


def printed_precision(raw: str) -> Decimal:
    """One unit in the last printed digit: "688.7" -> 0.1, "195,774,300" -> 1."""
    compact = raw.replace(",", "").replace("，", "").strip()
    if "." in compact:
        return Decimal(1).scaleb(-len(compact.split(".", 1)[1]))
    return Decimal(1)
