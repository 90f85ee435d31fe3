"""Generated tables continued over scanned pages: the scan against the digital reading.

    .venv/bin/python benchmarks/scan_continuation.py --seeds 93010:93040
        [--markdown benchmarks/scan_continuation.md]

Per seed: the document's drawn traits, with blank zeros, the 支出经济分类汇总表 and (when the
seed drew split=none) the header repeated on each page, so the function and economic
tables run over several pages with columns blank on some of them.  Only those tables'
pages are scanned (tests/synth/scan_sheets.py); both readings are scored on the values
those tables state, blank cells included.  *scan-only misses* are values the digital
reading finds and the scan does not; *blank-only* those of them that are blank cells whose
row the scan did read (the class issue 10 is about).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.synth.generate import seed_range  # noqa: E402
from tests.synth.scan_sheets import Readings, read_both  # noqa: E402
from tests.synth.traits import Traits, draw  # noqa: E402

KINDS = ("expenditure_summary", "basic_expenditure_economic", "economic_classification_summary")
HEAD = ("| seed | rules | codes | header rows | split | fields | digital | scan | scan-only "
        "misses | blank-only | accepted wrong | cpu s |")  # fmt: skip


def traits_of(seed: int) -> Traits:
    drawn = draw(seed)
    split = "repeat_header" if drawn.split == "none" else drawn.split
    return replace(drawn, zero="blank", economic_summary=True, split=split)


def row(seed: int, t: Traits, r: Readings, cpu: float) -> str:
    f = len(r.truth)
    return (f"| {seed} | {t.rules} | {t.codes} | {t.header_rows} | {t.split} | {f} | "
            f"{r.digital.correct / f:.3f} | {r.scanned.correct / f:.3f} | "
            f"{len(r.scan_only_misses())} | {len(r.blank_only_losses())} | "
            f"{r.scanned.accepted_wrong + r.digital.accepted_wrong} | {cpu:.0f} |")  # fmt: skip


def by_rules(done: list[tuple[Traits, Readings]]) -> list[str]:
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for t, r in done:
        for key in ("all", f"rules={t.rules}"):
            counts = (1, len(r.truth), r.digital.correct, r.scanned.correct,
                      len(r.blank_only_losses()), r.scanned.accepted_wrong)  # fmt: skip
            sums[key] = [a + b for a, b in zip(sums[key], counts, strict=True)]
    lines = ["| documents | fields | digital | scan | blank-only | scan accepted wrong |",
             "|---|---|---|---|---|---|"]  # fmt: skip
    for key, (n, f, d, s, b, a) in sorted(sums.items()):
        lines.append(f"| {key}: {n} | {f} | {d / f:.3f} | {s / f:.3f} | {b} | {a} |")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="93010:93040")
    ap.add_argument("--markdown", type=Path)
    args = ap.parse_args()
    os.environ.setdefault("BUDGETLENS_OCR_WORKERS", "1")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT).stdout.strip()  # fmt: skip
    lines = [f"commit {commit}, {platform.machine()} {platform.python_version()}, "
             f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at start, "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", "", HEAD,
             "|" + "---|" * 12]  # fmt: skip
    done: list[tuple[Traits, Readings]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seed_range(args.seeds):
            t = traits_of(seed)
            cpu = time.process_time()
            r = read_both(seed, t, KINDS, Path(tmp))
            lines.append(row(seed, t, r, time.process_time() - cpu))
            print(lines[-1], flush=True)
            done.append((t, r))
    lines += ["", *by_rules(done)]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
