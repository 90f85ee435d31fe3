"""The real scans in shared/realdata (skipped when absent): no crash, orientation, rulings."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import OcrCache

pytestmark = pytest.mark.realdata

# (folder, file stem) -> per page: (rotation, has a ruled table), checked by eye.
EXPECTED = {
    ("015_长沙", "文化广电旅游体育局_2026年部门预算"): [(0, False), (90, True)],
    ("042_榆林", "信访局_2026年部门预算"): [(0, True), (0, True), (0, True)],
    ("042_榆林", "商务局_2026年部门预算"): [(0, False), (0, True), (0, True), (0, True)],
}


def test_real_scans(realdata_files: list[Path], ocr: OcrCache) -> None:
    seen = 0
    for path in realdata_files:
        expected = EXPECTED.get((path.parent.name, path.stem))
        if expected is None:
            continue
        for number, (rotation, ruled) in enumerate(expected, 1):
            page = ocr.page(path, number)
            where = f"{path.parent.name}/{path.name} p{number}"
            assert page.status == "ok", (where, page.reason)
            assert len(page.words) >= 10, where
            assert page.rotation == rotation, where
            if ruled:
                h = sum(1 for r in page.rulings if r.horizontal)
                v = len(page.rulings) - h
                assert h >= 4 and v >= 2, (where, h, v)
            seen += 1
    assert seen == sum(len(v) for v in EXPECTED.values())


def test_real_scan_table_reaches_the_grid_engine(realdata_files: list[Path], ocr: OcrCache) -> None:
    ruled = pytest.importorskip("extractors.tables.ruled")
    path = next((p for p in realdata_files if p.stem.startswith("信访局")), None)
    if path is None:
        pytest.skip("信访局 scan not present")
    tables = ruled.ruled_tables(ocr.page(path, 1))
    assert tables and max(t.n_rows for t in tables) >= 10
