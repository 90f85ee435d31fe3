"""Reconciled values and item metadata -> the contract's models."""

from __future__ import annotations

from typing import Any

from extractors.confidence import UNCONFIRMED_CONFIDENCE
from extractors.mapping.coded_items import GovRow, ItemInfo
from extractors.model import Table
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from schemas import (
    Amount,
    BasicEconomicItem,
    Candidate,
    Check,
    EconomicItem,
    FunctionItem,
    GovernmentCodeRow,
    ReadMethod,
    Status,
    TableCell,
    TableRecord,
)


def amount(
    value: Value,
    conf: float,
    status: Status,
    checks: list[Check],
    candidates: list[Candidate] | None = None,
) -> Amount:
    return Amount(
        value=value.value,
        raw=value.raw,
        unit=value.unit,
        confidence=conf,
        status=status,
        sources=value.sources,
        checks=checks,
        budget=value.budget_value,
        candidates=candidates or None,
    )


AmountOf = dict[str, Amount]


def function_items(items: dict[str, ItemInfo], amounts: AmountOf) -> list[FunctionItem]:
    return [
        FunctionItem(**_fields(info, amounts, "expenditure_by_function", FUNCTION_FIELDS))
        for _, info in sorted(items.items())
    ]


def economic_items(items: dict[str, ItemInfo], amounts: AmountOf) -> list[EconomicItem]:
    section = "expenditure_by_economic"
    return [
        EconomicItem(
            **_fields(info, amounts, section, ECONOMIC_FIELDS),
            by_government_code=_gov_rows(info, amounts.get(f"{section}.{info.code}.total")),
        )
        for _, info in sorted(items.items())
    ]


def basic_items(items: dict[str, ItemInfo], amounts: AmountOf) -> list[BasicEconomicItem]:
    section = "basic_expenditure_by_economic"
    return [
        BasicEconomicItem(
            **_fields(info, amounts, section, BASIC_FIELDS),
            by_government_code=_gov_rows(info, amounts.get(f"{section}.{info.code}.total")),
        )
        for _, info in sorted(items.items())
    ]


FUNCTION_FIELDS = ("total", "basic", "project")
ECONOMIC_FIELDS = ("total", "personnel", "public", "project")
BASIC_FIELDS = ("total", "personnel", "public")


def _fields(
    info: ItemInfo, amounts: AmountOf, section: str, names: tuple[str, ...]
) -> dict[str, Any]:
    """The item's identity and one Amount per field the section's model has."""
    fields: dict[str, Any] = {
        "code": info.code,
        "name": info.name,
        "level": info.level,
        "code_inferred": info.inferred,
    }
    for name in names:
        fields[name] = amounts.get(f"{section}.{info.code}.{name}")
    return fields


def _gov_rows(info: ItemInfo, item_total: Amount | None) -> list[GovernmentCodeRow]:
    """The rows summed into one item.  The item's checks confirm their sum, so a lone row is
    as sure as the item; of several rows, one is accepted only when its own row sum
    (total = 人员 + 公用 + 项目) also holds: nothing else checks how the sum splits."""
    rows = []
    for row in info.gov_rows:
        total = None
        if row.reading is not None:
            confirmed = len(info.gov_rows) == 1 or row.row_sum_holds
            accepted = item_total is not None and item_total.status == Status.accepted
            conf = item_total.confidence if item_total else 0.5
            if not confirmed:
                conf = min(conf, UNCONFIRMED_CONFIDENCE)
            total = Amount(
                value=row.reading.value,
                raw=row.reading.raw,
                unit=row.reading.unit,
                confidence=conf,
                status=Status.accepted if accepted and confirmed else Status.needs_review,
                sources=[row.reading.source],
                checks=_gov_row_checks(row, item_total, len(info.gov_rows)),
                budget=None,
            )
        rows.append(GovernmentCodeRow(code=row.code, name=row.name, total=total))
    return rows


def _gov_row_checks(row: GovRow, item_total: Amount | None, rows: int) -> list[Check]:
    if rows == 1:
        return list(item_total.checks) if item_total else []
    return [Check(name="government_code_row.row_sum", passed=True)] if row.row_sum_holds else []


def table_record(typed: TypedTable) -> TableRecord:
    table: Table = typed.table
    method = ReadMethod.ocr if any(c.method == "ocr" for c in table.cells) else ReadMethod.pdf_text
    return TableRecord(
        table_id=table.table_id,
        kind=typed.kind,
        title=typed.title,
        pages=table.pages,
        unit=typed.unit if typed.unit_stated else None,
        method=method,
        header_rows=typed.header.rows,
        cells=[
            TableCell(
                row=c.row,
                col=c.col,
                row_span=c.row_span,
                col_span=c.col_span,
                text=c.text,
                bbox=c.bbox,
                page=c.page,
                confidence=c.confidence,
            )
            for c in sorted(table.cells, key=lambda c: (c.row, c.col))
        ],
    )
