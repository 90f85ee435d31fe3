"""Mixed pages: titles as text, every table pasted as a picture, against the digital file.

    python benchmarks/bench_mixed.py [--dpi 150] [--only NAME ...] [--markdown FILE.md]

For each golden PDF and a few real budgets (tests/data/real_truth/manifest.json), writes
the mixed rendering (tests/fixtures/mixed_pages.py) and the same rebuild with nothing
pasted, extracts the original, the rebuild and the mixed file, and compares every value
of the original's output with the mixed file's (same path, same value in 元):
recall = share of the digital values found alike, wrong = found with another value,
accepted wrong = of those, marked accepted.  The rebuild row shows the rebuild itself
reads like the original (so a difference is the pictures' doing).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.truth_score import ROOT, TRUTH_DIR, manifest
from extractors.pipeline import extract_document
from schemas import BudgetDocument
from schemas.paths import iter_amounts
from tests.fixtures.mixed_pages import build_mixed

GOLDEN = ROOT / "tests" / "data" / "golden"
# Five provinces' templates: Shandong, Fujian, Yunnan, Zhejiang, Shaanxi.
REAL = ["yantai_audit", "quanzhou_gov_office", "kunming_petition", "huzhou_finance",
        "xian_emergency"]  # fmt: skip


@dataclass(slots=True)
class Compared:
    values: int = 0
    alike: int = 0
    wrong: int = 0
    accepted_wrong: int = 0
    review: int = 0
    found: int = 0

    def add(self, other: Compared) -> None:
        for name in Compared.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.alike / self.values if self.values else 1.0

    @property
    def review_rate(self) -> float:
        return self.review / self.found if self.found else 0.0


def values(doc: BudgetDocument) -> dict[str, tuple[Decimal, str]]:
    return {path: (a.value, a.status.value) for path, a in iter_amounts(doc)}


def compare(digital: BudgetDocument, other: BudgetDocument) -> Compared:
    want, got = values(digital), values(other)
    out = Compared(values=len(want), found=len(got))
    out.review = sum(1 for _, status in got.values() if status == "needs_review")
    for path, (value, _) in want.items():
        if path not in got:
            continue
        if got[path][0] == value:
            out.alike += 1
        else:
            out.wrong += 1
            out.accepted_wrong += got[path][1] == "accepted"
    return out


def sources() -> dict[str, Path]:
    docs = {p.stem: p for p in sorted(GOLDEN.glob("*.pdf"))}
    real = manifest(TRUTH_DIR)
    docs.update({name: real[name] for name in REAL if name in real})
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=150, help="resolution of the pictures")
    parser.add_argument("--only", nargs="*", help="document names (default: all)")
    parser.add_argument("--markdown", type=Path, help="write the report here as well")
    args = parser.parse_args()
    lines = _header(args.dpi)
    totals = {"rebuild": Compared(), "mixed": Compared()}
    with tempfile.TemporaryDirectory() as tmp:
        for name, pdf in sources().items():
            if args.only and name not in args.only:
                continue
            mixed, rebuilt = Path(tmp) / f"{name}_mixed.pdf", Path(tmp) / f"{name}_rebuilt.pdf"
            pasted = build_mixed(pdf, mixed, args.dpi, rebuilt)
            digital = extract_document(pdf)
            for label, path in (("rebuild", rebuilt), ("mixed", mixed)):
                started = time.perf_counter()
                result = compare(digital, extract_document(path))
                seconds = time.perf_counter() - started
                totals[label].add(result)
                lines.append(_row(f"{name} {label}", len(pasted), result, seconds))
            print(lines[-2], lines[-1], sep="\n", flush=True)
    lines += [_row(f"**all {label}**", 0, r, None) for label, r in totals.items()]
    report = "\n".join(lines)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


def _header(dpi: int) -> list[str]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return [
        f"# Mixed pages (tables pasted as {dpi} dpi pictures) against the digital file",
        "",
        f"commit {commit}, {platform.machine()} {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| document | tables pasted | digital values | recall | wrong | accepted wrong "
        "| review rate | seconds |",
        "|---|---|---|---|---|---|---|---|",
    ]


def _row(name: str, pasted: int, r: Compared, seconds: float | None) -> str:
    took = f"{seconds:.1f}" if seconds is not None else ""
    return (
        f"| {name} | {pasted or ''} | {r.values} | {r.recall:.3f} | {r.wrong} "
        f"| {r.accepted_wrong} | {r.review_rate:.3f} | {took} |"
    )


if __name__ == "__main__":
    raise SystemExit(main())
