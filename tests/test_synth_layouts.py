"""Layout classes the extractor once lost, each on a generated document that shows it.

Every value of the named sections must come out right (score.py's rules); none may be
accepted wrong.  The seeds were picked because they show the layout, not because they pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.synth.generate import write
from tests.synth.scoring import SCORE_PY, load_score, score

CASES: dict[int, tuple[str, tuple[str, ...]]] = {
    2: (
        "three-line 合计 and 项目支出 beside 基本支出 over 小计/人员/公用",
        ("expenditure_by_economic",),
    ),
    70: (
        "continuation page with a blank column; 三、四、五 rows with no figures",
        ("expenditure_by_function", "expenditure_by_economic", "totals"),
    ),
    57: ("one-row 三公 table under labels wrapped over two lines", ("three_public",)),
    62: ("names only: two 项 of one name under a 款", ("expenditure_by_function",)),
    114: ("names only: a class name broken by the page end", ("expenditure_by_function",)),
    117: ("centred 公务用车购置费 beside wrapped 公务用车购置及/运行费", ("three_public",)),
    97: ("三公 table of dashes only", ("three_public",)),
    145: ("repeated header over a blank 基本支出 column", ("expenditure_by_function",)),
    1: ("project name broken by the page end", ("projects",)),
    5015: ("project name broken by the page end under a repeated header", ("projects",)),
    5060: ("三公 columns blank in every row, labels wrapped in tall cells", ("three_public",)),
    5030: ("one-row 三公 table with two figures, the other items blank", ("three_public",)),
    5019: ("unit caption above a 三公 header; blank item columns", ("three_public",)),
    5012: ("三公 items × funds, blank fund and item columns", ("three_public",)),
    5084: ("三公 last-year row of dashes; 运行维/护费 wrapped", ("three_public",)),
    5113: ("procurement kinds across with dashes under two kinds", ("procurement",)),
    5225: ("三公 items down the rows, a dash in every cell", ("three_public",)),
    5245: ("project name broken by the page end, unit name left of it", ("projects",)),
    5387: ("names only: 制造业 under 21598 is a 项, not 款 21502", ("expenditure_by_function",)),
    5004: ("the last project row alone on the next page, its name broken", ("projects",)),
    20295: ("三公 items × funds, 政府/性基/金 beside 小计, blank columns", ("three_public",)),
    20650: ("合计（千 / 元） wrapped around a one-line project header", ("projects",)),
    20653: ("单位名称 caption over an outline code column", ("expenditure_by_function",)),
    90069: ("indicator table continued headerless, indicator rows on top", ("projects",)),
    40108: ("三公 items × funds, dashes set right that their labels only graze", ("three_public",)),
    40045: ("the last project alone under a repeated two-line header", ("projects",)),
    40296: ("name tail under a repeated header; caption only on the first page", ("projects",)),
    60769: (
        "三公 items × funds, shrunk figures 5 pt apart; 2025年预 / 算数 wrapped round its row",
        ("three_public",),
    ),
    81501: ("三公 items × funds, 单位：元 caption right above 公务接待费", ("three_public",)),
    80356: ("unruled 三公 items down the rows, the last item 公务接待费 blank", ("three_public",)),
    92025: ("three-line 三公 table, every cell blank: no figure on any line", ("three_public",)),
    92036: ("三公 预算数 row of figures over a blank 决算数 row", ("three_public",)),
    92094: ("unruled 三公 items down the rows, every cell blank", ("three_public",)),
    92231: (
        "ruled 三公 table, every cell blank: the header stands over 决算数 alone",
        ("three_public",),
    ),
}


@pytest.mark.parametrize("seed", sorted(CASES))
def test_layout_class(seed: int, tmp_path: Path) -> None:
    if load_score() is None:
        pytest.skip(f"score.py not present at {SCORE_PY}")
    from extractors.pipeline import extract_document

    pdf = write(seed, tmp_path)
    want = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    sections = CASES[seed][1]
    want = {k: v for k, v in want.items() if k.split(".")[0] in sections}
    got = score(extract_document(pdf).model_dump(mode="json"), want)
    assert got.accepted_wrong == 0, got.wrongs
    assert got.correct == got.fields, (CASES[seed][0], got.missing[:5], got.wrongs[:5])


def test_budget_row_of_a_final_table_is_no_actual(tmp_path: Path) -> None:
    """A 决算 三公 table whose 决算数 row printed nothing (every item 0) beside a 预算数 row
    of 6.75 元; the narrative rounds to 0.0万元.  The budget must not become the actual,
    and a narrative zero must not confirm a figure."""
    if load_score() is None:
        pytest.skip(f"score.py not present at {SCORE_PY}")
    from extractors.pipeline import extract_document

    pdf = write(5543, tmp_path)
    want = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = {k: v for k, v in want.items() if k.startswith("three_public.")}
    got = score(extract_document(pdf).model_dump(mode="json"), want)
    assert got.accepted_wrong == 0 and got.wrong == 0, got.wrongs
