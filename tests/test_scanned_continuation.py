"""Generated tables continued over scanned pages read as the digital pages do (issue 10).

Each case is a class of loss found by scanning generated documents and comparing the scan
with the digital reading of the same document; traits are set, not drawn, so a case keeps
testing its class whatever the seed draws.  Only the tables of the case are scanned (an
OCR page costs some 70 times a text page).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.synth.scan_sheets import Readings, read_both
from tests.synth.scoring import SCORE_PY, load_score
from tests.synth.traits import plain

FUNCTION = ("expenditure_summary",)


def _read(seed: int, kinds: tuple[str, ...], tmp: Path, **traits: str | bool | int) -> Readings:
    if load_score() is None:
        pytest.skip(f"score.py not present at {SCORE_PY}")
    return read_both(seed, replace(plain(), **traits), kinds, tmp)  # type: ignore[arg-type]


def test_continued_outline_rows_keep_their_class_on_the_scan(tmp_path: Path) -> None:
    """A three-line 部门支出总表 over two pages, header repeated under "表3（续表）", codes as
    an outline: the continuation opens with "04 粮油储备" under the 222 that ends the first
    page.  The scan read the 续表 line as the table's first row, so the header did not
    repeat the first page's, the pages were not joined and those rows were lost."""
    got = _read(93002, FUNCTION, tmp_path, rules="three_line", split="repeat_header",
                codes="outline", header_rows=3, unit="万元", unit_place="title")  # fmt: skip
    assert len(got.pages) == 2, got.pages
    assert got.digital.correct == got.digital.fields, got.digital.missing[:5]
    assert got.scanned.accepted_wrong == 0, got.scanned.wrongs
    assert got.scan_only_misses() == [], got.scan_only_misses()[:6]


def test_a_title_read_into_the_scanned_grid_still_names_the_table(tmp_path: Path) -> None:
    """A three-line 基本支出决算表 with a one-row header on a scan: the title and the
    单位名称 line over it were read as the grid's top rows, so the table had no title, no
    kind, and none of its values were found."""
    traits = {"rules": "three_line", "split": "repeat_header", "codes": "names_only",
              "unit": "元", "kind": "final_accounts"}  # fmt: skip
    got = _read(93016, ("basic_expenditure_economic",), tmp_path, **traits)
    assert got.digital.correct == got.digital.fields, got.digital.missing[:5]
    assert got.scanned.accepted_wrong == 0, got.scanned.wrongs
    assert got.scan_only_misses() == [], got.scan_only_misses()[:6]


def test_a_continuation_whose_repeated_header_came_out_otherwise_is_joined(
    tmp_path: Path,
) -> None:
    """A three-line 支出经济分类汇总决算表 over two pages, header repeated under "表4(续表)": on
    the skewed scan the continuation's two header rows read as one ("基本支出人员经费") and
    部门经济分类 opened a column of its own, so it had 8 columns to the first page's 7 and
    none of its rows were joined.  Its body is printed in the first page's columns."""
    traits: dict[str, str | bool | int] = {"rules": "three_line", "header_rows": 2,
              "codes": "outline",
              "amount_align": "centre", "split": "repeat_header", "orientation": "rotated",
              "unit": "元", "unit_place": "footnote", "thousands": True,
              "kind": "final_accounts", "economic_summary": True}  # fmt: skip
    got = _read(93032, ("economic_classification_summary",), tmp_path, **traits)
    assert got.digital.correct == got.digital.fields, got.digital.missing[:5]
    assert got.scanned.accepted_wrong == 0, got.scanned.wrongs
    lost = {p.split(".")[1] for p in got.scan_only_misses()}
    assert not lost, sorted(lost)
