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
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "data" / "scanned")]

TRUTH = ROOT / "tests" / "data" / "real_truth"
DEFAULT_DOCS = ["yantai_audit", "huzhou_finance", "kunming_petition", "shenzhen_audit"]


def truth_pdfs(names: list[str]) -> list[Path]:
    manifest = json.loads((TRUTH / "manifest.json").read_text(encoding="utf-8"))
    root = (ROOT / manifest["root"]).resolve()  # relative to the checkout
    return [root / manifest["documents"][n] for n in names]


def scans(pdfs: list[Path], pages: int, tmp: Path) -> list[Path]:
    from build import DOCUMENT_SCAN, scan_pdf  # type: ignore[import-not-found]

    wanted = list(range(1, pages + 1))
    return [
        Path(scan_pdf(pdf, tmp / f"scan{i}.pdf", DOCUMENT_SCAN, pages_wanted=wanted))
        for i, pdf in enumerate(pdfs)
    ]


def profile(pdfs: list[Path]) -> dict[str, tuple[pstats.Stats, float, int]]:
    """Per mode ("whole page": the detector sees every pixel, as before det_window.py;
    "ink window"): the profile, CPU seconds and pages.  The modes alternate per document,
    so that a change in the machine's load hits both."""
    from extractors.ocr import det_window
    from extractors.ocr.engines import load_ocr_engine
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    load_ocr_engine("rapidocr")
    options = PipelineOptions(ocr_workers=1)
    shares = {"whole page": 0.0, "ink window": det_window.MAX_SHARE}
    profs = {mode: cProfile.Profile(time.process_time) for mode in shares}
    cpu = dict.fromkeys(shares, 0.0)
    pages = dict.fromkeys(shares, 0)
    totals: list[int] = []
    for i, pdf in enumerate(pdfs):
        modes = list(shares) if i % 2 == 0 else list(shares)[::-1]
        for mode in modes:
            det_window.MAX_SHARE = shares[mode]
            start = time.process_time()
            profs[mode].enable()
            extract_document(pdf, options, lambda done, total: totals.append(total))
            profs[mode].disable()
            cpu[mode] += time.process_time() - start
            pages[mode] += totals[-1] if totals else 0
            totals.clear()
    return {m: (pstats.Stats(profs[m]), cpu[m], pages[m]) for m in shares}


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
    parser.add_argument("--only", nargs="+", default=DEFAULT_DOCS)
    parser.add_argument("--pages", type=int, default=3)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    from peers import md_table, stamp

    head = stamp()
    with tempfile.TemporaryDirectory() as tmp:
        runs = profile(scans(truth_pdfs(args.only), args.pages, Path(tmp)))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    cols = ["function", "calls", "own CPU s", "cumulative CPU s"]
    parts = [
        "## Scanned pages: CPU profile, detector on the whole page vs on the ink window",
        f"{head}  Load average at the end: {load}.",
        f"`{' '.join(['python', *sys.argv])}`",
        f"{', '.join(args.only)}: first {args.pages} pages of each, as 150 dpi scans; one "
        "process, one OCR worker; the two modes alternate per document.",
    ]
    for mode, (stats, cpu, pages) in runs.items():
        parts += [
            f"### {mode}: {pages} pages, {cpu:.2f} CPU-s (profiler on), "
            f"{cpu / max(pages, 1):.3f} CPU-s/page",
            "By cumulative CPU:",
            md_table(cols, top(stats, "cumulative", args.top)),
            "By own CPU:",
            md_table(cols, top(stats, "tottime", args.top // 2)),
        ]
    report = "\n\n".join(parts)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
