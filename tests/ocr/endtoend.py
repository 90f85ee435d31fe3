"""Scanned documents end to end: scan a digital PDF, extract both, compare values by path.

Shared by tests/ocr/test_endtoend.py and benchmarks (run this file to print the numbers):

    python -m tests.ocr.endtoend [golden|real]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pypdfium2 as pdfium

from extractors.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[2]
# `pytest tests/ocr` (rather than `python -m pytest`) puts tests/, not the repository, on
# sys.path; the answer-key helpers are imported as `tests.…`.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
GOLDEN = ROOT / "tests/data/golden"
REALDATA = ROOT.parent / "shared/realdata/cn_budget/renwu_2026_city_budgets"
# Five real budgets from different cities and table styles, a few table pages each
# (pages from the corpus's page index: the financial tables with a unit line).
REAL_PAGES: dict[str, list[int]] = {
    "001_上海/2026年上海市审计局_部门预算.pdf": [7, 8, 13, 19],
    "004_重庆/2026年重庆市水利局部门预算.pdf": [12, 13, 18],
    "020_西安/2026年西安市财政局部门预算.pdf": [25, 26, 27],
    "025_烟台/2026年烟台市审计局部门预算.pdf": [8, 9, 10],
    "035_昆明/2026年昆明市信访局部门预算.pdf": [5, 6, 7],
}
# Lists of items keyed like the contract's dotted paths (tests/pathvalues.py).
_KEYS = {
    "expenditure_by_function": "code",
    "expenditure_by_economic": "code",
    "basic_expenditure_by_economic": "code",
    "projects": "name",
}


@dataclass(slots=True)
class Score:
    """Values compared by path: how many, how many wrong, wrong and accepted, in review."""

    total: int = 0
    wrong: list[str] = field(default_factory=list)
    wrong_accepted: list[str] = field(default_factory=list)
    amounts: int = 0
    review: int = 0

    def add(self, other: Score) -> None:
        self.total += other.total
        self.wrong += other.wrong
        self.wrong_accepted += other.wrong_accepted
        self.amounts += other.amounts
        self.review += other.review

    @property
    def accuracy(self) -> float:
        return 1.0 - len(self.wrong) / max(1, self.total)

    @property
    def review_rate(self) -> float:
        return self.review / max(1, self.amounts)


def extract_json(path: Path) -> dict[str, Any]:
    return json.loads(extract_document(path).model_dump_json(exclude_none=True))


def amounts(doc: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(dotted path, amount) for every amount in a document's JSON (tables excluded)."""

    def walk(node: Any, path: str) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(node, dict):
            if "value" in node and isinstance(node.get("value"), (int, float)):
                yield path, node
                return
            for k, v in node.items():
                yield from walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            key = _KEYS.get(path.split(".")[0])
            for i, item in enumerate(node):
                name = str(item.get(key)) if key and isinstance(item, dict) else str(i)
                yield from walk(item, f"{path}.{name}")

    for head, node in doc.items():
        if head not in ("tables", "findings", "review", "schema_version"):
            yield from walk(node, head)


def compare_amounts(got: dict[str, Any], key: dict[str, Any]) -> Score:
    """Every amount of the answer key, looked up by path in `got`."""
    found = dict(amounts(got))
    score = Score()
    for path, want in amounts(key):
        score.total += 1
        have = found.get(path)
        if have is not None:
            score.amounts += 1
            score.review += have.get("status") == "needs_review"
        if have is None or round(have["value"], 2) != round(want["value"], 2):
            score.wrong.append(f"{path}: got {have and have['value']} want {want['value']}")
            if have is not None and have.get("status") == "accepted":
                score.wrong_accepted.append(path)
    return score


def score_golden(name: str, doc: dict[str, Any]) -> Score:
    """Like tests/test_golden.py: every truth value by path."""
    from tests.pathvalues import value_at
    from tests.test_golden import compare

    truth = json.loads((GOLDEN / f"{name}.truth.json").read_text(encoding="utf-8"))
    wrong, wrong_accepted = compare(doc, truth)
    score = Score(total=len(truth["values"]), wrong=wrong, wrong_accepted=wrong_accepted)
    for path in truth["values"]:
        got = value_at(doc, path)
        if isinstance(got, dict) and "value" in got:
            score.amounts += 1
            score.review += got.get("status") == "needs_review"
    return score


def page_subset(source: Path, pages: list[int], out: Path) -> Path:
    """A digital PDF of just these 1-based pages (the answer key's input)."""
    src = pdfium.PdfDocument(str(source))
    dst = pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, [p - 1 for p in pages])
        dst.save(str(out))
    finally:
        dst.close()
        src.close()
    return out


def run_golden(build: ModuleType, out_dir: Path) -> dict[str, Score]:
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = {}
    for truth_path in sorted(GOLDEN.glob("*.truth.json")):
        name = truth_path.name.split(".")[0]
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        scan = build.scan_pdf(GOLDEN / truth["pdf"], out_dir / f"{name}.pdf", build.DOCUMENT_SCAN)
        scores[name] = score_golden(name, extract_json(scan))
    return scores


def run_real(build: ModuleType, out_dir: Path) -> dict[str, Score]:
    out_dir.mkdir(parents=True, exist_ok=True)
    scores = {}
    for i, (rel, pages) in enumerate(REAL_PAGES.items()):
        source = REALDATA / rel
        digital = page_subset(source, pages, out_dir / f"real{i}_digital.pdf")
        scan = build.scan_pdf(source, out_dir / f"real{i}_scan.pdf", build.DOCUMENT_SCAN, 11, pages)
        scores[rel] = compare_amounts(extract_json(scan), extract_json(digital))
    return scores


def report(scores: dict[str, Score]) -> Score:
    total = Score()
    for name, s in scores.items():
        total.add(s)
        print(
            f"{name}: {s.total - len(s.wrong)}/{s.total} wrong_accepted={len(s.wrong_accepted)} "
            f"review={s.review}/{s.amounts}"
        )
        for w in s.wrong[:12]:
            print("    ", w, "[ACCEPTED]" if w.split(":")[0] in s.wrong_accepted else "")
    print(
        f"TOTAL {total.total - len(total.wrong)}/{total.total} = {100 * total.accuracy:.2f}% "
        f"wrong_accepted={len(total.wrong_accepted)} review rate={100 * total.review_rate:.1f}%"
    )
    return total


if __name__ == "__main__":
    import tempfile

    from tests.ocr.conftest import load_build

    which = sys.argv[1] if len(sys.argv) > 1 else "golden"
    tmp = Path(tempfile.mkdtemp(prefix="e2e_"))
    run = run_golden if which == "golden" else run_real
    report(run(load_build(), tmp))
