"""Scanned against digital on real budgets that have no hand truth, per document and section.

    python benchmarks/scan_vs_digital.py [--workers N] [--only TEXT ...] [--keep DIR]
                                          [--markdown benchmarks/scan_vs_digital.md] [-v]

Takes every PDF under ../shared/realdata/cn_budget/ that is not in a hand-truth manifest
(tests/data/real_truth*/manifest.json; not _scanned_not_budget/ nor samples/templates/),
extracts it digitally, renders it at 150 dpi noisy and skewed 1.5° exactly as
benchmarks/real_truth_report.py --scanned 150 does, extracts the scan, and compares the two
path by path (benchmarks/scan_compare.py): digital `accepted` values are the reference.
--only keeps documents whose path contains any of the texts; --keep reuses scans and
writes both JSONs, each document's differences and its outcome there; --merge DIR ...
reports the newest outcome of each document found in those folders instead of running
(benchmarks/scan_vs_digital_outcomes.py), each row with the commit it was measured at.
--pages 74-86,124 compares only those pages of each document kept (a long document's table
pages): its row is named "NAME pp. 74-86,124" and does not stand for the whole document.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.real_truth_report import _cpu_seconds, _scan
from benchmarks.scan_compare import Tally, compare, flatten
from benchmarks.scan_vs_digital_outcomes import Measured, Outcome, merged_outcomes, save
from benchmarks.truth_score import HOLDOUT_DIR, ROOT, SHARED, TRUTH_DIR, manifest
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document

CORPUS = SHARED / "realdata" / "cn_budget"
SKIPPED = ("_scanned_not_budget", "samples/templates")
SECTIONS = (
    "document",
    "totals",
    "expenditure_by_function",
    "expenditure_by_economic",
    "basic_expenditure_by_economic",
    "three_public",
    "operating_expenses",
    "procurement",
    "projects",
)


def untruthed() -> list[Path]:
    known = {p.resolve() for folder in (TRUTH_DIR, HOLDOUT_DIR) for p in manifest(folder).values()}
    found = [
        p
        for p in sorted(CORPUS.rglob("*.pdf"))
        if p.resolve() not in known and not any(s in p.as_posix() for s in SKIPPED)
    ]
    # smallest first, so a partial run (or a killed one) has covered the most documents
    return sorted(found, key=lambda p: (p.stat().st_size, p.name))


def run_one(pdf: Path, keep: Path, options: PipelineOptions, reuse: bool = False) -> Outcome:
    name = pdf.stem.replace(" ", "")
    measured = Measured(_commit(), _now(), os.getloadavg()[0])
    digital_json = keep / f"{name}.digital.json"
    if not digital_json.exists():
        digital_json.write_text(extract_document(pdf, options).model_dump_json(), encoding="utf-8")
    digital = json.loads(digital_json.read_text(encoding="utf-8"))
    scan_json = keep / f"{name}.scan.json"
    started, cpu = time.perf_counter(), _cpu_seconds()
    if reuse and scan_json.exists():
        scan = json.loads(scan_json.read_text(encoding="utf-8"))
    else:
        scan = extract_document(_scan(pdf, keep, 150), options).model_dump(mode="json")
        scan_json.write_text(json.dumps(scan, ensure_ascii=False), encoding="utf-8")
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    tallies = compare(flatten(digital), flatten(scan))
    pages = int(digital["document"].get("page_count") or 0)
    return Outcome(name, pages, tallies, seconds, cpu, measured)


def page_subset(pdf: Path, spec: str, folder: Path) -> Path:
    """The pages `spec` ("74-86,124", 1-based) of pdf as their own file, named for them."""
    numbers: list[int] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        numbers += range(int(first), int(last or first) + 1)
    out = folder / f"{pdf.stem.replace(' ', '')} pp. {spec}.pdf"
    src, dst = pdfium.PdfDocument(str(pdf)), pdfium.PdfDocument.new()
    try:
        dst.import_pages(src, [n - 1 for n in numbers])
        dst.save(str(out))
    finally:
        dst.close()
        src.close()
    return out


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


# The code a run measures is the code it imported at its start: HEAD then, with "+" when
# the extractor had uncommitted changes.
_STARTED_AT = _git("rev-parse", "--short", "HEAD") + (
    "+" if _git("status", "--porcelain", "--", "extractors", "schemas") else ""
)


def _commit() -> str:
    return _STARTED_AT


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="OCR processes (0 = auto)")
    parser.add_argument("--only", nargs="*", help="keep documents whose path has any of these")
    parser.add_argument("--keep", type=Path, help="reuse scans, write JSONs and differences here")
    parser.add_argument("--markdown", type=Path, help="write the report here as well")
    parser.add_argument("-v", action="store_true", help="print every difference")
    parser.add_argument(
        "--reuse", action="store_true", help="reuse scan JSONs in --keep (same code only)"
    )
    parser.add_argument(
        "--merge", type=Path, nargs="+", help="report the outcomes kept in these folders"
    )
    parser.add_argument("--pages", help="only these pages of each document: 74-86,124")
    args = parser.parse_args()
    if args.merge:
        return _merge_report(args.merge, args.markdown)
    options = PipelineOptions(ocr_workers=args.workers) if args.workers else PipelineOptions()
    pdfs = [p for p in untruthed() if not args.only or any(t in str(p) for t in args.only)]
    header = _header(len(pdfs), args.workers)
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            if args.pages:
                pdf = page_subset(pdf, args.pages, keep)
            outcome = run_one(pdf, keep, options, args.reuse)
            outcomes.append(outcome)
            save(keep, outcome)
            _write_misses(keep, outcome)
            print(_doc_row(outcome), flush=True)
            if args.v:
                print("\n".join(f"    {m}" for m in outcome.whole.misses), flush=True)
            if args.markdown:  # rewritten after every document: a long run is never lost
                report = _report(header, outcomes, len(pdfs))
                args.markdown.write_text(report + "\n", encoding="utf-8")
    print(_report(header, outcomes, len(pdfs)))
    return 0


def _merge_report(folders: list[Path], markdown: Path | None) -> int:
    order = {p.stem.replace(" ", ""): i for i, p in enumerate(untruthed())}
    outcomes = sorted(merged_outcomes(folders), key=lambda o: order.get(o.name, len(order)))
    commits = sorted({o.measured.commit for o in outcomes})
    report = _report(
        _header(len(order), None, f"merged from runs at {', '.join(commits)}"), outcomes, len(order)
    )
    if markdown:
        markdown.write_text(report + "\n", encoding="utf-8")
    print(report)
    return 0


def _report(header: list[str], outcomes: list[Outcome], planned: int) -> str:
    lines = header + [_doc_row(o) for o in outcomes]
    whole = sum("pp." not in o.name for o in outcomes)
    if whole < planned:
        lines.append(f"| *{planned - whole} documents not yet run whole* | | | | | | | | | | | | |")
    lines += [_doc_row(Outcome("**all**", sum(o.pages for o in outcomes), _merged(outcomes), 0, 0))]
    lines += _section_table(outcomes)
    lines += _weak_sections(outcomes)
    return "\n".join(lines)


def _merged(outcomes: list[Outcome]) -> dict[str, Tally]:
    merged: dict[str, Tally] = {}
    for outcome in outcomes:
        for name, tally in outcome.tallies.items():
            merged.setdefault(name, Tally()).add(tally)
    return merged


def _header(count: int, workers: int | None, commit: str = "") -> list[str]:
    commit = commit or f"commit {_commit()}"
    return [
        "# Scanned (150 dpi, noisy, skewed 1.5°) against digital, real budgets without hand truth",
        "",
        f"{commit}, {platform.machine()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, {_run(workers)}; {count} documents",
        "",
        "Reference: every value the digital reading marks `accepted`. *agreement* = scan "
        "value equal to it; *differ, accepted* = the scan accepted a different value (an "
        "accepted-wrong; must be 0); *scan only* = paths the digital reading lacks; "
        "*review* = share of the scan's values sent to review.",
        "",
        "| document | pages | reference | agreement | missing | differ | differ, accepted "
        "| scan only | review | scan s | scan cpu s | commit | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]


def _run(workers: int | None) -> str:
    if workers is None:  # a merge: each row's commit and load are its own run's
        return f"merged {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
    return (
        f"OCR workers {workers or 'auto'}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )


def _doc_row(o: Outcome) -> str:
    t = o.whole
    took = f"{o.seconds:.0f} | {o.cpu:.0f}" if o.seconds else " | "
    load = "" if o.measured.load is None else f"{o.measured.load:.1f}"
    at = f"{o.measured.commit} | {load}" if o.measured.commit else " | "
    return (
        f"| {o.name} | {o.pages} | {t.reference} | {t.agreement:.3f} | {t.missing} "
        f"| {t.differing} | {t.differing_accepted} | {t.scan_only} | {t.review_rate:.3f} "
        f"| {took} | {at} |"
    )


def _section_table(outcomes: list[Outcome]) -> list[str]:
    merged = _merged(outcomes)
    lines = [
        "",
        "## Per section, all documents",
        "",
        "| section | reference | agreement | missing | differ | differ, accepted | scan only "
        "| review |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in SECTIONS:
        t = merged.get(name, Tally())
        lines.append(
            f"| {name} | {t.reference} | {t.agreement:.3f} | {t.missing} | {t.differing} "
            f"| {t.differing_accepted} | {t.scan_only} | {t.review_rate:.3f} |"
        )
    return lines


def _weak_sections(outcomes: list[Outcome]) -> list[str]:
    """Sections of a document where the scan keeps under 95% of the digital reference."""
    lines = ["", "## Weak sections (agreement < 0.95, at least 5 reference values)", ""]
    for o in outcomes:
        for name in SECTIONS:
            t = o.tallies.get(name)
            if t is not None and t.reference >= 5 and t.agreement < 0.95:
                lines.append(
                    f"- {o.name} · {name}: {t.agreed}/{t.reference} "
                    f"({t.missing} missing, {t.differing} differ)"
                )
    return lines if len(lines) > 3 else [*lines, "none"]


def _write_misses(keep: Path, outcome: Outcome) -> None:
    text = "\n".join(outcome.whole.misses)
    (keep / f"{outcome.name}.differences.txt").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
