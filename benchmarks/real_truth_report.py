"""Recall, wrong, accepted-wrong and review rate against hand-checked truth, per document.

    python benchmarks/real_truth_report.py [--holdout] [--scanned DPI] [--markdown FILE.md]

Extracts every PDF named in tests/data/real_truth/manifest.json (digital as published; with
--scanned, rendered to noisy grey images at DPI first, as tests/data/scanned/build.py
does), scores each against NAME.truth.json with ../shared/tools/score.py's rules, and prints
one row per document, the totals, and the reliability table of the confidences (10 bins,
observed accuracy, count; expected calibration error).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.truth_score import (
    HOLDOUT_DIR,
    ROOT,
    TRUTH_DIR,
    Scored,
    judge,
    manifest,
    reliability,
    score,
    truth,
)
from extractors.pipeline import extract_document


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scanned", type=int, default=0, help="render scanned at this dpi")
    parser.add_argument("--markdown", type=Path, help="write the report here as well")
    parser.add_argument("--only", nargs="*", help="document names (default: all)")
    parser.add_argument("-v", action="store_true", help="list every miss")
    parser.add_argument(
        "--keep", type=Path, help="keep scans (reused when present) and output JSON here"
    )
    parser.add_argument(
        "--holdout", action="store_true", help="the held-out truth (never tuned on) instead"
    )
    args = parser.parse_args()
    scorer = judge()
    if scorer is None:
        sys.exit("../shared/tools/score.py not found: the report needs the shared folder")
    folder = HOLDOUT_DIR if args.holdout else TRUTH_DIR
    lines = _header(args.scanned, folder.name)
    total = Scored()
    with tempfile.TemporaryDirectory() as tmp:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        for name, pdf in manifest(folder).items():
            if args.only and name not in args.only:
                continue
            source = _scan(pdf, keep, args.scanned) if args.scanned else pdf
            started, cpu = time.perf_counter(), _cpu_seconds()
            extracted = extract_document(source)
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
            if args.keep:
                (keep / f"{name}.json").write_text(extracted.model_dump_json(), encoding="utf-8")
            result = score(extracted.model_dump(mode="json"), truth(name, folder), scorer)
            total.add(result)
            lines.append(_row(name, result, (seconds, cpu)))
            if args.v:
                lines += [f"    {m}" for m in result.misses]
    lines.append(_row("**all**", total, None))
    rows, ece = reliability(total.pairs)
    lines += [
        "",
        "| confidence | values | mean confidence | observed accuracy |",
        "|---|---|---|---|",
    ]
    lines += rows
    lines += ["", f"Expected calibration error: **{ece:.4f}** over {len(total.pairs)} values."]
    report = "\n".join(lines)
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n", encoding="utf-8")
    return 0


def _header(dpi: int, truth_set: str) -> list[str]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    kind = f"scanned at {dpi} dpi (noisy, skewed)" if dpi else "digital"
    return [
        f"# Against hand-checked truth ({truth_set}): {kind}",
        "",
        f"commit {commit}, {platform.machine()} {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"load average {os.getloadavg()[0]:.1f} at start",
        "",
        "| document | fields | recall | wrong | accepted wrong | review rate | seconds | cpu s |",
        "|---|---|---|---|---|---|---|---|",
    ]


def _row(name: str, r: Scored, took: tuple[float, float] | None) -> str:
    times = f"{took[0]:.1f} | {took[1]:.1f}" if took is not None else " | "
    return (
        f"| {name} | {r.fields} | {r.recall:.3f} | {r.wrong} | {r.accepted_wrong} "
        f"| {r.review_rate:.3f} | {times} |"
    )


def _cpu_seconds() -> float:
    """CPU of this process and its children, live (the OCR pool stays up between
    documents) and finished, so a loaded machine's wall time can be read beside the work
    actually done."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            times = child.cpu_times()
            live += times.user + times.system
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime + live


def _scan(pdf: Path, tmp: Path, dpi: int) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "data" / "scanned"))
    from build import Variant, scan_pdf  # type: ignore[import-not-found]

    out = tmp / f"{pdf.stem}_{dpi}.pdf"
    if out.exists():
        return out
    scan_pdf(pdf, out, Variant(f"{dpi}", dpi, 1.5, 8.0, 0.5, 60))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
