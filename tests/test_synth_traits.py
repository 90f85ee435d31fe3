"""One synthetic document per layout class that once made wrong values `accepted` (issue 9),
through the real extractor: the class's section is read right and nothing is accepted wrong.

Traits are set, not drawn, so each case keeps testing its class whatever the seed draws;
the layouts are ruled so that what is tested is table understanding, not table finding.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tests.synth.document import build
from tests.synth.render import render
from tests.synth.scoring import SCORE_PY, Score, load_score, score
from tests.synth.traits import Traits, plain
from tests.synth.truth import truth

SEED = 4242


def _run(tmp_path: Path, traits: Traits) -> Score:
    if load_score() is None:
        pytest.skip(f"score.py not present at {SCORE_PY}")
    from extractors.pipeline import extract_document

    doc = build(SEED, traits)
    pdf = tmp_path / f"{doc.name}.pdf"
    render(doc, pdf)
    got: dict[str, Any] = json.loads(extract_document(pdf).model_dump_json())
    return score(got, truth(doc))


def _section(s: Score, name: str) -> tuple[int, int]:
    fields, correct, _, _ = s.sections.get(name, [0, 0, 0, 0])
    return fields, correct


def test_final_accounts_summary_reads_actuals_under_side_headings(tmp_path: Path) -> None:
    """决算 收支总表 with 收入 / 支出 over 预算数 | 决算数 (two header rows)."""
    s = _run(tmp_path, replace(plain(), kind="final_accounts", header_rows=2))
    fields, correct = _section(s, "totals")
    assert fields and correct == fields, s.wrongs
    assert s.accepted_wrong == 0, s.wrongs


def test_unit_in_header_cell(tmp_path: Path) -> None:
    """合计（万元）: the column keeps its role, so its figures are read."""
    s = _run(tmp_path, replace(plain(), unit="万元", unit_place="header_cell"))
    for section in ("totals", "expenditure_by_function", "basic_expenditure_by_economic"):
        fields, correct = _section(s, section)
        assert fields and correct == fields, (section, s.wrongs, s.missing[:10])
    assert s.accepted_wrong == 0, s.wrongs


def test_three_public_years_down_the_rows(tmp_path: Path) -> None:
    """三公 items down the rows, 上年 | 本年 across: the second column is read by row."""
    s = _run(tmp_path, replace(plain(), three_public="rows"))
    fields, correct = _section(s, "three_public")
    assert fields and correct == fields, (s.wrongs, s.missing)
    assert s.accepted_wrong == 0, s.wrongs


def test_procurement_kinds_across(tmp_path: Path) -> None:
    """政府采购表 with 合计 | 货物 | 工程 | 服务 as columns, one row per unit."""
    # Zeros printed as 0.00: a blank kind is no statement and would rightly stay unread.
    traits = replace(plain(), procurement_table=True, narrative="none", zero="0.00")
    s = _run(tmp_path, traits)
    fields, correct = _section(s, "procurement")
    assert fields and correct == fields, (s.wrongs, s.missing)
    assert s.accepted_wrong == 0, s.wrongs
