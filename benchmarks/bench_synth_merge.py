"""One report from several bench_synth.py runs on disjoint seeds (their --jsonl files).

    .venv/bin/python benchmarks/bench_synth.py --n 250 --start 0 --jsonl /tmp/j_0.jsonl
    .venv/bin/python benchmarks/bench_synth.py --n 250 --start 250 --jsonl /tmp/j_250.jsonl
    .venv/bin/python benchmarks/bench_synth_merge.py /tmp/j_*.jsonl --wall-min 28.5 \
        --report benchmarks/synth_report.md

A long run in chunks survives a busy machine and can be read part way; the tables are the
same as one run's over the union of the seeds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from bench_synth import Result, header, write_report  # noqa: E402

from tests.synth.scoring import Score  # noqa: E402


def load(paths: list[Path]) -> list[Result]:
    results: list[Result] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            score = Score(**raw.pop("score"))
            score.wrongs = [tuple(w) for w in score.wrongs]  # type: ignore[misc]
            results.append(Result(score=score, **raw))
    seeds = [(r.seed, r.scanned) for r in results]
    if len(seeds) != len(set(seeds)):
        sys.exit("the runs overlap: a seed was scored twice")
    return sorted(results, key=lambda r: (r.scanned, r.seed))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("jsonl", type=Path, nargs="+")
    ap.add_argument("--wall-min", type=float, default=0.0, help="summed wall time of the runs")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--note", action="append", default=[], help="an extra header line")
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "synth_report.md")
    args = ap.parse_args()
    results = load(args.jsonl)
    digital = [r.seed for r in results if not r.scanned]
    scanned = [r.seed for r in results if r.scanned]
    args.start = min(digital, default=0)
    args.n = len(digital)
    args.scanned = len(scanned)
    args.scanned_start = min(scanned, default=0)
    lines = header(args, args.wall_min * 60)
    lines.insert(-1, f"- merged from {len(args.jsonl)} runs on disjoint seeds "
                     "(`benchmarks/bench_synth_merge.py`)")  # fmt: skip
    for note in args.note:
        lines.insert(-1, f"- {note}")
    write_report(lines, results, args.report)


if __name__ == "__main__":
    main()
