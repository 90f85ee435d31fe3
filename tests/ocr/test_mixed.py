"""Mixed pages: a typed title above a table pasted as a picture reads like the digital page.

The fixture (tests/fixtures/mixed_pages.py) pastes the tables of two pages of a golden PDF
as 150 dpi pictures and keeps every other character as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.pipeline import extract_document
from schemas import BudgetDocument, ReadMethod
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import build_mixed

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
SOURCE = GOLDEN / "pds2021_a_ruled_3col.pdf"
# 部门收支总体情况表 and 部门支出总体情况表: totals and the function classes.
PASTED = {4, 6}


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[BudgetDocument, BudgetDocument]:
    out = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    pasted = build_mixed(SOURCE, out, dpi=150, pages=PASTED)
    assert {p.page for p in pasted} == PASTED
    return extract_document(SOURCE), extract_document(out)


def test_pasted_pages_are_mixed_with_their_picture_as_a_region(
    mixed: tuple[BudgetDocument, BudgetDocument],
) -> None:
    _, doc = mixed
    for info in doc.document.pages:
        assert info.source == ReadMethod.pdf_text
        assert info.mixed == (info.page in PASTED), info
        if info.page in PASTED:
            (region,) = info.regions
            assert region.kind == "figure" and region.method == ReadMethod.ocr


def test_pasted_tables_give_the_digital_values(
    mixed: tuple[BudgetDocument, BudgetDocument],
) -> None:
    digital, doc = mixed
    want = {path: a for path, a in iter_amounts(digital)}
    got = {path: a for path, a in iter_amounts(doc)}
    read_from_pictures = [
        path
        for path, a in got.items()
        if any(s.method == ReadMethod.ocr and s.page in PASTED for s in a.sources)
    ]
    # The tables pasted hold the totals and ten function rows: all of them come back.
    assert len(read_from_pictures) >= 20
    assert set(want) == set(got)
    wrong = {p: (want[p].value, got[p].value) for p in want if got[p].value != want[p].value}
    assert not wrong
    # No printed figure on a pasted page comes from the text layer: the table is a picture.
    assert not [
        s
        for a in got.values()
        for s in a.sources
        if s.page in PASTED and s.text and s.method != ReadMethod.ocr
    ]
