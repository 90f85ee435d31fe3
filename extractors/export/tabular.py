"""One row per value: path, value in 元, raw text, unit, confidence, status, pages.

Spreadsheet users filter and sum; the path column is the contract's dotted path, so a row
can be traced back to the JSON and to the review queue.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from extractors.export.table_sheets import add_table_sheets
from schemas import BudgetDocument, Status
from schemas.paths import iter_amounts

COLUMNS = ("path", "value", "raw", "unit", "confidence", "status", "pages", "checks_failed")


def rows(doc: BudgetDocument) -> list[list[Any]]:
    out: list[list[Any]] = []
    for path, amount in iter_amounts(doc):
        pages = sorted({s.page for s in amount.sources})
        failed = [c.name for c in amount.checks if not c.passed]
        out.append(
            [
                path,
                float(amount.value),
                amount.raw,
                amount.unit,
                round(amount.confidence, 4),
                str(amount.status),
                " ".join(str(p) for p in pages),
                " ".join(failed),
            ]
        )
    return out


def _meta(doc: BudgetDocument) -> list[tuple[str, Any]]:
    info = doc.document
    return [
        ("schema_version", doc.schema_version),
        ("department", info.department or ""),
        ("fiscal_year", info.fiscal_year or ""),
        ("kind", str(info.kind)),
        ("admin_level", str(info.admin_level)),
        ("unit_printed", info.unit_printed or ""),
        ("page_count", info.page_count),
        ("needs_review", doc.review.needs_review),
        ("findings", len(doc.findings)),
    ]


def to_csv(doc: BudgetDocument) -> str:
    """UTF-8 text with a header row; files for Excel should be written by to_csv_bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(doc))
    return buffer.getvalue()


def to_csv_bytes(doc: BudgetDocument) -> bytes:
    """to_csv as UTF-8 with a byte-order mark: without it Excel reads the file as the
    system's ANSI code page and every Chinese name comes out garbled."""
    return to_csv(doc).encode("utf-8-sig")


def to_xlsx(doc: BudgetDocument) -> bytes:
    """Sheets: values (as to_csv), document (metadata), findings, review (the values a
    person should check), then one sheet per standard table as printed."""
    book = Workbook()
    values = book.active
    assert values is not None
    values.title = "values"
    values.append(list(COLUMNS))
    for row in rows(doc):
        values.append(row)
    meta = book.create_sheet("document")
    for key, value in _meta(doc):
        meta.append([key, value])
    findings = book.create_sheet("findings")
    findings.append(["rule", "message", "difference", "pages", "paths"])
    for f in doc.findings:
        difference = float(f.difference) if f.difference is not None else None
        pages = " ".join(str(p) for p in f.pages)
        findings.append([f.rule, f.message, difference, pages, " ".join(f.paths)])
    _review_sheet(book.create_sheet("review"), doc)
    add_table_sheets(book, doc)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _review_sheet(sheet: Worksheet, doc: BudgetDocument) -> None:
    sheet.append(list(COLUMNS))
    for row in rows(doc):
        if row[5] != str(Status.accepted):
            sheet.append(row)
