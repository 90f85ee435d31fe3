"""Seconds per page, digital and scanned, per document, beside pdfplumber and camelot.

    .venv/bin/python benchmarks/bench_speed.py --json benchmarks/speed.json \
        [--scanned-docs 8] [--scanned-pages 4] [--camelot-every 10] [--quick]

Digital: every PDF of the real corpus (bench_pipeline.digital_corpus: the image-only scans
left out), `extract_document` in this process with per-page times from the progress
callback; on the same documents in the same run, pdfplumber `extract_words` alone on every
page and camelot lattice alone on every `--camelot-every`-th page.  Peak RSS: the largest
file extracted in a fresh process (VmHWM).

Scanned: the first `--scanned-pages` pages of `--scanned-docs` documents (every k-th of the
corpus in path order) rendered as 150 dpi noisy grey scans the way tests/data/scanned/build.py
does, then the whole pipeline with OCR in this process (one OCR worker, so the figure is per
core).  OCR is slow here, so scanned is a subset: the report says which pages.

Markdown to stdout; `--json` keeps the per-document figures for benchmarks/bench_plots.py.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data" / "scanned"))

import bench_pipeline as bp
from peers import md_table, stamp


@dataclass(slots=True)
class DocSpeed:
    name: str
    pages: int
    s_per_page: float  # wall, whole document / pages
    cpu_per_page: float
    page_wall: list[float]
    page_cpu: list[float]
    # CPU seconds on the same pages: pdfplumber words alone; camelot lattice alone on the
    # sampled pages, and the pipeline on those same sampled pages.
    words: list[float] = field(default_factory=list)
    camelot: list[float] = field(default_factory=list)
    pipeline_on_camelot: list[float] = field(default_factory=list)
    ocr_pages: int = 0


@dataclass(slots=True)
class SpeedReport:
    stamp: str
    digital: list[DocSpeed] = field(default_factory=list)
    scanned: list[DocSpeed] = field(default_factory=list)
    rss: dict[str, object] = field(default_factory=dict)


def q(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def digital(docs: list[bp.Doc], every: int, out: list[DocSpeed], save: Callable[[], None]) -> None:
    """Appends to `out` and saves after every document: a long run stopped early keeps its data."""
    for index, doc in enumerate(docs, 1):
        run = bp.time_document(doc.path)
        _, words = bp.time_words([doc])
        sample = [(run.name, p) for p in range(1, run.pages + 1) if p % every == 1 % every]
        (_, camelot), _ = bp.time_camelot(sample)
        keys = [bp.key(run.name, p) for p in range(1, run.pages + 1)]
        pipe = dict(zip(keys, run.page_cpu, strict=False))
        out.append(
            DocSpeed(
                run.name,
                run.pages,
                run.wall / max(run.pages, 1),
                run.cpu / max(run.pages, 1),
                run.page_wall,
                run.page_cpu,
                [words[k] for k in keys if k in words],
                list(camelot.values()),
                [pipe[k] for k in camelot if k in pipe],
                run.ocr_pages,
            )
        )
        print(f"[{index}/{len(docs)}] {out[-1].s_per_page:.3f} s/page {run.name}", file=sys.stderr)
        save()


def scanned(docs: list[bp.Doc], n_docs: int, n_pages: int) -> list[DocSpeed]:
    from build import DOCUMENT_SCAN, scan_pdf  # type: ignore[import-not-found]

    os.environ.setdefault("BUDGETLENS_OCR_WORKERS", "1")
    step = max(1, len(docs) // max(n_docs, 1))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for doc in docs[::step][:n_docs]:
            pages = list(range(1, min(n_pages, doc.pages) + 1))
            pdf = scan_pdf(
                doc.path, Path(tmp) / f"{len(out)}.pdf", DOCUMENT_SCAN, pages_wanted=pages
            )
            run = bp.time_document(pdf)
            name = f"{doc.name} p1-{len(pages)}"
            out.append(
                DocSpeed(
                    name,
                    run.pages,
                    run.wall / max(run.pages, 1),
                    run.cpu / max(run.pages, 1),
                    run.page_wall,
                    run.page_cpu,
                    ocr_pages=run.ocr_pages,
                )
            )
            print(f"scanned {out[-1].s_per_page:.2f} s/page {name}", file=sys.stderr)
    return out


def _row(label: str, docs: list[DocSpeed], cpu: bool) -> list[object]:
    pages = [t for d in docs for t in (d.page_cpu if cpu else d.page_wall)]
    per_doc = [d.cpu_per_page if cpu else d.s_per_page for d in docs]
    return [
        f"{label}, {'CPU' if cpu else 'wall'}",
        len(docs),
        len(pages),
        statistics.median(pages),
        q(pages, 0.95),
        statistics.median(per_doc),
        q(per_doc, 0.95),
    ]


def _ratios(docs: list[DocSpeed]) -> str:
    pipe = statistics.median([t for d in docs for t in d.page_cpu])
    words = [t for d in docs for t in d.words]
    cam = [t for d in docs for t in d.camelot]
    pipe_cam = statistics.median([t for d in docs for t in d.pipeline_on_camelot] or [0.0])
    rows: list[list[object]] = [
        [
            "pdfplumber extract_words alone",
            len(words),
            statistics.median(words),
            pipe / statistics.median(words),
        ],
    ]
    if cam:
        rows.append(
            [
                "camelot lattice alone (sample)",
                len(cam),
                statistics.median(cam),
                pipe_cam / statistics.median(cam),
            ]
        )
    return md_table(["same pages, same run", "pages", "median CPU s/page", "pipeline / this"], rows)


def render(r: SpeedReport) -> str:
    head = [
        "input",
        "documents",
        "pages",
        "median s/page",
        "p95 s/page",
        "median per doc",
        "p95 per doc",
    ]
    rows = [
        _row(label, docs, cpu)
        for label, docs in (("digital", r.digital), ("scanned 150 dpi", r.scanned))
        if docs
        for cpu in (False, True)
    ]
    parts = [
        "## Whole pipeline: seconds per page",
        r.stamp,
        "Per page (from the progress callback; the document-level rest shared out per page) and "
        "per document (its time / its pages).  The machine is shared: CPU seconds are the "
        "figure to compare, wall seconds include waiting for the cores.",
        md_table(head, rows),
    ]
    if r.digital:
        parts.append(_ratios(r.digital))
    if r.rss:
        parts.append(
            f"Peak RSS, largest file, fresh process: `{json.dumps(r.rss, ensure_ascii=False)}`"
        )
    if r.scanned:
        parts.append("Scanned subset: " + "; ".join(d.name for d in r.scanned))
    return "\n\n".join(parts)


def merged(files: list[Path]) -> SpeedReport:
    """Runs saved by --json (e.g. digital and scanned run apart), stamps kept side by side."""
    out = SpeedReport("")
    for f in files:
        saved = json.loads(f.read_text())
        out.stamp += ("\n\n" if out.stamp else "") + f"{f.name}: {saved['stamp']}"
        out.digital += [DocSpeed(**d) for d in saved["digital"]]
        out.scanned += [DocSpeed(**d) for d in saved["scanned"]]
        out.rss = saved["rss"] or out.rss
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--camelot-every", type=int, default=10)
    parser.add_argument("--scanned-docs", type=int, default=8)
    parser.add_argument("--scanned-pages", type=int, default=4)
    parser.add_argument("--doc-every", type=int, default=1, help="every k-th document only")
    parser.add_argument("--quick", action="store_true", help="3 short documents, 1 scanned")
    parser.add_argument("--skip", nargs="*", default=[], choices=["digital", "scanned", "rss"])
    parser.add_argument("--from-json", nargs="*", type=Path, help="report saved runs together")
    args = parser.parse_args()
    if args.from_json:
        print(render(merged(args.from_json)))
        return 0
    docs = bp.digital_corpus()[:: args.doc_every]
    if args.quick:
        docs = bp.quick_subset(docs)
        args.scanned_docs, args.scanned_pages = 1, 2
    report = SpeedReport(stamp())

    def save() -> None:
        if args.json:
            args.json.write_text(json.dumps(asdict(report), ensure_ascii=False, indent=1))

    if "digital" not in args.skip:
        digital(docs, args.camelot_every, report.digital, save)
    if "scanned" not in args.skip:
        report.scanned = scanned(docs, args.scanned_docs, args.scanned_pages)
        save()
    if "rss" not in args.skip:
        report.rss = bp.measure_rss(max(docs, key=lambda d: d.pages).path)
    save()
    print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
