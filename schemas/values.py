"""Every number the document states becomes an Amount: value in 元, raw text, provenance."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    # Wide enough for any figure a page can print: quantize must never fail a document.
    with localcontext() as ctx:
        ctx.prec = 60
        return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _money_out(value: Decimal) -> float:
    # Emitted as a JSON number rounded to cents; Decimal inside so sums stay exact.
    return float(to_cents(value))


Money = Annotated[Decimal, PlainSerializer(_money_out, return_type=float, when_used="json")]
BBox = tuple[float, float, float, float]


class Status(StrEnum):
    accepted = "accepted"
    needs_review = "needs_review"
    corrected = "corrected"
    confirmed = "confirmed"


class ReadMethod(StrEnum):
    pdf_text = "pdf_text"
    ocr = "ocr"


class Source(BaseModel):
    """One place a value was read: a table cell or a narrative sentence."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(ge=1, description="1-based page number")
    bbox: BBox | None = Field(default=None, description="PDF points, origin top-left of the page")
    table_id: str | None = None
    row: int | None = None
    col: int | None = None
    method: ReadMethod = ReadMethod.pdf_text
    text: str = ""


class Check(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    passed: bool


class Candidate(BaseModel):
    """Another reading a reviewer may pick; never applied silently."""

    model_config = ConfigDict(extra="forbid")

    value: Money
    raw: str
    reason: str


class Amount(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Money = Field(description="Amount in 元, rounded to cents")
    raw: str = Field(description="Exactly as printed")
    unit: str = Field(description="Printed unit: 元, 万元, 亿元, 千元")
    confidence: float = Field(ge=0.0, le=1.0)
    status: Status
    sources: list[Source] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    candidates: list[Candidate] | None = None
    budget: Money | None = Field(
        None, description="决算 documents: the year's budget figure printed beside the actual"
    )
