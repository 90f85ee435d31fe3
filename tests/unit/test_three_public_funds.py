"""三公 items split into fund columns only (一般公共预算 | 政府性基金预算 | 国有资本经营预算, no
小计; 深圳 表9), one row per year with the unit's name heading the first."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.three_public import three_public_readings
from extractors.model import Reading
from schemas import TableKind
from tests.unit.tables import typed

FUNDS = ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
HEADER = [
    ["预算单位", "年度", "总计", "", "", "因公出国(境)费", "", "", "公务接待费", "", ""],
    ["", "", *FUNDS, *FUNDS, *FUNDS],
]
SPANS = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 3), (0, 5, 1, 3), (0, 8, 1, 3)]
PRIOR = ["某市审计局", "2025年", "4.31", "0.00", "0.00", "0.80", "0.00", "0.00", "3.51", "", ""]
THIS = ["", "2026年", "31.50", "0.00", "0.00", "28.00", "0.00", "0.00", "3.50", "0.00", "0.00"]


def _read(rows: list[list[str]]) -> dict[str, Reading]:
    t = typed(HEADER + rows, "财政拨款“三公”经费支出表", spans=SPANS)
    assert t.kind == TableKind.three_public
    return {r.path: r for r in three_public_readings([t], 2026)}


def test_each_item_is_read_from_the_fund_that_states_it() -> None:
    got = _read([PRIOR, THIS])
    assert got["three_public.total"].value == Decimal("315000")
    assert got["three_public.overseas_travel"].raw == "28.00"
    assert got["three_public.reception"].source.col == 8
    # The prior year's row is headed by the unit's name, its year beside it.
    assert got["three_public.prior_year_total"].value == Decimal("43100")


def test_two_funds_stating_one_item_give_no_figure() -> None:
    both = [*THIS[:8], "3.00", "0.50", "0.00"]
    got = _read([PRIOR, both])
    assert "three_public.reception" not in got
    assert got["three_public.overseas_travel"].raw == "28.00"
