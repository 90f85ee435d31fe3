"""The document's prose as one searchable string, and the amounts and percentages in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.model import Line
from extractors.numbers import sentence_amount
from extractors.validation.figures import Figure

NUM = r"\d[\d,，]*(?:\.\d+)?"
UNIT = r"亿元|万元|千元|元"


def amount_pattern(name: str) -> str:
    return rf"(?P<{name}>{NUM})(?P<{name}_u>{UNIT})"


@dataclass(slots=True)
class Narrative:
    """The document's prose as one string without white space (publishers space out
    characters: "本 年 收 入 合 计"), with the page of every character."""

    text: str
    pages: list[int]

    @classmethod
    def of(cls, lines: list[Line]) -> Narrative:
        parts: list[str] = []
        pages: list[int] = []
        for line in lines:
            compact = re.sub(r"[\s\u3000]+", "", line.text)
            parts.append(compact)
            pages.extend([line.page] * len(compact))
        return cls("".join(parts), pages)

    def page_at(self, offset: int) -> int | None:
        if not self.pages:
            return None
        return self.pages[min(max(offset, 0), len(self.pages) - 1)]

    def figure(self, match: re.Match[str], name: str, label: str) -> Figure | None:
        """The amount in groups name / name_u of a match, as a Figure."""
        return self.amount(match.group(name), match.group(f"{name}_u"), match.start(name), label)

    def amount(self, raw: str, unit: str, start: int, label: str) -> Figure | None:
        value = sentence_amount(raw, unit)
        if value is None:
            return None
        return Figure(
            label=label,
            value=value,
            raw=raw,
            unit=unit,
            page=self.page_at(start),
            source=self.excerpt(start),
        )

    def percent(self, match: re.Match[str], name: str, label: str) -> Figure:
        return self.percent_at(match.group(name), match.start(name), label)

    def percent_at(self, raw: str, start: int, label: str) -> Figure:
        return Figure(
            label=label,
            value=Decimal(raw),
            raw=raw,
            unit="%",
            page=self.page_at(start),
            source=self.excerpt(start),
        )

    def excerpt(self, offset: int, before: int = 24, after: int = 16) -> str:
        return self.text[max(0, offset - before) : offset + after]
