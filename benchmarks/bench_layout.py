"""What layout costs per page: seals by colour, the CDLA model, beside the OCR of the page.

    python benchmarks/bench_layout.py [PDF ...] [--pages N] [--markdown FILE.md]

Default input: the golden PDFs scanned as an office copier does (tests/data/scanned/
build.py DOCUMENT_SCAN), first N pages each.  Per page, wall seconds of: rendering +
seal search (what every image page pays), the CDLA model (only with
BUDGETLENS_LAYOUT_ENGINE=cdla), and the page's OCR for scale; peak RSS of the process.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.truth_score import ROOT
from extractors.backends.text_layer import read_page
from extractors.layout.detect import page_regions
from extractors.model import Page
from extractors.ocr import ocr_page
from extractors.options import PipelineOptions

GOLDEN = ROOT / "tests" / "data" / "golden"


def scanned_inputs(tmp: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "tests" / "data" / "scanned"))
    from build import DOCUMENT_SCAN, scan_pdf  # type: ignore[import-not-found]

    out = []
    for pdf in sorted(GOLDEN.glob("*.pdf")):
        target = tmp / f"{pdf.stem}_scan.pdf"
        scan_pdf(pdf, target, DOCUMENT_SCAN)
        out.append(target)
    return out


def measure(pdfs: list[Path], pages: int) -> dict[str, list[float]]:
    import pdfplumber

    options = PipelineOptions(ocr_workers=1)
    times: dict[str, list[float]] = {"seals": [], "cdla": [], "ocr": []}
    for pdf in pdfs:
        with pdfplumber.open(str(pdf)) as doc:
            plain = [read_page(p, p.page_number, options) for p in doc.pages[:pages]]
        for page in plain:
            t = time.perf_counter()
            read = ocr_page(pdf, page, options)
            times["ocr"].append(time.perf_counter() - t)
            for engine, key in (("heuristic", "seals"), ("cdla", "cdla")):
                t = time.perf_counter()
                page_regions(pdf, read, 0, engine)
                times[key].append(time.perf_counter() - t)
    # The cdla figure includes the seal search: report the model alone.
    times["cdla"] = [c - s for c, s in zip(times["cdla"], times["seals"], strict=True)]
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--pages", type=int, default=3, help="first N pages of each file")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = args.pdfs or scanned_inputs(Path(tmp))
        # Load both models before timing: loading is paid once per process.
        page_regions(pdfs[0], read_page_first(pdfs[0]), 0, "cdla")
        times = measure(pdfs, args.pages)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        "# Layout cost per page (scanned pages)",
        "",
        f"commit {commit}, {platform.machine()} {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())}",
        "",
        "| stage | pages | median s | mean s | max s |",
        "|---|---|---|---|---|",
    ]
    for key, label in (("seals", "render 96 dpi + seals by colour"), ("cdla", "CDLA model"),
                       ("ocr", "OCR of the page (for scale)")):  # fmt: skip
        v = times[key]
        lines.append(
            f"| {label} | {len(v)} | {statistics.median(v):.3f} | {statistics.mean(v):.3f} "
            f"| {max(v):.3f} |"
        )
    lines += ["", f"Peak RSS of the process: {rss_mb:.0f} MB."]
    report = "\n".join(lines)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


def read_page_first(pdf: Path) -> Page:
    import pdfplumber

    with pdfplumber.open(str(pdf)) as doc:
        return read_page(doc.pages[0], 1, PipelineOptions())


if __name__ == "__main__":
    raise SystemExit(main())
