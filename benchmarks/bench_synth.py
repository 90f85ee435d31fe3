"""Synthetic layouts through the real extractor: recall and accepted-wrong per layout trait.

    .venv/bin/python benchmarks/bench_synth.py [--n 2000] [--scanned K] [--start 0]
        [--workers 2] [--report benchmarks/synth_report.md]

Seeds start..start+n-1 are generated (tests/synth), extracted and scored with
../shared/tools/score.py's rules; --scanned K also runs the first K seeds as 150 dpi scans
(--scan-sheets S: only S tables' pages scanned, the rest digital, scored on the values only
those tables state: an OCR page costs some 70 times a text page).
Prints, per trait value ("codes=outline"), documents, fields, recall, wrong, accepted_wrong
and review rate as a Markdown table, the 10 worst documents with their traits, and sample
wrong values; writes the same to the report with the commit and machine.
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
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BUDGETLENS_OCR_WORKERS", "1")  # the pool below is the parallelism

from tests.synth.scoring import Score, load_score, score  # noqa: E402


@dataclass
class Result:
    seed: int
    scanned: bool
    traits: list[str]
    score: Score
    pages: int
    seconds: float
    error: str = ""


def run_one(job: tuple[int, bool, int]) -> Result:
    """Generate, extract and score one document in a temporary folder."""
    from extractors.pipeline import extract_document
    from tests.synth.generate import write

    seed, scanned, scan_sheets = job
    with tempfile.TemporaryDirectory() as tmp:
        pdf = write(seed, Path(tmp), scanned, scan_sheets)
        # Scans of some tables are scored on what only those tables state.
        some = scanned and scan_sheets > 0
        truth_file = pdf.with_suffix(".scan_truth.json" if some else ".truth.json")
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        traits = json.loads(pdf.with_suffix(".traits.json").read_text(encoding="utf-8"))
        source = pdf.with_suffix(".scan.pdf") if scanned else pdf
        t0 = time.process_time()
        try:
            out = extract_document(source).model_dump(mode="json")
        except Exception as exc:  # one bad document must not stop thousands
            s = Score(fields=len(truth))
            return Result(seed, scanned, traits["traits"], s, 0, 0.0, repr(exc)[:200])
        seconds = time.process_time() - t0
        return Result(seed, scanned, traits["traits"], score(out, truth),
                      int(out["document"]["page_count"]), seconds)  # fmt: skip


def by_trait(results: list[Result]) -> dict[str, tuple[int, Score]]:
    table: dict[str, tuple[int, Score]] = {}
    for r in results:
        for trait in r.traits:
            n, s = table.get(trait, (0, Score()))
            s.add(r.score)
            table[trait] = (n + 1, s)
    return table


def trait_table(results: list[Result]) -> list[str]:
    lines = ["| trait | docs | fields | recall | wrong | accepted_wrong | review rate |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    total = Score()
    for r in results:
        total.add(r.score)
    rows = sorted(by_trait(results).items())
    for trait, (n, s) in [("all", (len(results), total)), *rows]:
        review = s.review / s.fields if s.fields else 0.0
        lines.append(f"| {trait} | {n} | {s.fields} | {s.recall:.3f} | {s.wrong} | "
                     f"{s.accepted_wrong} | {review:.3f} |")  # fmt: skip
    return lines


def section_table(results: list[Result]) -> list[str]:
    """Recall per contract section: which part of the output the misses are in."""
    total = Score()
    for r in results:
        total.add(r.score)
    lines = ["| section | fields | recall | wrong | accepted_wrong |", "|---|---|---|---|---|"]
    for name, (fields, correct, wrong, accepted) in sorted(total.sections.items()):
        recall = correct / fields if fields else 1.0
        lines.append(f"| {name} | {fields} | {recall:.3f} | {wrong} | {accepted} |")
    return lines


def _examples(results: list[Result], trait: str, k: int = 5) -> list[str]:
    """Up to k wrong values under `trait`, accepted ones first, one per section."""
    samples = [(r.seed, w) for r in results if trait in r.traits for w in r.score.wrongs]
    samples.sort(key=lambda x: (x[1][3] != "accepted", x[0]))
    seen: set[str] = set()
    out = []
    for seed, (path, got, want, status) in samples:
        section = path.split(".")[0]
        if section in seen:
            continue
        seen.add(section)
        out.append(f"  - seed {seed}: `{path}` got {got} want {want} [{status}]")
        if len(out) == k:
            break
    return out


def weakest(results: list[Result], k: int = 10) -> list[str]:
    """The k trait values with the lowest recall, with wrong values seen under them."""
    table = by_trait(results)
    ranked = sorted(table.items(), key=lambda kv: (kv[1][1].recall, -kv[1][1].accepted_wrong))
    lines = []
    for trait, (_, s) in ranked[:k]:
        lines.append(f"- **{trait}**: recall {s.recall:.3f}, accepted_wrong {s.accepted_wrong}")
        lines += _examples(results, trait)
        missing = Counter(
            p.split(".")[0] for r in results if trait in r.traits for p in r.score.missing
        )
        lines.append(f"  - missing by section: {dict(missing.most_common(5))}")
    return lines


def worst_docs(results: list[Result], k: int = 10) -> list[str]:
    lines = []
    for r in sorted(results, key=lambda r: r.score.recall)[:k]:
        s = r.score
        kind = "scanned" if r.scanned else "digital"
        lines.append(
            f"- seed {r.seed} ({kind}): recall {s.recall:.3f} ({s.correct}/{s.fields}), "
            f"accepted_wrong {s.accepted_wrong}{' ERROR ' + r.error if r.error else ''}"
        )
        lines.append(f"  - {', '.join(r.traits)}")
    return lines


def error_lines(results: list[Result]) -> list[str]:
    """Documents the extractor raised on, by message: kept out of the tables (a crash says
    nothing about a layout trait) but never hidden."""
    by_message: dict[str, list[int]] = defaultdict(list)
    for r in results:
        if r.error:
            by_message[r.error].append(r.seed)
    return [f"- {len(seeds)} × `{msg}` (seeds {seeds[:8]})" for msg, seeds in by_message.items()]


def section(title: str, everything: list[Result]) -> list[str]:
    results = [r for r in everything if not r.error]
    if not everything:
        return []
    pages = sum(r.pages for r in results) or 1
    secs = sum(r.seconds for r in results)
    errors = error_lines(everything)
    out = [f"## {title}: {len(results)} documents scored, {pages} pages, "
           f"{secs / pages:.3f} s CPU/page; {len(everything) - len(results)} extraction errors",
           "", *errors, ""]  # fmt: skip
    out += [*trait_table(results), "", "### By section", "", *section_table(results)]
    # The unit's place dominates (a missed unit spoils every amount); the same table over
    # the documents with the plain unit line shows the other traits' own weight.
    plain = [r for r in results if "unit_place=unit_line" in r.traits]
    if len(plain) >= 20:
        out += ["", "### Documents with the unit on its own line (unit_place=unit_line)", ""]
        out += trait_table(plain)
    out += ["", "### Weakest trait values", "", *weakest(results)]
    out += ["", "### 10 worst documents", "", *worst_docs(results), ""]
    return out


def write_report(head: list[str], results: list[Result], path: Path) -> None:
    """Print the report (digital, then scanned sections under `head`) and write it to `path`."""
    groups: dict[bool, list[Result]] = defaultdict(list)
    for r in results:
        groups[r.scanned].append(r)
    lines = head + section("Digital", groups[False]) + section("Scanned (150 dpi)", groups[True])
    text = "\n".join(lines)
    print(text)
    path.write_text(text + "\n", encoding="utf-8")


def header(args: argparse.Namespace, wall: float) -> list[str]:
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()  # fmt: skip
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"],
                           capture_output=True, text=True).stdout.strip()  # fmt: skip
    return ["# Synthetic layouts: recall and accepted-wrong per trait", "",
            f"- commit {commit}{' (uncommitted changes)' if dirty else ''}; "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
            f"- machine: {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}; pool of {args.workers}",
            f"- seeds {args.start}..{args.start + args.n - 1} digital, "
            f"{_scan_start(args)}..{_scan_start(args) + args.scanned - 1} scanned; "
            f"wall {wall / 60:.1f} min",
            "- `python benchmarks/bench_synth.py --n N --scanned K`; documents: "
            "`python -m tests.synth.generate --seeds A:B --out DIR`", ""]  # fmt: skip


def _scan_start(args: argparse.Namespace) -> int:
    """A merged report's scans may come from other seeds than its digital runs."""
    return int(getattr(args, "scanned_start", args.start))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--scanned", type=int, default=0)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "synth_report.md")
    ap.add_argument("--jsonl", type=Path, help="also write one line per document (raw scores)")
    ap.add_argument("--scan-sheets", type=int, default=0, help="tables scanned per document")
    args = ap.parse_args()
    if load_score() is None:
        sys.exit("../shared/tools/score.py not found")
    seeds = range(args.start, args.start + args.n)
    scanned = range(args.start, args.start + args.scanned)  # --n 0 --scanned K: scans only
    jobs = [(s, False, 0) for s in seeds] + [(s, True, args.scan_sheets) for s in scanned]
    t0 = time.time()
    results: list[Result] = []
    with Pool(args.workers, maxtasksperchild=50) as pool:
        for i, r in enumerate(pool.imap_unordered(run_one, jobs, chunksize=2), 1):
            results.append(r)
            if i % 50 == 0:
                print(f"{i}/{len(jobs)} {time.time() - t0:.0f}s", file=sys.stderr, flush=True)
    results.sort(key=lambda r: (r.scanned, r.seed))
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as f:
            for r in results:
                f.write(json.dumps(asdict(r), ensure_ascii=False, default=str) + "\n")
    write_report(header(args, time.time() - t0), results, args.report)


if __name__ == "__main__":
    main()
