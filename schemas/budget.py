"""The budget schema: the output contract (../shared/budget-schema.md)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.tables import TableRecord
from schemas.values import Amount, BBox, Money, ReadMethod

SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentKind(StrEnum):
    budget = "budget"
    final_accounts = "final_accounts"


class AdminLevel(StrEnum):
    central = "central"
    province = "province"
    city = "city"
    district = "district"
    county = "county"
    township = "township"
    unknown = "unknown"


RegionKind = Literal["title", "paragraph", "table", "figure", "header", "footer", "caption", "seal"]


class Region(_Model):
    """A layout region of a page (extension field): what kind of content sits where."""

    kind: RegionKind
    bbox: BBox = Field(description="PDF points, origin top-left of the page")
    score: float = Field(ge=0.0, le=1.0, description="How sure the finder is of the kind")
    method: ReadMethod | None = Field(
        default=None, description="How the region's words were read, when it was read alone"
    )


class PageInfo(_Model):
    page: int
    source: ReadMethod
    rotation: int = 0
    status: Literal["ok", "needs_ocr", "failed"] = "ok"
    reason: str | None = Field(default=None, description="Why a page is not ok, e.g. no text layer")
    mixed: bool = Field(
        default=False,
        description="Extension: a text-layer page whose pictures were OCR'd as well",
    )
    regions: list[Region] = Field(default_factory=list, description="Extension: layout regions")


class DocumentInfo(_Model):
    department: str | None = None
    fiscal_year: int | None = None
    kind: DocumentKind = DocumentKind.budget
    admin_level: AdminLevel = AdminLevel.unknown
    unit_printed: str | None = None
    page_count: int
    pages: list[PageInfo] = Field(default_factory=list)
    partial: bool = Field(False, description="Some pages could not be read; see pages[].reason")


class BudgetUnit(_Model):
    code: str | None = None
    name: str


class Totals(_Model):
    revenue_total: Amount | None = None
    expenditure_total: Amount | None = None
    general_public_budget: Amount | None = None
    government_fund: Amount | None = None
    state_capital: Amount | None = None
    carryover: Amount | None = None
    basic_expenditure: Amount | None = None
    project_expenditure: Amount | None = None
    personnel_expense: Amount | None = None
    public_expense: Amount | None = None
    # Extension: 本年支出合计, where the summary states it apart from 支出总计 (which may
    # add 结转下年): basic + project add up to this one.
    year_expenditure: Amount | None = None


CodeLevel = Literal["类", "款", "项"]


class FunctionItem(_Model):
    code: str
    name: str
    level: CodeLevel
    total: Amount | None = None
    basic: Amount | None = None
    project: Amount | None = None
    code_inferred: bool = Field(False, description="Code rebuilt from the name, not printed")


class GovernmentCodeRow(_Model):
    code: str
    name: str | None = None
    total: Amount | None = None


class EconomicItem(_Model):
    code: str
    name: str
    level: CodeLevel
    total: Amount | None = None
    personnel: Amount | None = None
    public: Amount | None = None
    project: Amount | None = None
    by_government_code: list[GovernmentCodeRow] = Field(default_factory=list)
    code_inferred: bool = False


class BasicEconomicItem(_Model):
    code: str
    name: str
    level: CodeLevel
    total: Amount | None = None
    personnel: Amount | None = None
    public: Amount | None = None
    by_government_code: list[GovernmentCodeRow] = Field(default_factory=list)
    code_inferred: bool = False


class ThreePublic(_Model):
    total: Amount | None = None
    overseas_travel: Amount | None = None
    vehicle_total: Amount | None = None
    vehicle_purchase: Amount | None = None
    vehicle_operation: Amount | None = None
    reception: Amount | None = None
    prior_year_total: Amount | None = None


class Procurement(_Model):
    total: Amount | None = None
    goods: Amount | None = None
    works: Amount | None = None
    services: Amount | None = None


class Indicator(_Model):
    level1: str | None = None
    level2: str | None = None
    name: str
    value: str | None = None


class Project(_Model):
    code: str | None = None
    name: str
    amount: Amount | None = None
    indicators: list[Indicator] = Field(default_factory=list)


class FindingValue(_Model):
    """One figure (or statement) a finding compares, as the document prints it."""

    label: str = Field(description="What the figure is, as the document names it")
    path: str | None = Field(
        default=None, description="Its dotted path, where it is a document value"
    )
    value: Money | None = Field(
        default=None, description="In 元; in percent where unit is %; absent for a statement"
    )
    raw: str | None = Field(default=None, description="Exactly as printed")
    unit: str | None = None
    page: int | None = None
    source: str | None = Field(
        default=None, description="Table id, or the sentence it was read from"
    )


class Finding(_Model):
    """The document contradicts itself; every reading agrees (not our doubt)."""

    rule: str
    paths: list[str]
    difference: Money | None = None
    pages: list[int] = Field(default_factory=list)
    message: str
    # Extensions (optional): what was compared, how bad, in which unit the difference is.
    values: list[FindingValue] = Field(default_factory=list)
    severity: Literal["error", "rounding"] | None = Field(
        default=None,
        description="rounding: the figures differ by no more than the printed rounding allows "
        "one of them to; error: beyond it",
    )
    difference_unit: str | None = Field(
        default=None, description="Unit of difference when not 元: % (percentage points)"
    )


class ReviewSummary(_Model):
    needs_review: int = 0
    threshold: float
    fields: list[str] = Field(default_factory=list)


class BudgetDocument(_Model):
    schema_version: str = SCHEMA_VERSION
    document: DocumentInfo
    budget_units: list[BudgetUnit] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)
    expenditure_by_function: list[FunctionItem] = Field(default_factory=list)
    expenditure_by_economic: list[EconomicItem] = Field(default_factory=list)
    basic_expenditure_by_economic: list[BasicEconomicItem] = Field(default_factory=list)
    three_public: ThreePublic | None = None
    operating_expenses: Amount | None = None
    procurement: Procurement | None = None
    projects: list[Project] = Field(default_factory=list)
    tables: list[TableRecord] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    review: ReviewSummary
