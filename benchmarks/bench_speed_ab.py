"""Scanned and digital seconds per page: this tree against an earlier commit, same run.

    .venv/bin/python benchmarks/bench_speed_ab.py [--before efd34b3] [--scanned-docs 3]
        [--scanned-pages 3] [--digital-docs 4] [--markdown benchmarks/results/speed_ab.md]

The earlier commit is checked out as a detached `git worktree` (kept under /tmp between
runs) and both trees read the very same files with the shared venv: scanned pages rendered
as 150 dpi noisy grey scans the way tests/data/scanned/build.py does, and real digital
budgets.  Each tree runs in its own fresh process (one OCR worker, models loaded before
the clock starts), before and after alternating per document so that a change in the
machine's load hits both.  Per page: wall and CPU seconds from the progress callback
(CPU covers every thread of the process, so it is the figure to trust on a loaded
machine); per process: peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "data" / "scanned"))


@dataclass(slots=True)
class Side:
    """One tree's figures over all documents of one kind."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)


def probe(root: Path, pdfs: list[Path]) -> dict[str, object]:
    """Run in the child: extract `pdfs` with the code under `root`, per-page times."""
    import resource

    import bench_pipeline as bp

    # After bench_pipeline, which puts this tree first on the path.
    sys.path.insert(0, str(root))
    from extractors.ocr.engines import load_ocr_engine

    load_ocr_engine("rapidocr")
    wall: list[float] = []
    cpu: list[float] = []
    for pdf in pdfs:
        run = bp.time_document(pdf)
        wall += run.page_wall
        cpu += run.page_cpu
    import extractors

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall": wall, "cpu": cpu, "rss_mb": rss, "code": extractors.__file__}


def run_probe(root: Path, pdfs: list[Path]) -> dict[str, object]:
    env = dict(os.environ, BUDGETLENS_OCR_WORKERS="1")
    out = subprocess.run(
        [sys.executable, __file__, "--probe", str(root), *map(str, pdfs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=root,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    if not str(result["code"]).startswith(str(root)):
        raise RuntimeError(f"{root}: imported {result['code']}, not this tree")
    return result


def before_tree(ref: str) -> Path:
    tree = Path(tempfile.gettempdir()) / f"budgetlens-before-{ref}"
    if not tree.exists():
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref],
            check=True,
            capture_output=True,
        )
    return tree


def scanned_inputs(n_docs: int, n_pages: int, tmp: Path) -> list[Path]:
    import bench_pipeline as bp
    from build import DOCUMENT_SCAN, scan_pdf  # type: ignore[import-not-found]

    docs = bp.digital_corpus()
    step = max(1, len(docs) // max(n_docs, 1))
    out = []
    for i, doc in enumerate(docs[::step][:n_docs]):
        pages = list(range(1, min(n_pages, doc.pages) + 1))
        out.append(scan_pdf(doc.path, tmp / f"scan{i}.pdf", DOCUMENT_SCAN, pages_wanted=pages))
    return out


def digital_inputs(n_docs: int) -> list[Path]:
    import bench_pipeline as bp

    docs = sorted(bp.digital_corpus(), key=lambda d: d.pages)
    # Small to large, evenly spread: the long files alone would take the run's hour.
    step = max(1, len(docs) // max(n_docs, 1))
    return [d.path for d in docs[::step][:n_docs]]


def measure(trees: dict[str, Path], pdfs: list[Path]) -> dict[str, Side]:
    sides = {label: Side() for label in trees}
    for i, pdf in enumerate(pdfs):
        order = list(trees.items())
        for label, tree in order if i % 2 == 0 else order[::-1]:
            got = run_probe(tree, [pdf])
            side = sides[label]
            side.wall += got["wall"]  # type: ignore[arg-type]
            side.cpu += got["cpu"]  # type: ignore[arg-type]
            side.rss_mb.append(float(got["rss_mb"]))  # type: ignore[arg-type]
            print(f"{label} {pdf.name}: {got['wall']}", file=sys.stderr, flush=True)
    return sides


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def rows(kind: str, sides: dict[str, Side]) -> list[list[object]]:
    out: list[list[object]] = []
    for label, s in sides.items():
        out.append(
            [
                kind,
                label,
                len(s.wall),
                f"{statistics.median(s.wall):.3f}",
                f"{p95(s.wall):.3f}",
                f"{statistics.median(s.cpu):.3f}",
                f"{p95(s.cpu):.3f}",
                f"{max(s.rss_mb):.0f}",
            ]
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--before", default="efd34b3", help="commit to compare with")
    parser.add_argument("--scanned-docs", type=int, default=3)
    parser.add_argument("--scanned-pages", type=int, default=3)
    parser.add_argument("--digital-docs", type=int, default=4)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    if args.probe:
        root, *pdfs = args.probe
        print(json.dumps(probe(Path(root), [Path(p) for p in pdfs])))
        return 0
    from peers import md_table, stamp

    head = stamp()
    trees = {f"before ({args.before})": before_tree(args.before), "this tree": ROOT}
    table: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        scans = scanned_inputs(args.scanned_docs, args.scanned_pages, Path(tmp))
        table += rows("scanned 150 dpi", measure(trees, scans))
    if args.digital_docs:
        table += rows("digital", measure(trees, digital_inputs(args.digital_docs)))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    cols = ["input", "code", "pages", "median wall s/page", "p95 wall", "median CPU s/page"]
    cols += ["p95 CPU", "peak RSS MB"]
    report = "\n\n".join(
        [
            "## Seconds per page, side by side in one run",
            f"{head}  Load average at the end: {load}.",
            f"`{' '.join(['python', *sys.argv])}`",
            md_table(cols, table),
        ]
    )
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
