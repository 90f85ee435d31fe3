"""ICDAR 2013 table competition: our table stage beside camelot, pdfplumber and tabula.

    .venv/bin/python benchmarks/bench_icdar.py [--json OUT.json] [--only eu-001 ...]
        [--tools ours "camelot lattice" ...]

The 67 PDFs of /work/shared/realdata/icdar2013/ (EU and US sets), every page, each tool with
its defaults (the complete process: no tool is given the table regions).  Metrics as in the
competition (benchmarks/icdar_metrics.py):

- region detection: character-level precision and recall, summed over all documents, and
  how many true tables a single found table covers completely, and how many found tables
  are pure (hold characters of one true table and nothing outside it);
- structure: adjacency relations of the found tables that overlap a true table region
  (intersection over the smaller box ≥ 0.5, same page) against the true relations; summed
  over documents (micro) and the mean of per-document precision / recall (a document where
  a tool finds nothing scores 0 for it).
tabula runs only when `java` is on PATH (Debian: default-jre-headless).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pdfplumber

sys.path.insert(0, str(Path(__file__).resolve().parent))

from icdar_metrics import (
    BBox,
    GtTable,
    Relation,
    grid_cells,
    inside,
    load_regions,
    load_structure,
    overlap_ratio,
    relations,
)
from peers import FINDERS, Found, java_available, md_table, stamp

DATASET = Path("/work/shared/realdata/icdar2013")
TOOLS = ("ours", "camelot lattice", "camelot stream", "pdfplumber", "tabula")
STRUCTURE_OVERLAP = 0.5


@dataclass(slots=True)
class DocScore:
    doc: str
    gt_chars: int = 0
    det_chars: int = 0
    hit_chars: int = 0
    gt_tables: int = 0
    complete: int = 0
    found_tables: int = 0
    pure: int = 0
    gt_rel: int = 0
    det_rel: int = 0
    hit_rel: int = 0


@dataclass(slots=True)
class Truth:
    pdf: Path
    chars: dict[int, list[tuple[float, float]]]
    regions: list[tuple[int, BBox]]
    tables: list[GtTable]


@dataclass(slots=True)
class ToolRun:
    tool: str
    seconds: float = 0.0
    docs: list[DocScore] = field(default_factory=list)


def load(pdf: Path) -> Truth:
    with pdfplumber.open(str(pdf)) as doc:
        heights = {i: float(p.height) for i, p in enumerate(doc.pages, start=1)}
        chars = {
            i: [
                ((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2)
                for c in p.chars
                if c["text"].strip()
            ]
            for i, p in enumerate(doc.pages, start=1)
        }
    stem = pdf.with_suffix("")
    regions = load_regions(Path(f"{stem}-reg.xml"), heights)
    tables = load_structure(Path(f"{stem}-str.xml"), heights)
    return Truth(pdf, chars, regions, tables)


def score_doc(truth: Truth, found: list[Found]) -> DocScore:
    s = DocScore(truth.pdf.stem, gt_tables=len(truth.regions), found_tables=len(found))
    for page, points in truth.chars.items():
        gts = [b for p, b in truth.regions if p == page]
        dets = [t.bbox for t in found if t.page == page]
        for pt in points:
            in_gt = [i for i, b in enumerate(gts) if inside(pt, b)]
            in_det = any(inside(pt, b) for b in dets)
            s.gt_chars += bool(in_gt)
            s.det_chars += in_det
            s.hit_chars += bool(in_gt) and in_det
        s.complete += sum(_complete(points, g, dets) for g in gts)
        s.pure += sum(_pure(points, d, gts) for d in dets)
    truth_rel: Counter[Relation] = Counter()
    found_rel: Counter[Relation] = Counter()
    for gt in truth.tables:
        truth_rel += relations(gt.cells)
    for t in found:
        near = [g for g in truth.tables if g.page == t.page]
        if any(overlap_ratio(t.bbox, g.bbox) >= STRUCTURE_OVERLAP for g in near):
            found_rel += relations(grid_cells(t.rows))
    s.gt_rel, s.det_rel = sum(truth_rel.values()), sum(found_rel.values())
    s.hit_rel = sum((truth_rel & found_rel).values())
    return s


def _complete(points: list[tuple[float, float]], gt: BBox, dets: list[BBox]) -> bool:
    mine = [p for p in points if inside(p, gt)]
    return bool(mine) and any(all(inside(p, d) for p in mine) for d in dets)


def _pure(points: list[tuple[float, float]], det: BBox, gts: list[BBox]) -> bool:
    mine = [p for p in points if inside(p, det)]
    return bool(mine) and any(all(inside(p, g) for p in mine) for g in gts)


def run(pdfs: list[Path], tools: list[str], save: Path | None = None) -> list[ToolRun]:
    """Scores every tool on every PDF; `save` is rewritten after each PDF (long runs)."""
    runs = {t: ToolRun(t) for t in tools}
    for pdf in pdfs:
        truth = load(pdf)
        for tool in tools:
            start = time.perf_counter()
            try:
                found = FINDERS[tool](pdf, None)
            except Exception as err:  # a peer failing on a file scores 0 there
                print(f"{tool} failed on {pdf.name}: {err}", file=sys.stderr)
                found = []
            runs[tool].seconds += time.perf_counter() - start
            runs[tool].docs.append(score_doc(truth, found))
        print(f"scored {pdf.name}", file=sys.stderr)
        if save:
            save.write_text(json.dumps([asdict(r) for r in runs.values()], indent=1))
    return list(runs.values())


def prf(hit: int, det: int, gt: int) -> tuple[float, float, float]:
    p = hit / det if det else 0.0
    r = hit / gt if gt else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary_rows(runs: list[ToolRun]) -> tuple[list[list[object]], list[list[object]]]:
    region, structure = [], []
    for run in runs:
        d = run.docs
        rp, rr, rf = prf(
            *(sum(getattr(x, k) for x in d) for k in ("hit_chars", "det_chars", "gt_chars"))
        )
        region.append(
            [
                run.tool,
                rp,
                rr,
                rf,
                f"{sum(x.complete for x in d)}/{sum(x.gt_tables for x in d)}",
                f"{sum(x.pure for x in d)}/{sum(x.found_tables for x in d)}",
                run.seconds,
            ]
        )
        sp, sr, sf = prf(*(sum(getattr(x, k) for x in d) for k in ("hit_rel", "det_rel", "gt_rel")))
        per_doc = [prf(x.hit_rel, x.det_rel, x.gt_rel) for x in d]
        mp = sum(p for p, _, _ in per_doc) / len(per_doc)
        mr = sum(r for _, r, _ in per_doc) / len(per_doc)
        mf = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
        structure.append([run.tool, sp, sr, sf, mp, mr, mf])
    return region, structure


def render(runs: list[ToolRun], n_docs: int, skipped: str) -> str:
    region, structure = summary_rows(runs)
    per_doc = [
        [runs[0].docs[i].doc]
        + [f"{prf(r.docs[i].hit_rel, r.docs[i].det_rel, r.docs[i].gt_rel)[2]:.2f}" for r in runs]
        for i in range(n_docs)
    ]
    return "\n\n".join(
        [
            "## ICDAR 2013 table competition: table stage vs peers",
            stamp() + skipped,
            f"{n_docs} documents, every page, complete process (no tool is given the regions).",
            "Region detection (characters; complete = true tables one found table covers "
            "entirely; pure = found tables holding characters of one true table only):",
            md_table(["tool", "precision", "recall", "F1", "complete", "pure", "seconds"], region),
            "Structure (adjacency relations of the cells, found tables overlapping a true "
            "region): summed over documents, then the mean of per-document figures:",
            md_table(
                ["tool", "P", "R", "F1", "P (doc mean)", "R (doc mean)", "F1 (doc mean)"], structure
            ),
            "Per document, relation F1:",
            md_table(["document", *[r.tool for r in runs]], per_doc),
        ]
    )


def merged(files: list[Path]) -> list[ToolRun]:
    """Runs saved by --json, one tool's documents possibly spread over several files; only
    the documents every tool finished are kept, in name order."""
    runs: dict[str, ToolRun] = {}
    for f in files:
        for r in json.loads(f.read_text()):
            into = runs.setdefault(r["tool"], ToolRun(r["tool"]))
            into.seconds += r["seconds"]
            into.docs += [DocScore(**d) for d in r["docs"]]
    common = set.intersection(*({d.doc for d in r.docs} for r in runs.values()))
    for r in runs.values():
        unique = {d.doc: d for d in reversed(r.docs)}  # a document scored twice: the first
        r.docs = sorted((d for d in unique.values() if d.doc in common), key=lambda d: d.doc)
    return [runs[t] for t in TOOLS if t in runs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", nargs="*", help="documents whose name contains one of these")
    parser.add_argument("--tools", nargs="*", default=list(TOOLS), choices=TOOLS)
    parser.add_argument(
        "--from-json", nargs="*", type=Path, help="report runs saved by --json (one per tool)"
    )
    args = parser.parse_args()
    if args.from_json:
        saved = merged(args.from_json)
        if args.json:
            args.json.write_text(json.dumps([asdict(r) for r in saved], indent=1))
        print(render(saved, len(saved[0].docs), ""))
        return 0
    pdfs = sorted(DATASET.glob("competition-dataset-*/*.pdf"))
    if args.only:
        pdfs = [p for p in pdfs if any(o in p.stem for o in args.only)]
    tools, skipped = list(args.tools), ""
    if "tabula" in tools and not java_available():
        tools.remove("tabula")
        skipped = "  tabula skipped: no java on PATH."
    runs = run(pdfs, tools, args.json)
    print(render(runs, len(pdfs), skipped))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
