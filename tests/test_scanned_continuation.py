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
