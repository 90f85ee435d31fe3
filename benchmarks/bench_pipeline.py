"""Seconds per page of the whole pipeline over the real corpus, beside pdfplumber and camelot.

    .venv/bin/python benchmarks/bench_pipeline.py [--quick] [--json OUT.json]
        [--camelot-every 10] [--min-sample 150] [--workers 2] [--skip rss pool profile]

Over the digital real corpus (the image-only scans under `_scanned_not_budget/` are left out):

1. peak RSS and wall time of the 241-page 深圳 file in a fresh subprocess (VmHWM), JSON
   serialisation included.
2. pipeline in a process pool of `--workers` (2), documents largest first: throughput in
   pages/s and pages/s per core, per-page and per-document s/page inside the workers.
3. side by side, document by document (so all three see the same load from other processes):
   - pipeline, this process: `extract_document`.  A document's wall time / its pages is its
     s/page; per-page times are the intervals between the progress callbacks `read_pages`
     makes after every page, plus the document-level rest (`assemble_document`) shared out
     by page count;
   - pdfplumber `page.extract_words()` alone, every page;
   - camelot lattice alone (`camelot.io.read_pdf(path, pages=N, flavor="lattice")`) on a
     deterministic sample: every k-th page of the corpus in path order (k shrinks until the
     sample has at least `--min-sample` pages).  Ratios with camelot use that sample only.
4. cProfile over four representative documents: top functions in extractors/ and in
   pdfplumber + pdfminer, by cumulative and by own time, and own time per module.

Markdown tables go to stdout, progress to stderr.  Wall and CPU seconds are both reported,
with the load average and the cores other processes used during each phase: other work on
the two cores inflates wall times.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# bench_speed.py imports the corpus and timing helpers from here (`import bench_pipeline as bp`).
from benchmarks.pipeline_bench.corpus import (  # noqa: E402
    SHENZHEN_241,
    Doc,
    camelot_sample,
    digital_corpus,
    key,
    profile_docs,
    quick_subset,
)
from benchmarks.pipeline_bench.pool import run_pool  # noqa: E402
from benchmarks.pipeline_bench.profiling import profile_documents  # noqa: E402
from benchmarks.pipeline_bench.render import render  # noqa: E402
from benchmarks.pipeline_bench.rss import measure_rss  # noqa: E402
from benchmarks.pipeline_bench.runs import Report, Stamp  # noqa: E402
from benchmarks.pipeline_bench.timing import (  # noqa: E402
    run_side_by_side,
    time_camelot,
    time_document,
    time_words,
)

__all__ = [
    "Doc",
    "digital_corpus",
    "key",
    "main",
    "measure_rss",
    "quick_subset",
    "time_camelot",
    "time_document",
    "time_words",
]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="three short documents only")
    parser.add_argument("--json", type=Path, help="write the raw numbers here")
    parser.add_argument("--camelot-every", type=int, default=10)
    parser.add_argument("--min-sample", type=int, default=150)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["rss", "pool", "profile"], help="phases to skip"
    )
    return parser.parse_args(argv)


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def measure(args: argparse.Namespace) -> Report:
    report = Report(args={k: str(v) for k, v in vars(args).items()})
    report.load["start"] = Stamp.now()
    corpus = digital_corpus()
    docs = quick_subset(corpus) if args.quick else corpus
    say(f"{len(docs)} documents, {sum(d.pages for d in docs)} pages")
    rss_file = docs[0].path if args.quick else SHENZHEN_241
    if "rss" not in args.skip:
        report.rss = measure_rss(rss_file)
        report.load["after RSS"] = Stamp.now()
    if "pool" not in args.skip:
        say(f"pipeline, pool of {args.workers}")
        report.pool = run_pool(docs, args.workers)
        report.load["after pool"] = Stamp.now()
    minimum = min(args.min_sample, 20) if args.quick else args.min_sample
    report.camelot_every, sample = camelot_sample(docs, args.camelot_every, minimum)
    say(f"pipeline | pdfplumber words | camelot on every {report.camelot_every}. page")
    run_side_by_side(report, docs, sample, say)
    report.load["after pipeline + words + camelot"] = Stamp.now()
    if "profile" not in args.skip:
        report.profile = profile_documents(profile_docs(corpus, docs, args.quick))
        report.load["end (after profile)"] = Stamp.now()
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    warnings.filterwarnings("ignore")
    started = time.perf_counter()
    report = measure(args)
    print(f"# bench_pipeline ({'quick' if args.quick else 'full'} run)\n")
    for block in render(report):
        print(block)
    print(f"Run took {time.perf_counter() - started:.0f} s.")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
