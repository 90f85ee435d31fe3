"""Fit the confidence calibration table from the fit part of the calibration data set.

    .venv/bin/python benchmarks/calibration_fit.py [--cache DIR] [--out FILE]

writes extractors/calibration/table.json unless --out says otherwise.

Per signal group (confirmed / unconfirmed / disputed x OCR / text layer, see
extractors/calibration/features.py) the values of the fit part are ordered by their raw
score and fitted by isotonic regression (pool adjacent violators), so the probability never
falls as the score rises.  Blocks of fewer than MIN_COUNT values are pooled with a
neighbour; each block's share of right values is smoothed towards its group's (PRIOR values'
worth) and held under (n + 1) / (n + 2), so a block with no error seen does not claim
certainty.  Held-out documents are never read here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.calibration_data import CACHE, Record, load  # noqa: E402
from extractors.calibration.table import TABLE_PATH  # noqa: E402

MIN_COUNT = 40
PRIOR = 4.0


@dataclass(slots=True)
class Pool:
    start: float
    n: float
    right: float

    @property
    def mean(self) -> float:
        return self.right / self.n


def isotonic(points: list[tuple[float, bool]]) -> list[Pool]:
    """Pool adjacent violators over (score, right), ties first pooled by score."""
    levels: dict[float, Pool] = {}
    for score, right in points:
        pool = levels.setdefault(score, Pool(score, 0.0, 0.0))
        pool.n += 1
        pool.right += right
    pools: list[Pool] = []
    for level in sorted(levels.values(), key=lambda p: p.start):
        pools.append(level)
        while len(pools) > 1 and pools[-2].mean >= pools[-1].mean:
            _merge_last(pools)
    return pools


def _merge_last(pools: list[Pool]) -> None:
    last = pools.pop()
    pools[-1].n += last.n
    pools[-1].right += last.right


def pool_small(pools: list[Pool]) -> list[Pool]:
    """Pool blocks under MIN_COUNT values into the next one (the last into the previous)."""
    out: list[Pool] = []
    carry: Pool | None = None
    for pool in pools:
        if carry is not None:
            pool = Pool(carry.start, carry.n + pool.n, carry.right + pool.right)
        carry = pool if pool.n < MIN_COUNT else None
        if carry is None:
            out.append(pool)
    if carry is not None:
        if out:
            out[-1].n += carry.n
            out[-1].right += carry.right
        else:
            out.append(carry)
    return out


def fit_group(points: list[tuple[float, bool]]) -> list[dict[str, float | int]]:
    prior = sum(r for _, r in points) / len(points)
    blocks = []
    floor = 0.0
    for pool in pool_small(isotonic(points)):
        p = (pool.right + PRIOR * prior) / (pool.n + PRIOR)
        # Never certain: no more than the rule of succession allows for the block's count.
        p = min(p, (pool.n + 1) / (pool.n + 2))
        floor = max(floor, p)  # smoothing must not undo the order
        blocks.append({"start": round(pool.start, 4), "p": round(floor, 4), "n": int(pool.n)})
    return blocks


def fit(records: list[Record]) -> dict[str, object]:
    by_group: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for r in records:
        by_group[r.evidence.group].append((round(r.evidence.score, 4), r.right))
    kinds = defaultdict(int)
    for r in records:
        kinds[f"{r.kind}/{'scanned' if r.scanned else 'digital'}"] += 1
    return {
        "version": time.strftime("%Y-%m-%d", time.gmtime()),
        "fitted_on": {
            "values": len(records),
            "documents": len({r.key for r in records}),
            "by_kind": dict(sorted(kinds.items())),
        },
        "method": f"isotonic per group, blocks >= {MIN_COUNT} values, smoothed by {PRIOR}",
        "groups": {g: fit_group(points) for g, points in sorted(by_group.items())},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    args = parser.parse_args()
    records = [r for r in load(args.cache) if r.split == "fit"]
    table = fit(records)
    args.out.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(table, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
