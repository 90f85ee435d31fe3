"""One XLSX sheet per standard table, laid out as printed (merged header cells merged)."""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from schemas import BudgetDocument, TableKind, TableRecord

# Excel refuses these in sheet names and cuts names at 31 characters.
_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
_MAX_NAME = 31


def add_table_sheets(book: Workbook, doc: BudgetDocument) -> None:
    """A sheet for every table of a standard kind (`other` tables are not the budget's)."""
    taken = set(book.sheetnames)
    for table in doc.tables:
        if table.kind == TableKind.other:
            continue
        sheet = book.create_sheet(_sheet_name(table, taken))
        taken.add(sheet.title)
        _fill(sheet, table)


def _sheet_name(table: TableRecord, taken: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", f"{table.table_id} {table.title or table.kind}").strip()
    name = base[:_MAX_NAME]
    suffix = 2
    while name in taken:
        tail = f" ({suffix})"
        name = base[: _MAX_NAME - len(tail)] + tail
        suffix += 1
    return name


def _fill(sheet: Worksheet, table: TableRecord) -> None:
    """Cells at their printed row and column (0-based in the record), under a caption."""
    pages = " ".join(str(p) for p in table.pages)
    sheet.append([table.title or str(table.kind), f"单位: {table.unit or '?'}", f"pages {pages}"])
    top = 3  # a blank row between the caption and the table
    filled = {(top + c.row, 1 + c.col) for c in table.cells}
    merged: set[tuple[int, int]] = set()
    for cell in table.cells:
        sheet.cell(row=top + cell.row, column=1 + cell.col, value=cell.text)
    for cell in table.cells:
        if cell.row_span == 1 and cell.col_span == 1:
            continue
        row, col = top + cell.row, 1 + cell.col
        area = {
            (r, c) for r in range(row, row + cell.row_span) for c in range(col, col + cell.col_span)
        }
        # Merging would blank any other cell read inside the span, and Excel calls a file
        # with overlapping merges corrupt: keep what was read, unmerged.
        if not (area - {(row, col)}) & filled and not area & merged:
            merged |= area
            sheet.merge_cells(
                start_row=row,
                start_column=col,
                end_row=row + cell.row_span - 1,
                end_column=col + cell.col_span - 1,
            )
