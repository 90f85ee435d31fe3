"""Seconds per scanned page (median, p95), peak RSS and amount accuracy for the OCR stage.

    python benchmarks/bench_ocr.py [--realdata] [--golden] [--repeat N] [PDF ...]
    python benchmarks/bench_ocr.py --end-to-end [--workers N] [--realdata] [PDF ...]

Builds the synthetic scans (tests/data/scanned/build.py) into a temp folder; --realdata
adds the real scans from shared/realdata; extra PDFs are OCR'd page by page.  Amount
accuracy is measured on the synthetic scans against the digital source's words.  The
load average is printed too: other work on the machine inflates every number here.

--end-to-end: `extract_document` per document (the scanned golden corpus, the synthetic
scans, --realdata's real scans, extra PDFs) on 2 cores with the OCR pool of --workers
processes (default: BUDGETLENS_OCR_WORKERS / auto).  Per document: wall seconds / pages,
CPU seconds of this process and the pool's (from /proc), and at the end the peak RSS
(VmHWM) of this process and of every pool process, and their sum.  The pool is started
(and its start-up timed) before the first document, as a CLI batch or a service process
keeps it between documents.
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
from extractors.ocr import load_ocr_engine, ocr_page  # noqa: E402
from extractors.ocr.word_scores import is_amount, normalize_amount  # noqa: E402
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


def _proc_cpu(pid: int) -> float:
    """utime + stime of a process (seconds), read from /proc; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _proc_hwm_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _pool_pids() -> list[int]:
    """The OCR pool's processes (the forkserver's children; the server itself is idle)."""
    from extractors.ocr import pool as ocr_pool_module

    pool = ocr_pool_module._pool
    return sorted(pool._processes) if pool is not None and pool._processes else []


def end_to_end(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from extractors.ocr.pool import ocr_pool, ocr_worker_count
    from extractors.pipeline import extract_document

    options = PipelineOptions.from_env()
    if args.workers is not None:
        options = replace(options, ocr_workers=args.workers)
    workers = ocr_worker_count(options)
    tmp = Path(tempfile.mkdtemp(prefix="bench_ocr_e2e_"))
    build = load_build()
    docs: list[tuple[str, Path]] = []
    for src in sorted((ROOT / "tests/data/golden").glob("*.pdf")):
        docs.append(
            (src.stem[:18], build.scan_pdf(src, tmp / f"g_{src.name}", build.DOCUMENT_SCAN))
        )
    built = build.build(tmp)
    for name in ("source_150_noisy", "source_200", "source_rot90"):
        docs.append((name, built[name]))
    if args.realdata and REALDATA.is_dir():
        docs += [(p.parent.name + p.stem[:8], p) for p in sorted(REALDATA.glob("*/*.pdf"))]
    docs += [(p.stem[:18], p) for p in args.pdfs]

    t = time.perf_counter()
    if workers > 1:
        pool = ocr_pool(workers, options.ocr_engine)
        # Every process started and its models loaded (the initializer runs first); the
        # sleeps overlap, so each lands on its own process.
        list(pool.map(time.sleep, [1.0] * workers))
    start_s = time.perf_counter() - t
    pids = _pool_pids()

    per_page: list[float] = []
    cpu_pages: list[float] = []
    print(f"pool: {workers} process(es), started in {start_s:.2f} s wall")
    print(f"{'document':<20} {'pages':>5} {'wall s':>7} {'s/page':>6} {'cpu s/page':>10}")
    for name, path in docs:
        n = page_count(path)
        cpu0 = time.process_time() + sum(_proc_cpu(p) for p in pids)
        w0 = time.perf_counter()
        extract_document(path, options)
        wall = time.perf_counter() - w0
        pids = _pool_pids() or pids
        cpu = time.process_time() + sum(_proc_cpu(p) for p in pids) - cpu0
        per_page.append(wall / n)
        cpu_pages.append(cpu / n)
        print(f"{name:<20} {n:>5} {wall:>7.2f} {wall / n:>6.2f} {cpu / n:>10.2f}")

    per_page.sort()
    p95 = per_page[min(len(per_page) - 1, round(0.95 * (len(per_page) - 1)))]
    own = _proc_hwm_mb(os.getpid())
    pool_hwm = [_proc_hwm_mb(p) for p in pids]
    print()
    print(f"documents            {len(per_page)}")
    print(f"wall s/page median   {statistics.median(per_page):.2f}  (document wall / pages)")
    print(f"wall s/page p95      {p95:.2f}")
    print(f"cpu s/page median    {statistics.median(cpu_pages):.2f}  (this process + pool)")
    pool_mb = " + ".join(f"{h:.0f}" for h in pool_hwm) or "-"
    print(f"peak RSS MB          main {own:.0f}, pool {pool_mb}")
    print(f"peak RSS MB total    {own + sum(pool_hwm):.0f}")
    print(f"load average         {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--end-to-end", action="store_true", help="extract_document per document")
    ap.add_argument("--workers", type=int, help="OCR pool size for --end-to-end (1: none)")
    ap.add_argument("--realdata", action="store_true")
    ap.add_argument("--golden", action="store_true", help="also the golden corpus, scanned")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("pdfs", nargs="*", type=Path)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(list(os.sched_getaffinity(0))[:2]))
    if args.end_to_end:
        return end_to_end(args)
    options = PipelineOptions()

    t = time.perf_counter()
    load_ocr_engine(options.ocr_engine)
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
