"""camelot's own test suite: our table stage beside camelot (lattice, stream), pdfplumber, tabula.

    .venv/bin/python benchmarks/bench_camelot_suite.py [--json OUT.json] [--only NAME ...]
        [--tools "camelot lattice" ...] [--peers-from SAVED.json]

--peers-from takes the peers' per-case scores from an earlier --json run instead of running
them again (their code does not change between our rounds; a full peer run takes ~15 minutes
on a loaded machine); their seconds are then not measured.

Cases: every (expected table, PDF) in /work/shared/realdata/camelot_tests/expected_tables.json
(identical duplicates counted once).  A case from camelot's lattice tests is "ruled", one from
its stream / network / hybrid tests "unruled".  Every tool runs with its defaults on every page
of the PDF; the found table that best matches the expected one is scored:

- exact: a cell counts when its text equals the expected text at the same (row, col), over
  the positions where either table has text;
- normalised: the same with whitespace and dot leaders removed and case folded (camelot
  writes a multi-line cell as "a \\nb" in lattice, and spreads a leader's dots over lines);
- aligned: the normalised score with the found table shifted up or down by up to 6 rows and
  left or right by up to 2 columns, the best shift kept (camelot stream puts the title and
  notes above a table into it in some tests and not in others; a table found with or without
  them is otherwise scored 0 for a shifted body); cells left without a partner still count;
- any position: F1 of the normalised non-empty texts as multisets (structure ignored).

Many of camelot's tests pass an option (a table area, column positions, where a merged
cell's text goes); their expected table is that option's output.  "ours, default" runs with
no hint at all; "ours, with the test's options" passes the same options as our own keyword
hints (extractors/tables/hints.py, TEST_OPTIONS below) where we have the notion, and runs as
the default elsewhere.  The peers run with their defaults throughout; tabula only where `java`
is on PATH.

camelot's expected tables are its own outputs, a format rather than a truth: its stream
flavour puts each line of a multi-line cell on a row of its own.  Our tables are scored both
as they are and with each multi-line cell split into rows that way; `ours` reports the better
of the two per case, and both are listed.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from camelot_options import TEST_OPTIONS, hints_for
from camelot_scoring import Grid, Score, best
from peers import FINDERS, Found, java_available, md_table, ours, stamp

SUITE = Path("/work/shared/realdata/camelot_tests")
PASSWORDS = {"health_protected.pdf": "userpass"}
OURS = "ours, default"
HINTED = "ours, with the test's options"
TOOLS = (OURS, "camelot lattice", "camelot stream", "pdfplumber", "tabula")
# camelot tests that pass a non-default option (named after it): their expected table is the
# output of that option, which no tool run with its defaults is asked to reproduce.
OPTION_TESTS = re.compile(
    r"^test_[a-z]+_(table_areas|table_regions|columns|flag_size|strip_text|split_text|"
    r"edge_tol|layout_kwargs|copy_text|shift_text):"
)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    pdf: Path
    ruled: bool
    expected: Grid
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class CaseResult:
    case: str
    pdf: str
    ruled: bool
    shape: tuple[int, int]
    scores: dict[str, Score] = field(default_factory=dict)


def load_cases(only: list[str] | None) -> list[Case]:
    seen: set[str] = set()
    cases = []
    for entry in json.loads((SUITE / "expected_tables.json").read_text()):
        for pdf in entry["pdfs"]:
            key = pdf + json.dumps(entry["expected_rows"])
            if key in seen:
                continue
            seen.add(key)
            name = f"{entry['test']}:{Path(pdf).stem}"
            if only and not any(o in name for o in only):
                continue
            ruled = not entry["flavor"]  # the lattice tests name no flavour
            test = entry["test"]
            options = TEST_OPTIONS.get(f"{test}:{entry['data_var']}", TEST_OPTIONS.get(test, {}))
            cases.append(Case(name, SUITE / pdf, ruled, entry["expected_rows"], options))
    return cases


def run(cases: list[Case], tools: list[str]) -> tuple[list[CaseResult], dict[str, float]]:
    seconds: dict[str, float] = dict.fromkeys([*tools, HINTED], 0.0)
    found: dict[tuple[str, Path], list[Found]] = {}
    for pdf in sorted({c.pdf for c in cases}):
        for tool in tools:
            start = time.perf_counter()
            try:
                found[tool, pdf] = FINDERS["ours" if tool == OURS else tool](
                    pdf, PASSWORDS.get(pdf.name)
                )
            except Exception as err:  # a peer failing on a file scores 0 there, the run goes on
                print(f"{tool} failed on {pdf.name}: {err}", file=sys.stderr)
                found[tool, pdf] = []
            seconds[tool] += time.perf_counter() - start
        print(f"read {pdf.name}", file=sys.stderr)
    results = []
    for case in cases:
        res = CaseResult(case.name, case.pdf.name, case.ruled, _shape(case.expected))
        for tool in tools:
            res.scores[tool] = best(case.expected, found[tool, case.pdf], split=tool == OURS)
        start = time.perf_counter()
        hinted = (
            ours(case.pdf, PASSWORDS.get(case.pdf.name), hints_for(case.options))
            if case.options
            else found[OURS, case.pdf]
        )
        seconds[HINTED] += time.perf_counter() - start
        res.scores[HINTED] = best(case.expected, hinted, split=True)
        ours_as_is = best(case.expected, found[OURS, case.pdf], split=False)
        res.scores["ours (as is only)"] = ours_as_is
        results.append(res)
    return results, seconds


def _shape(grid: Grid) -> tuple[int, int]:
    return len(grid), max([len(r) for r in grid] or [0])


def summary(
    results: list[CaseResult], tool: str, ruled: bool | None, defaults: bool = False
) -> list[object]:
    chosen = [r for r in results if ruled is None or r.ruled == ruled]
    if defaults:
        chosen = [r for r in chosen if not OPTION_TESTS.search(r.case)]
    scores = [r.scores[tool] for r in chosen] or [Score()]
    label = {True: "ruled", False: "unruled", None: "all"}[ruled]
    label += ", default options" if defaults else ""
    return [
        tool,
        f"{label} ({len(chosen)})",
        sum(s.found for s in scores),
        statistics.fmean(s.exact for s in scores),
        statistics.fmean(s.normalised for s in scores),
        statistics.fmean(s.aligned for s in scores),
        statistics.fmean(s.any_position for s in scores),
        sum(s.exact_table for s in scores),
    ]


def render(results: list[CaseResult], seconds: dict[str, float], peers: list[str]) -> str:
    tools = [OURS, HINTED, *peers[1:], "ours (as is only)"]
    head = [
        "tool",
        "cases",
        "found",
        "cell acc. exact",
        "normalised",
        "aligned",
        "any position",
        "exact",
    ]
    kinds = [k for k in (True, False) if any(r.ruled == k for r in results)] + [None]
    rows = [summary(results, t, ruled) for ruled in kinds for t in tools]
    defaults = [summary(results, t, ruled, defaults=True) for ruled in kinds for t in peers]
    shown = [OURS, HINTED, *peers[1:]]
    per_case = [
        [r.case, "ruled" if r.ruled else "unruled", f"{r.shape[0]}×{r.shape[1]}"]
        + [f"{r.scores[t].normalised:.2f} / {r.scores[t].aligned:.2f}" for t in shown]
        + [r.scores[OURS].convention]
        for r in results
    ]
    time_rows: list[list[object]] = [[t, seconds.get(t, "(saved)")] for t in [*peers, HINTED]]
    return "\n\n".join(
        [
            "## camelot test suite: table stage vs peers",
            stamp(),
            "Mean over cases of the best-matching table's cell accuracy (see the script's "
            "docstring for the definitions).  found = cases where the tool returned any table "
            "on the file; exact = tables equal to the expected one after normalising text.",
            md_table(head, rows),
            "The same without the option-dependent cases (tests that pass camelot an option: "
            + OPTION_TESTS.pattern.split("(")[1].split(")")[0].replace("|", ", ")
            + "):",
            md_table(head, defaults),
            "Per case, normalised / aligned cell accuracy:",
            md_table(["case", "kind", "expected", *shown, "ours: convention"], per_case),
            "Seconds for the whole suite, per tool (all pages of every file):",
            md_table(["tool", "seconds"], time_rows),
        ]
    )


def _saved_peers(results: list[CaseResult], saved: Path) -> list[str]:
    """Peers' scores from a saved run, case by case in order (a case name can repeat: one
    camelot test checks several expected tables of one file)."""
    queue: dict[str, list[dict[str, Any]]] = {}
    for r in json.loads(saved.read_text()):
        queue.setdefault(f"{r['case']} {r['shape']}", []).append(r["scores"])
    for res in results:
        old = queue[f"{res.case} {list(res.shape)}"].pop(0)
        res.scores.update({t: Score(**old[t]) for t in TOOLS[1:] if t in old})
    return [t for t in TOOLS[1:] if all(t in r.scores for r in results)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path, help="write the per-case scores here")
    parser.add_argument("--only", nargs="*", help="cases whose name contains one of these")
    parser.add_argument(
        "--tools", nargs="*", default=list(TOOLS[1:]), help="peers to run beside ours (all)"
    )
    parser.add_argument("--peers-from", type=Path, help="peers' scores saved by --json")
    args = parser.parse_args()
    peers = [OURS, *(t for t in TOOLS[1:] if t in args.tools and not args.peers_from)]
    if "tabula" in peers and not java_available():  # tabula-py runs tabula-java
        peers.remove("tabula")
    results, seconds = run(load_cases(args.only), peers)
    if args.peers_from:
        peers = [OURS, *_saved_peers(results, args.peers_from)]
    print(render(results, seconds, peers))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
