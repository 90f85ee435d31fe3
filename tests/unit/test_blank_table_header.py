"""A table printed with every cell blank (a 三公 table of a department that spent nothing,
ruled): its header is the rows above the rows that name only themselves, so each item
reads as a blank 0 for review, not as nothing."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.three_public import three_public_readings
from schemas import TableKind
from tests.unit.tables import typed

ITEMS = ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置费"]
MORE = ["公务用车运行维护费", "公务接待费"]
TITLE = "一般公共预算财政拨款“三公”经费支出决算表"


def test_every_item_of_a_blank_table_is_a_blank_zero() -> None:
    t = typed([ITEMS + MORE, ["决算数", "", "", "", "", "", ""]], TITLE, unit="元")
    assert t.kind == TableKind.three_public and t.header.rows == 1
    got = {r.path: r for r in three_public_readings([t], 2026)}
    assert len(got) == 6
    assert all(r.value == Decimal(0) and r.raw == "" for r in got.values())
    assert all("empty_cell" in {s.name for s in r.signals} for r in got.values())


def test_rows_of_labels_only_are_no_header() -> None:
    """Nothing above the label rows names three columns: no header can be told."""
    t = typed([["项目", "合计", ""], ["决算数", "", ""], ["预算数", "", ""]], TITLE, unit="元")
    assert t.header.rows == 0
