"""The fitted calibration table: well-formed, monotone, and what the pipeline applies."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from extractors.calibration.table import TABLE_PATH, load_table
from extractors.confidence import UNCONFIRMED_CONFIDENCE
from extractors.pipeline import extract_document
from schemas import Status
from schemas.paths import iter_amounts

ROOT = Path(__file__).resolve().parents[2]
EVIDENCE = ("confirmed", "unconfirmed", "doubted", "disputed")
GROUPS = {f"{e}/{m}" for e in EVIDENCE for m in ("text", "ocr")}


def test_the_table_is_versioned_and_covers_every_group() -> None:
    raw = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    assert raw["version"] and raw["fitted_on"]["values"] > 0
    assert set(load_table().groups) == GROUPS


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_each_group_is_monotone_in_the_score(group: str) -> None:
    blocks = load_table().groups[group]
    assert blocks
    assert all(a.start < b.start for a, b in itertools.pairwise(blocks))
    assert all(a.p <= b.p for a, b in itertools.pairwise(blocks))
    assert all(0.0 < b.p < 1.0 and b.n > 0 for b in blocks)


def test_confirmed_values_rank_above_unconfirmed_ones() -> None:
    table = load_table()
    for method in ("text", "ocr"):
        confirmed = table.groups[f"confirmed/{method}"][-1].p
        assert confirmed > table.groups[f"unconfirmed/{method}"][-1].p
        assert confirmed > table.groups[f"disputed/{method}"][-1].p
        assert confirmed > table.groups[f"doubted/{method}"][-1].p


def test_a_real_document_gets_the_fitted_confidences(cn_budget: Path) -> None:
    manifest = json.loads((ROOT / "tests/data/real_truth/manifest.json").read_text("utf-8"))
    pdf = cn_budget / manifest["documents"]["shanghai_audit"]
    doc = extract_document(pdf)
    fitted = {b.p for blocks in load_table().groups.values() for b in blocks}
    amounts = list(iter_amounts(doc))
    assert len(amounts) > 100
    # Every number a person sees is one of the table's: the mapping, not the old formula.
    assert {a.confidence for _, a in amounts} <= fitted | {UNCONFIRMED_CONFIDENCE}
    confirmed = load_table().groups["confirmed/text"][-1].p
    accepted = [a for _, a in amounts if a.status == Status.accepted]
    assert accepted and all(a.confidence >= doc.review.threshold for a in accepted)
    assert sum(a.confidence == confirmed for a in accepted) > len(accepted) / 2
