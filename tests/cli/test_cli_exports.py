"""XLSX and CSV as a spreadsheet user opens them, read back from the written file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from cli_helpers import RULED, run_cli
from openpyxl import load_workbook

FIXED = ["values", "document", "findings", "review"]


def test_xlsx_has_a_sheet_per_standard_table(tmp_path: Path) -> None:
    out, doc_json = tmp_path / "out.xlsx", tmp_path / "out.json"
    assert run_cli("extract", RULED, "-o", out, "-q").returncode == 0
    assert run_cli("extract", RULED, "-o", doc_json, "-q").returncode == 0
    doc = json.loads(doc_json.read_text())
    book = load_workbook(out)
    assert book.sheetnames[:4] == FIXED
    standard = [t for t in doc["tables"] if t["kind"] != "other"]
    tables = book.sheetnames[4:]
    assert len(tables) == len(standard) >= 9
    assert all(name.startswith(t["table_id"]) for name, t in zip(tables, standard, strict=True))
    # The summary table as printed: its title, unit, header and the 合计 row's figure.
    summary = next(t for t in standard if t["kind"] == "revenue_expenditure_summary")
    sheet = book[tables[standard.index(summary)]]
    grid = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert grid[0][0] == summary["title"] and "万元" in grid[0][1]
    assert any("688.7" in row for row in grid)
    # Review: every value not accepted, nothing else.
    review = list(book["review"].iter_rows(values_only=True))[1:]
    assert len(review) == doc["review"]["needs_review"] > 0
    assert {row[5] for row in review} == {"needs_review"}
    values = list(book["values"].iter_rows(values_only=True))
    assert values[0][0] == "path" and len(values) > len(review) + 100


def test_csv_is_utf8_with_bom_and_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert run_cli("extract", RULED, "-o", out, "-q").returncode == 0
    raw = out.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf" and raw.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_path = {r["path"]: r for r in rows}
    assert by_path["totals.expenditure_total"]["value"] == "6887000.0"
    assert by_path["totals.expenditure_total"]["unit"] == "万元"
    assert any(r["path"].startswith("expenditure_by_function.") for r in rows)
