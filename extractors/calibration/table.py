"""The fitted calibration table (table.json), loaded once, applied to each value's Evidence.

Per signal group (confirmed or not, OCR or text layer) the table lists blocks of the raw
score, each with the share of values in it that were right on the fit data (smoothed, see
benchmarks/calibration_fit.py).  Within a group the probabilities never fall as the score
rises, so every signal keeps its direction: more evidence never lowers confidence, more
doubt never raises it.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.calibration.features import Evidence

TABLE_PATH = Path(__file__).with_name("table.json")


@dataclass(frozen=True, slots=True)
class Block:
    start: float  # the lowest raw score in the block; the block runs to the next one's start
    p: float  # probability that a value of this block is right
    n: int  # fit values in the block


@dataclass(frozen=True, slots=True)
class CalibrationTable:
    version: str
    groups: dict[str, tuple[Block, ...]]

    def probability(self, ev: Evidence) -> float:
        blocks = self.groups.get(ev.group)
        if not blocks:  # a group the fit never saw: the raw score as log-odds
            return 1.0 / (1.0 + math.exp(-ev.score))
        starts = [b.start for b in blocks]
        # Below the first block: the lowest probability the group has.
        i = max(0, bisect.bisect_right(starts, ev.score) - 1)
        return blocks[i].p


def parse_table(raw: dict[str, object]) -> CalibrationTable:
    groups = raw["groups"]
    assert isinstance(groups, dict)
    return CalibrationTable(
        version=str(raw["version"]),
        groups={
            name: tuple(Block(float(b["start"]), float(b["p"]), int(b["n"])) for b in blocks)
            for name, blocks in groups.items()
        },
    )


@cache
def load_table(path: Path = TABLE_PATH) -> CalibrationTable:
    return parse_table(json.loads(path.read_text(encoding="utf-8")))


def calibrated(ev: Evidence) -> float:
    return load_table().probability(ev)
