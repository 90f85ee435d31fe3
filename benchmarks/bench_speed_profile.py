"""Where a scanned page's CPU goes: cProfile over 150 dpi scans of real truth documents.

    .venv/bin/python benchmarks/bench_speed_profile.py [--only yantai_audit ...]
        [--pages 3] [--top 10] [--markdown benchmarks/results/speed_profile.md]

The first pages of each document are rendered as noisy grey scans the way
tests/data/scanned/build.py does, then extracted in this process (one OCR worker, models
loaded before the clock starts) under cProfile.  Printed: CPU seconds per page and the
top functions by cumulative and by own CPU time, with the machine, commit and load.
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


def profile(pdfs: list[Path]) -> tuple[pstats.Stats, float, int]:
    from extractors.ocr.engines import load_ocr_engine
    from extractors.options import PipelineOptions
    from extractors.pipeline import extract_document

    load_ocr_engine("rapidocr")
    options = PipelineOptions(ocr_workers=1)
    pages = 0
    prof = cProfile.Profile(time.process_time)
    cpu = time.process_time()
    totals: list[int] = []
    for pdf in pdfs:
        prof.enable()
        extract_document(pdf, options, lambda done, total: totals.append(total))
        prof.disable()
        pages += totals[-1] if totals else 0
        totals.clear()
    return pstats.Stats(prof), time.process_time() - cpu, pages


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
        stats, cpu, pages = profile(scans(truth_pdfs(args.only), args.pages, Path(tmp)))
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    cols = ["function", "calls", "own CPU s", "cumulative CPU s"]
    report = "\n\n".join(
        [
            "## Scanned pages: CPU profile",
            f"{head}  Load average at the end: {load}.",
            f"`{' '.join(['python', *sys.argv])}`",
            f"{pages} pages ({', '.join(args.only)}; first {args.pages} of each), "
            f"{cpu:.2f} CPU-s in this process (profiler on): {cpu / max(pages, 1):.3f} s/page.",
            "By cumulative CPU:",
            md_table(cols, top(stats, "cumulative", args.top)),
            "By own CPU:",
            md_table(cols, top(stats, "tottime", args.top)),
        ]
    )
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
