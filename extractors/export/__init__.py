"""Flat exports of a BudgetDocument (CSV, XLSX) for the API and the CLI; pure functions."""

from extractors.export.tabular import COLUMNS, rows, to_csv, to_csv_bytes, to_xlsx

__all__ = ["COLUMNS", "rows", "to_csv", "to_csv_bytes", "to_xlsx"]
