"""Seconds per scanned page (median, p95), peak RSS and amount accuracy for the OCR stage.

    python benchmarks/bench_ocr.py [--realdata] [--repeat N] [PDF ...]

Builds the synthetic scans (tests/data/scanned/build.py) into a temp folder; --realdata
adds the real scans from shared/realdata; extra PDFs are OCR'd page by page.  Amount
accuracy is measured on the synthetic scans against the digital source's words.  The
load average is printed too: other work on the machine inflates every number here.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.model import Page  # noqa: E402
from extractors.ocr import get_engine, ocr_page  # noqa: E402
from extractors.ocr.numbers import is_amount, normalize_amount  # noqa: E402
from extractors.options import PipelineOptions  # noqa: E402

REALDATA = ROOT.parent / "shared/realdata/cn_budget/renwu_2026_city_budgets/_scanned_not_budget"
AMOUNT_X0 = 280.0


def load_build():  # type: ignore[no-untyped-def]
    path = ROOT / "tests/data/scanned/build.py"
    spec = importlib.util.spec_from_file_location("scanned_build", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def needs_ocr(path: Path, number: int) -> Page:
    with pdfplumber.open(str(path)) as pdf:
        p = pdf.pages[number - 1]
        return Page(number, float(p.width), float(p.height), int(p.rotation or 0), "ocr")


def page_count(path: Path) -> int:
    with pdfplumber.open(str(path)) as pdf:
        return len(pdf.pages)


def amount_hits(source: Path, number: int, page: Page) -> tuple[int, int]:
    with pdfplumber.open(str(source)) as pdf:
        raw = pdf.pages[number - 1].extract_words(x_tolerance=1.5, y_tolerance=2.5)
    truth = [w for w in raw if float(w["x0"]) > AMOUNT_X0 and is_amount(w["text"])]
    right = 0
    for w in truth:
        xc, yc = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        for o in page.words:
            if max(abs(o.xc - xc), abs(o.yc - yc)) <= 8 and normalize_amount(o.text) == w["text"]:
                right += 1
                break
    return right, len(truth)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--realdata", action="store_true")
    ap.add_argument("--golden", action="store_true", help="also the golden corpus, scanned")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("pdfs", nargs="*", type=Path)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(list(os.sched_getaffinity(0))[:2]))
    options = PipelineOptions()

    t = time.perf_counter()
    get_engine(options.ocr_engine)
    load_s = time.perf_counter() - t

    tmp = Path(tempfile.mkdtemp(prefix="bench_ocr_"))
    built = load_build().build(tmp)
    jobs: list[tuple[str, Path, int, Path | None]] = []
    for name in ("source_150_noisy", "source_200", "source_rot90"):
        for n in range(1, page_count(built[name]) + 1):
            jobs.append((name, built[name], n, built["source"]))
    extra = list(args.pdfs)
    if args.golden:
        build = load_build()
        for src in sorted((ROOT / "tests/data/golden").glob("*.pdf")):
            extra.append(build.scan_pdf(src, tmp / f"g_{src.name}", build.DOCUMENT_SCAN))
    if args.realdata and REALDATA.is_dir():
        extra += sorted(REALDATA.glob("*/*.pdf"))
    for path in extra:
        for n in range(1, page_count(path) + 1):
            jobs.append((path.stem[:14], path, n, None))

    times: list[float] = []
    cpus: list[float] = []
    right = total = 0
    print(f"{'input':<16} {'page':>4} {'s':>6} {'cpu s':>6} {'words':>5} {'rules':>5} {'rot':>4}")
    for name, path, n, source in jobs:
        for _ in range(args.repeat):
            w0, c0 = time.perf_counter(), time.process_time()
            page = ocr_page(path, needs_ocr(path, n), options)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            times.append(wall)
            cpus.append(cpu)
        print(
            f"{name:<16} {n:>4} {wall:>6.2f} {cpu:>6.2f} {len(page.words):>5} "
            f"{len(page.rulings):>5} {page.rotation:>4}"
        )
        if source is not None:
            r, t_ = amount_hits(source, n, page)
            right, total = right + r, total + t_

    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"pages            {len(times)}")
    print(f"model load s     {load_s:.2f}")
    print(f"s/page median    {statistics.median(times):.2f}")
    print(f"s/page p95       {p95:.2f}")
    # CPU seconds (this process, all threads): stable when other jobs share the machine.
    print(f"cpu s/page med   {statistics.median(cpus):.2f}")
    print(f"cpu s/page mean  {statistics.fmean(cpus):.2f}")
    print(f"peak RSS MB      {rss_mb:.0f}")
    if total:
        print(f"amounts right    {right}/{total} = {100 * right / total:.2f}% (synthetic scans)")
    print(f"load average     {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
