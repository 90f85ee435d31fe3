"""Score an extraction against synthetic truth with the project's scorer (score.py).

score.py lives outside the repository (../shared/tools); `load_score()` returns None when it
is absent so callers can skip with a reason instead of failing.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

SCORE_PY = Path(__file__).resolve().parents[2].parent / "shared" / "tools" / "score.py"


@cache
def load_score() -> ModuleType | None:
    if not SCORE_PY.is_file():
        return None
    spec = importlib.util.spec_from_file_location("budget_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Score:
    fields: int = 0
    correct: int = 0
    wrong: int = 0
    accepted_wrong: int = 0
    review: int = 0
    # (path, got, want, status) of every wrong value; missing values are not listed
    wrongs: list[tuple[str, Any, Any, str | None]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    # section ("totals", "projects", ...) -> [fields, correct, wrong, accepted_wrong]
    sections: dict[str, list[int]] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        for k in ("fields", "correct", "wrong", "accepted_wrong", "review"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for name, counts in other.sections.items():
            mine = self.sections.setdefault(name, [0, 0, 0, 0])
            for i, n in enumerate(counts):
                mine[i] += n

    def tally(self, path: str, correct: bool, wrong: bool, accepted_wrong: bool) -> None:
        counts = self.sections.setdefault(path.split(".")[0], [0, 0, 0, 0])
        for i, flag in enumerate((True, correct, wrong, accepted_wrong)):
            counts[i] += flag

    @property
    def recall(self) -> float:
        return self.correct / self.fields if self.fields else 1.0


def score(doc: dict[str, Any], truth: dict[str, Any]) -> Score:
    """score.py's rules (lookup, same, accepted-wrong), keeping what went wrong."""
    sc = load_score()
    assert sc is not None, f"score.py not found at {SCORE_PY}"
    s = Score()
    for path, want in truth.items():
        s.fields += 1
        hit = sc.lookup(doc, path)
        if hit is None or hit[0] is None:
            s.missing.append(path)
            s.tally(path, False, False, False)
            continue
        got, status = hit
        s.review += status == "needs_review"
        right = bool(sc.same(got, want))
        accepted = not right and status in (None, "accepted")
        s.correct += right
        s.wrong += not right
        s.accepted_wrong += accepted
        s.tally(path, right, not right, accepted)
        if not right:
            s.wrongs.append((path, got, want, status))
    return s
