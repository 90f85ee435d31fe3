"""CSV and XLSX exports of a BudgetDocument (extractors.export)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from extractors.export import COLUMNS, to_csv, to_xlsx
from schemas import Amount, BudgetDocument, DocumentInfo, Finding, ReviewSummary, Source, Totals


def _amount(value: str, raw: str, page: int) -> Amount:
    return Amount(
        value=Decimal(value), raw=raw, unit="万元", confidence=0.99, status="accepted",
        sources=[Source(page=page, text=raw)],
    )  # fmt: skip


def _doc() -> BudgetDocument:
    return BudgetDocument(
        document=DocumentInfo(department="平顶山市医疗保障局", fiscal_year=2021, page_count=3),
        totals=Totals(
            revenue_total=_amount("6887000", "688.7", 2),
            expenditure_total=_amount("6887000", "688.7", 3),
        ),
        findings=[Finding(rule="r", paths=["totals.revenue_total"], message="m", pages=[2])],
        review=ReviewSummary(threshold=0.9),
    )


def test_csv_has_one_row_per_amount() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(_doc()))))
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][:4] == ["totals.revenue_total", "6887000.0", "688.7", "万元"]
    assert rows[2][0] == "totals.expenditure_total" and rows[2][6] == "3"
    assert len(rows) == 3


def test_xlsx_has_values_document_and_findings() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(_doc())))
    assert book.sheetnames == ["values", "document", "findings", "review"]  # no tables in _doc
    values = list(book["values"].iter_rows(values_only=True))
    assert values[1][0] == "totals.revenue_total" and values[1][1] == 6887000.0
    meta = dict(book["document"].iter_rows(values_only=True))
    assert meta["department"] == "平顶山市医疗保障局"
    assert list(book["findings"].iter_rows(values_only=True))[1][0] == "r"
