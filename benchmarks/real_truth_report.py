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
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
        for name, pdf in manifest(folder).items():
            if args.only and name not in args.only:
                continue
            source = _scan(pdf, Path(tmp), args.scanned) if args.scanned else pdf
            started = time.perf_counter()
            doc = extract_document(source).model_dump(mode="json")
            seconds = time.perf_counter() - started
            result = score(doc, truth(name, folder), scorer)
            total.add(result)
            lines.append(_row(name, result, seconds))
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
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        "| document | fields | recall | wrong | accepted wrong | review rate | seconds |",
        "|---|---|---|---|---|---|---|",
    ]


def _row(name: str, r: Scored, seconds: float | None) -> str:
    took = f"{seconds:.1f}" if seconds is not None else ""
    return (
        f"| {name} | {r.fields} | {r.recall:.3f} | {r.wrong} | {r.accepted_wrong} "
        f"| {r.review_rate:.3f} | {took} |"
    )


def _scan(pdf: Path, tmp: Path, dpi: int) -> Path:
    sys.path.insert(0, str(ROOT / "tests" / "data" / "scanned"))
    from build import Variant, scan_pdf  # type: ignore[import-not-found]

    out = tmp / f"{pdf.stem}_{dpi}.pdf"
    scan_pdf(pdf, out, Variant(f"{dpi}", dpi, 1.5, 8.0, 0.5, 60))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
