"""Score BudgetDocuments against the hand-checked truth in tests/data/real_truth/.

Used by the real-truth test and by benchmarks/real_truth_report.py.  The scoring is the
project's judge, ../shared/tools/score.py, loaded as it is (standard library only), so a
figure here is the figure the evaluation would print.
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRUTH_DIR = ROOT / "tests" / "data" / "real_truth"
SHARED = ROOT.parent / "shared"


def judge() -> ModuleType | None:
    """../shared/tools/score.py, or None where shared/ is absent."""
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("budgetlens_judge", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HOLDOUT_DIR = ROOT / "tests" / "data" / "real_truth_holdout"


def manifest(folder: Path = TRUTH_DIR) -> dict[str, Path]:
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    root = (ROOT / data["root"]).resolve()
    return {name: root / rel for name, rel in data["documents"].items()}


def truth(name: str, folder: Path = TRUTH_DIR) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((folder / f"{name}.truth.json").read_text(encoding="utf-8"))
    return loaded


@dataclass(slots=True)
class Scored:
    fields: int = 0
    correct: int = 0
    wrong: int = 0
    accepted_wrong: int = 0
    review: int = 0
    # (confidence, right) for every value found, for the reliability table
    pairs: list[tuple[float, bool]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, other: Scored) -> None:
        self.fields += other.fields
        self.correct += other.correct
        self.wrong += other.wrong
        self.accepted_wrong += other.accepted_wrong
        self.review += other.review
        self.pairs += other.pairs
        self.misses += other.misses

    @property
    def recall(self) -> float:
        return self.correct / self.fields if self.fields else 0.0

    @property
    def review_rate(self) -> float:
        return self.review / self.fields if self.fields else 0.0


def score(doc: dict[str, Any], want: dict[str, Any], scorer: ModuleType) -> Scored:
    out = Scored()
    for path, expected in want.items():
        out.fields += 1
        hit = scorer.lookup(doc, path)
        if hit is None or hit[0] is None:
            out.misses.append(f"{path}: missing (want {expected})")
            continue
        got, status = hit
        out.review += status == "needs_review"
        right = bool(scorer.same(got, expected))
        conf = _confidence(doc, path, scorer)
        if conf is not None:
            out.pairs.append((conf, right))
        if right:
            out.correct += 1
            continue
        out.wrong += 1
        out.accepted_wrong += status in (None, "accepted")
        out.misses.append(f"{path}: got {got} want {expected} [{status}]")
    return out


def _confidence(doc: dict[str, Any], path: str, scorer: ModuleType) -> float | None:
    """The Amount's confidence, found the way the judge finds its value."""
    saved = scorer.amount
    found: list[float] = []

    def capture(x: Any) -> Any:
        if isinstance(x, dict) and "confidence" in x:
            found.append(float(x["confidence"]))
        return saved(x)

    scorer.amount = capture
    try:
        scorer.lookup(doc, path)
    finally:
        scorer.amount = saved
    return found[0] if found else None


def reliability(pairs: list[tuple[float, bool]], bins: int = 10) -> tuple[list[str], float]:
    """Markdown rows of the reliability table and the expected calibration error."""
    rows = []
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, r) for c, r in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            rows.append(f"| {lo:.1f}–{hi:.1f} | 0 | | |")
            continue
        mean_conf = sum(c for c, _ in inside) / len(inside)
        accuracy = sum(r for _, r in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean_conf - accuracy)
        rows.append(f"| {lo:.1f}–{hi:.1f} | {len(inside)} | {mean_conf:.3f} | {accuracy:.3f} |")
    return rows, ece
