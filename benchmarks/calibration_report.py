"""Reliability of the fitted confidences on the held-out part: 10-bin table and ECE.

    .venv/bin/python benchmarks/calibration_report.py [--cache DIR] [--markdown FILE.md]
        [--cached-only] [--previous OLD_TABLE.json]

Builds (or reuses, from the cache) the calibration data set (benchmarks/calibration_data.py),
maps every held-out value's signals through extractors/calibration/table.json, and prints
the machine, commit, fit and held-out sizes, and per part (held-out digital, scanned, both)
the reliability table (bin, values, mean confidence, observed accuracy) with the expected
calibration error; beside it the same for the hand-set scores of earlier releases, and
what status the values would get (the evidence rule is unchanged: a wrong value accepted
is counted).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.calibration_data import CACHE, Record, jobs, load  # noqa: E402
from benchmarks.truth_score import reliability  # noqa: E402
from extractors.calibration.features import Evidence  # noqa: E402
from extractors.calibration.table import load_table, parse_table  # noqa: E402
from extractors.confidence import hand_set  # noqa: E402
from extractors.model import DOUBTED_PENALTY  # noqa: E402
from extractors.options import PipelineOptions  # noqa: E402

Mapping = Callable[[Evidence], float]


def fitted(ev: Evidence) -> float:
    return round(load_table().probability(ev), 4)


def accepted(ev: Evidence) -> bool:
    """The status rule of stages/build.py: evidence, no doubt, over the hand-set bar (never
    the fitted confidence)."""
    threshold = PipelineOptions().review_threshold
    doubted = ev.doubt > 0 or any(w >= DOUBTED_PENALTY for _, w in ev.penalties)
    doubted = doubted or hand_set(ev) < threshold
    return bool(ev.confirmed_by) and not doubted


def section(title: str, records: list[Record], mapping: Mapping) -> list[str]:
    pairs = [(mapping(r.evidence), r.right) for r in records]
    rows, ece = reliability(pairs)
    acc = [r for r in records if accepted(r.evidence)]
    wrong_acc = sum(not r.right for r in acc)
    review = 1 - len(acc) / len(records) if records else 0.0
    docs = len({r.key for r in records})
    return [
        f"### {title}",
        "",
        f"{len(records)} values from {docs} documents; {sum(not r.right for r in records)} "
        f"wrong; ECE **{ece:.4f}**; accepted wrong {wrong_acc}; review rate {review:.3f}",
        "",
        "| confidence | values | mean confidence | observed accuracy |",
        "|---|---|---|---|",
        *rows,
        "",
    ]


def header(records: list[Record]) -> list[str]:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    sizes = []
    for split in ("fit", "heldout"):
        for kind in ("real", "synth"):
            for scanned in (False, True):
                want = (split, kind, scanned)
                part = [r for r in records if (r.split, r.kind, r.scanned) == want]
                docs = len({r.key for r in part})
                wrong = sum(not r.right for r in part)
                label = f"{split} {kind} {'scanned' if scanned else 'digital'}"
                sizes.append(f"| {label} | {docs} | {len(part)} | {wrong} |")
    return [
        "# Confidence calibration: held-out reliability",
        "",
        f"commit {commit}, {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"table version {load_table().version}",
        "",
        "`.venv/bin/python benchmarks/calibration_report.py` (data: "
        "benchmarks/calibration_data.py; fit: benchmarks/calibration_fit.py)",
        "",
        "| part | documents | values scored | wrong |",
        "|---|---|---|---|",
        *sizes,
        "",
    ]


def by_group(records: list[Record]) -> list[str]:
    """The top bin holds most values; per signal group shows where the rest stand."""
    lines = [
        "### held-out, per signal group (fitted)",
        "",
        "| group | values | mean confidence | observed accuracy |",
        "|---|---|---|---|",
    ]
    for group in sorted({r.evidence.group for r in records}):
        part = [r for r in records if r.evidence.group == group]
        mean = sum(fitted(r.evidence) for r in part) / len(part)
        accuracy = sum(r.right for r in part) / len(part)
        lines.append(f"| {group} | {len(part)} | {mean:.4f} | {accuracy:.4f} |")
    return [*lines, ""]


def top_bin(records: list[Record], mappings: dict[str, Mapping]) -> list[str]:
    """Per scanned document, the values each mapping puts in the 0.9–1.0 bin and how many of
    them were right: where a refit has to show (a scan's misreads rated 0.98)."""
    names = list(mappings)
    lines = [
        "| document | split | values | wrong | " + " | ".join(f"≥0.9 {n}" for n in names) + " |",
        "|---|---|---|---|" + "---|" * len(names),
    ]
    for key in sorted({r.key for r in records if r.scanned and r.kind == "real"}):
        part = [r for r in records if r.key == key]
        cells = []
        for mapping in mappings.values():
            top = [r for r in part if mapping(r.evidence) >= 0.9]
            cells.append(f"{len(top)} ({sum(not r.right for r in top)} wrong)")
        wrong = sum(not r.right for r in part)
        lines.append(f"| {key} | {part[0].split} | {len(part)} | {wrong} | {' | '.join(cells)} |")
    return [*lines, ""]


def report(records: list[Record], previous: Mapping | None = None) -> list[str]:
    held = [r for r in records if r.split == "heldout"]
    real = [r for r in held if r.kind == "real"]
    parts = [
        ("held-out digital", [r for r in held if not r.scanned]),
        ("held-out scanned (150 dpi)", [r for r in held if r.scanned]),
        ("held-out, all", held),
        ("held-out real documents only (digital and scanned)", real),
    ]
    lines = [*header(records), "## Fitted (extractors/calibration/table.json)", ""]
    for title, part in parts:
        lines += section(title, part, fitted)
    lines += by_group(held)
    lines += ["## Before: the hand-set scores, same values", ""]
    for title, part in parts[:3]:
        lines += section(title, part, hand_set)
    mappings = {"fitted": fitted}
    if previous is not None:
        mappings["previous table"] = previous
        lines += ["## Before: the previous fitted table, same values", ""]
        for title, part in parts[:3]:
            lines += section(title, part, previous)
    lines += ["## Real scans: values in the top bin", ""]
    lines += top_bin(records, mappings)
    lines += ["## Fit part, in sample (for reference)", ""]
    lines += section("fit, all", [r for r in records if r.split == "fit"], fitted)
    return lines


def table_mapping(path: Path) -> Mapping:
    table = parse_table(json.loads(path.read_text(encoding="utf-8")))
    return lambda ev: round(table.probability(ev), 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--markdown", type=Path, help="write the report here as well")
    parser.add_argument("--cached-only", action="store_true", help="report what is cached")
    parser.add_argument("--previous", type=Path, help="an earlier table.json to compare with")
    args = parser.parse_args()
    missing = [j for j in jobs() if not (args.cache / f"{j.key}.jsonl").exists()]
    if missing and not args.cached_only:
        print(f"building {len(missing)} documents of the data set first", file=sys.stderr)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "calibration_data.py"),
                        "--cache", str(args.cache)], check=True)  # fmt: skip
    previous = table_mapping(args.previous) if args.previous else None
    lines = report(load(args.cache), previous)
    missing = [j for j in jobs() if not (args.cache / f"{j.key}.jsonl").exists()]
    if missing:  # --cached-only on a cut-short run: say what the figures leave out
        names = ", ".join(j.key for j in missing)
        lines[4:4] = [f"Not in this run ({len(missing)} documents of the list): {names}", ""]
    text = "\n".join(lines)
    print(text)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
