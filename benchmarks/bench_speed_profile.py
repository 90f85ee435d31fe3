"""Where a scanned page's CPU goes: cProfile over 150 dpi scans of real truth documents.

    .venv/bin/python benchmarks/bench_speed_profile.py [--only yantai_audit ...]
        [--pages 3] [--top 20] [--markdown benchmarks/results/speed_profile.md]

The first pages of each document are rendered as noisy grey scans the way
tests/data/scanned/build.py does, then extracted in this process (one OCR worker, models
loaded before the clock starts) under cProfile, twice: with the text detector on the whole
page (as before ocr/det_window.py) and on the inked window, alternating per document.
Printed per mode: CPU seconds per page and the top functions by cumulative and by own CPU
time, with the machine, commit and load.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "data" / "scanned")]

TRUTH = ROOT / "tests" / "data" / "real_truth"


def truth_pdfs(names: list[str]) -> list[Path]:
    manifest = json.loads((TRUTH / "manifest.json").read_text(encoding="utf-8"))
    root = (ROOT / manifest["root"]).resolve()  # relative to the checkout
    return [root / manifest["documents"][n] for n in names]


def speed_subset(n_docs: int) -> list[Path]:
    """bench_speed.py's scanned documents: every k-th of the digital corpus."""
    import bench_pipeline as bp

    docs = bp.digital_corpus()
    return [d.path for d in docs[:: max(1, len(docs) // max(n_docs, 1))][:n_docs]]


def scans(pdfs: list[Path], pages: int, tmp: Path) -> list[Path]:
    from build import DOCUMENT_SCAN, scan_pdf  # type: ignore[import-not-found]

    wanted = list(range(1, pages + 1))
    return [
        Path(scan_pdf(pdf, tmp / f"scan{i}.pdf", DOCUMENT_SCAN, pages_wanted=wanted))
        for i, pdf in enumerate(pdfs)
    ]


@dataclass
class Run:
    stats: pstats.Stats
    cpu: float
    pages: int
    per_doc: list[float]  # CPU seconds per page of each document


def profile(pdfs: list[Path]) -> dict[str, Run]:
    """Per mode ("full scale": the detector at its full scale on every page, as before
    det_scale.py; "large type shrunk"): the profile and CPU seconds.  The modes alternate
    per document, so that a change in the machine's load hits both."""
    from extractors.ocr import quad_reading
    from extractors.ocr.engines import load_ocr_engine
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    load_ocr_engine("rapidocr")
    options = PipelineOptions(ocr_workers=1)
    real = quad_reading.shrink_factor
    shrink: dict[str, Callable[[np.ndarray], float]] = {
        "full scale": lambda gray: 1.0,
        "large type shrunk": real,
    }
    profs = {mode: cProfile.Profile(time.process_time) for mode in shrink}
    per_doc: dict[str, list[float]] = {mode: [] for mode in shrink}
    cpu = dict.fromkeys(shrink, 0.0)
    pages = dict.fromkeys(shrink, 0)
    totals: list[int] = []
    for i, pdf in enumerate(pdfs):
        modes = list(shrink) if i % 2 == 0 else list(shrink)[::-1]
        for mode in modes:
            quad_reading.shrink_factor = shrink[mode]
            start = time.process_time()
            profs[mode].enable()
            extract_document(pdf, options, lambda done, total: totals.append(total))
            profs[mode].disable()
            n = totals[-1] if totals else 0
            cpu[mode] += time.process_time() - start
            per_doc[mode].append((time.process_time() - start) / max(n, 1))
            pages[mode] += n
            totals.clear()
    quad_reading.shrink_factor = real
    return {m: Run(pstats.Stats(profs[m]), cpu[m], pages[m], per_doc[m]) for m in shrink}


def top(stats: pstats.Stats, key: str, n: int) -> list[list[object]]:
    stats.sort_stats(key)
    out: list[list[object]] = []
    raw = stats.stats  # type: ignore[attr-defined]
    for func in stats.fcn_list[:n]:  # type: ignore[attr-defined]
        _, calls, own, cum, _ = raw[func]
        file, line, name = func
        where = f"{Path(file).name}:{line}({name})" if line else name
        out.append([where, calls, f"{own:.2f}", f"{cum:.2f}"])
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="+", help="real truth documents instead")
    parser.add_argument("--docs", type=int, default=8)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    from peers import md_table, stamp

    head = stamp()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = truth_pdfs(args.only) if args.only else speed_subset(args.docs)
        runs = profile(scans(pdfs, args.pages, Path(tmp)))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    cols = ["function", "calls", "own CPU s", "cumulative CPU s"]
    parts = [
        "## Scanned pages: CPU profile, detector at full scale vs large type shrunk",
        f"{head}  Load average at the end: {load}.",
        f"`{' '.join(['python', *sys.argv])}`",
        f"{', '.join(p.name for p in pdfs)}: first {args.pages} pages of each, as 150 dpi "
        "scans; one process, one OCR worker; the two modes alternate per document.",
    ]
    for mode, run in runs.items():
        parts += [
            f"### {mode}: {run.pages} pages, {run.cpu:.2f} CPU-s (profiler on), "
            f"{run.cpu / max(run.pages, 1):.3f} CPU-s/page overall, median over documents "
            f"{statistics.median(run.per_doc):.3f}",
            "By cumulative CPU:",
            md_table(cols, top(run.stats, "cumulative", args.top)),
            "By own CPU:",
            md_table(cols, top(run.stats, "tottime", args.top // 2)),
        ]
    report = "\n\n".join(parts)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
