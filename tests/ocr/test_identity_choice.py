"""OCR readings settled by the table's own structure (issues #9, #10), on a real page.

北京 预算03表 (six-decimal 万元 figures in ~4.6 pt print) scanned alone with the scanned
real-truth benchmark's settings (150 dpi, noise, 1.5°): its 合计 heading reads as one
glyph, codes and figures lose single glyphs.  The rules are checked on the misreads seen
there, and the page end to end: the structure is recovered, the chosen readings are
figures the page prints, and none of them is accepted on the identity that chose it.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from types import ModuleType

import pytest

from extractors.backends.pdf_open import inspect_pdf
from extractors.model import Cell
from extractors.ocr.code_fragments import repaired_code_text
from extractors.ocr.code_neighbours import one_glyph_apart
from extractors.ocr.figure_variants import neighbours, regrouped, table_precision
from extractors.ocr.header_alias import one_glyph_heading
from extractors.options import PipelineOptions
from extractors.pipeline import DOCUMENT_STAGES, read_pages
from extractors.stages.state import DocumentState
from schemas import Status
from schemas.paths import iter_amounts

from .conftest import BEIJING, scan_beijing


def test_separators_follow_the_table_precision() -> None:
    assert regrouped("1.210.176000", 6) == "1,210.176000"
    assert regrouped("36369000", 6) == "36.369000"
    assert regrouped("145,993512", 6) == "145.993512"
    assert regrouped("89 400000", 6) == "89.400000"
    # A figure that lost a digit is not re-grouped: that is a change of digits.
    assert regrouped("16.40000", 6) is None
    assert table_precision(["3,138.093600", "16.440000", "1.000000"] * 3 + ["16.40000"]) == 6
    assert table_precision(["3,138.09", "16.4", "1"] * 3) is None


def test_one_glyph_neighbours_of_a_figure() -> None:
    assert "16.440000" in neighbours("16.40000", 6)  # a lost digit
    assert "89.400000" in neighbours("8%400000", 6)  # a digit read as a sign
    assert "528.992000" in neighbours("528.912000", 6)  # 9 read as 1
    assert all(len(t.rsplit(".", 1)[1]) == 6 for t in neighbours("528.912000", 6))
    assert "528.912000" not in neighbours("528.912000", 6)


def test_header_and_code_aliases() -> None:
    assert one_glyph_heading("基本变出") == "基本支出"
    assert one_glyph_heading("基本支出") is None  # already known
    assert one_glyph_heading("合计") is None  # too short to guess
    assert one_glyph_apart("2010901", "2010801") and one_glyph_apart("200801", "2010801")
    assert not one_glyph_apart("2080505", "2080566")  # two glyphs


def test_code_cells_garbled_around_the_code() -> None:
    # Seen on the 北京 06表 scan: a glyph doubled across a gap, the head of a code lost.
    assert repaired_code_text("302077-邮电费", 5) == "30207-邮电费"
    assert repaired_code_text("4-抚恤金", 5) == "30304-抚恤金"
    # Left alone: codes as printed, and repairs the lists do not confirm by name.
    assert repaired_code_text("30207-邮电费", 5) is None
    assert repaired_code_text("3021101-差旅费", 5) is None
    assert repaired_code_text("302077-办公费", 5) is None
    assert repaired_code_text("4-不在目录的名称", 5) is None


@dataclass(slots=True)
class Scanned:
    state: DocumentState
    printed: set[str]  # every figure the digital page prints


@pytest.fixture(scope="module")
def beijing_p3(tmp_path_factory: pytest.TempPathFactory, build_module: ModuleType) -> Scanned:
    out = scan_beijing(build_module, tmp_path_factory.mktemp("beijing") / "beijing_p3_150.pdf", [3])
    options = PipelineOptions()
    info = inspect_pdf(out, options.limits)
    results = read_pages(out, range(1, info.page_count + 1), options, None, ocr_workers=1)
    state = DocumentState(info=info, results=results, options=options)
    for stage in DOCUMENT_STAGES:
        state = stage(state)
    text = subprocess.run(
        ["pdftotext", "-layout", "-f", "3", "-l", "3", str(BEIJING), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return Scanned(state, set(text.split()))


def _chosen(state: DocumentState) -> list[Cell]:
    return [c for t in state.typed for c in t.table.cells if c.choice is not None]


@pytest.mark.realdata
def test_structure_recovered_from_the_scan(beijing_p3: Scanned) -> None:
    typed = next(t for t in beijing_p3.state.typed if t.title.startswith("预算03表"))
    # The 合计 heading is not read as 合计 on this scan; the rows' arithmetic names it.
    assert {"total", "basic", "project"} <= set(typed.roles)
    doc = beijing_p3.state.document
    assert doc is not None
    functions = {
        path.split(".")[1]
        for path, _ in iter_amounts(doc)
        if path.startswith("expenditure_by_function.")
    }
    # Codes misread by one glyph take the listed code of their printed name: few codes the
    # page does not print are left (codes misread by two glyphs, or with a garbled name).
    printed = {t.split("-")[0] for t in beijing_p3.printed if t[:7].isdigit()}
    assert {"2010801", "2010804", "2010805", "2010806", "2010850"} <= functions
    # 5 since bold_rows.py drops runs of strokes taken for rulings on this page: the rows
    # they cut read differently (one more code lost a glyph here: 13 printed codes found
    # for 14); on the whole document's scan no right value went wrong and seven came right.
    assert len(functions - printed) <= 5, sorted(functions - printed)


@pytest.mark.realdata
def test_chosen_readings_are_printed_figures(beijing_p3: Scanned) -> None:
    changed = [c for c in _chosen(beijing_p3.state) if c.choice and c.choice.replaced != c.text]
    assert len(changed) >= 3
    right = [c for c in changed if c.text in beijing_p3.printed]
    # Fewest-glyph readings are usually the printed ones; where both cells of a row were
    # misread the choice can be wrong, which is why it is never accepted on its own.
    assert len(right) >= 0.7 * len(changed), [(c.choice, c.text) for c in changed]


@pytest.mark.realdata
def test_no_value_accepted_on_the_identity_that_chose_it(beijing_p3: Scanned) -> None:
    chosen = {
        (c.page, c.row, c.col)
        for c in _chosen(beijing_p3.state)
        if c.choice is not None and c.choice.confirmed_by is None
    }
    doc = beijing_p3.state.document
    assert doc is not None and chosen
    touched = 0
    for path, amount in iter_amounts(doc):
        cells = {(s.page, s.row, s.col) for s in amount.sources}
        if cells & chosen:
            touched += 1
            assert amount.status == Status.needs_review, path
    assert touched >= 1
