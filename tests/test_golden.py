"""The golden corpus (tests/data/golden, built from the seeds): every truth value exact.

Amounts compared exactly in 元, as Decimals: the document's own (no JSON float on the way)
against the truth file's numbers read as Decimal; text normalised.  A wrong value must never
be `accepted`.
"""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.pipeline import extract_document
from tests.conftest import GOLDEN
from tests.pathvalues import value_at

TRUTHS = sorted(GOLDEN.glob("*.truth.json"))


def _norm(text: Any) -> Any:
    if isinstance(text, str):
        return unicodedata.normalize("NFKC", text).replace(" ", "")
    return text


def _decimal(value: Any) -> Decimal | None:
    """A number as the exact Decimal it was written as: a float from JSON (tests/ocr reads
    documents back from their JSON, where amounts are cents) by its shortest repr."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _truth(path: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
    return truth


def compare(doc: dict[str, Any], truth: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(mismatches, wrong-but-accepted) over the truth's paths."""
    wrong, wrong_accepted = [], []
    for path, expected in truth["values"].items():
        got = value_at(doc, path)
        if isinstance(got, dict) and "value" in got:
            want = _decimal(expected)
            ok = want is not None and _decimal(got["value"]) == want
            if not ok:
                wrong.append(f"{path}: got {got['value']} want {expected}")
                if got.get("status") == "accepted":
                    wrong_accepted.append(path)
        elif _norm(got) != _norm(expected):
            wrong.append(f"{path}: got {got!r} want {expected!r}")
    return wrong, wrong_accepted


@pytest.fixture(scope="module")
def extracted() -> dict[str, dict[str, Any]]:
    out = {}
    for truth_path in TRUTHS:
        doc = extract_document(GOLDEN / _truth(truth_path)["pdf"])
        # Python mode keeps amounts as the Decimals the pipeline made (JSON writes floats).
        out[truth_path.name] = doc.model_dump(exclude_none=True)
    return out


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_golden_values_exact(truth_path: Path, extracted: dict[str, dict[str, Any]]) -> None:
    wrong, wrong_accepted = compare(extracted[truth_path.name], _truth(truth_path))
    assert not wrong_accepted, f"wrong values accepted: {wrong_accepted}"
    assert not wrong, "\n".join(wrong)


def test_golden_corpus_is_present() -> None:
    assert len(TRUTHS) >= 6, "tests/data/golden is incomplete: run tests/data/golden/build.py"
