"""Every table found, as read, for review and audit."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from schemas.values import BBox, ReadMethod


class TableKind(StrEnum):
    revenue_expenditure_summary = "revenue_expenditure_summary"
    revenue_summary = "revenue_summary"
    expenditure_summary = "expenditure_summary"
    fiscal_appropriation_summary = "fiscal_appropriation_summary"
    general_budget_expenditure = "general_budget_expenditure"
    basic_expenditure_economic = "basic_expenditure_economic"
    economic_classification_summary = "economic_classification_summary"
    three_public = "three_public"
    government_fund = "government_fund"
    state_capital = "state_capital"
    procurement = "procurement"
    project_expenditure = "project_expenditure"
    performance_overall = "performance_overall"
    performance_projects = "performance_projects"
    medium_term_plan = "medium_term_plan"
    other = "other"


class TableCell(BaseModel):
    model_config = ConfigDict(extra="forbid")

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    text: str
    bbox: BBox | None = None
    page: int
    confidence: float = Field(1.0, ge=0.0, le=1.0)


class TableRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    table_id: str
    kind: TableKind
    title: str = ""
    pages: list[int]
    unit: str | None = None
    method: ReadMethod = ReadMethod.pdf_text
    header_rows: int = 0
    cells: list[TableCell] = Field(default_factory=list)
