from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REALDATA = ROOT.parent / "shared" / "realdata"
CN_BUDGET = REALDATA / "cn_budget"
GOLDEN = ROOT / "tests" / "data" / "golden"


@pytest.fixture(scope="session")
def cn_budget() -> Path:
    if not CN_BUDGET.is_dir():
        pytest.skip(f"real corpus not present at {CN_BUDGET}")
    return CN_BUDGET
