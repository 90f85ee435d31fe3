"""The calibration data set: one record per scored value (its signals, and whether it is right).

    .venv/bin/python benchmarks/calibration_data.py [--cache DIR] [--workers 2]

Documents (a fixed list, so the set rebuilds with this one command):
- fit: the tuned-on real truth (tests/data/real_truth/, digital; a few also scanned at
  150 dpi) and generated documents (tests/synth) of seeds FIT_SEEDS (some also scanned);
- held-out, measured only: the real holdout truth (tests/data/real_truth_holdout/, digital
  and a few scanned) and generated documents of seeds nothing was fitted on.
Each document's records are cached as DIR/KEY.jsonl, so a rerun only extracts what is new.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from multiprocessing import Pool
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BUDGETLENS_OCR_WORKERS", "1")  # the pool below is the parallelism

from benchmarks.truth_score import HOLDOUT_DIR, TRUTH_DIR, judge, manifest  # noqa: E402
from extractors.calibration.features import Evidence, evidence  # noqa: E402

CACHE = Path(tempfile.gettempdir()) / "budgetlens_calibration"
FIT_SEEDS = range(7000, 7060)
HELDOUT_SEEDS = range(9000, 9030)
# Scanned renderings cost minutes each: the shorter documents, a few per part.
FIT_SCANNED_REAL = ("beijing_audit_tables", "shanghai_audit", "putuo_finance_final_2024",
                    "putuo_unit_budget", "yantai_audit", "quanzhou_gov_office",
                    "guangzhou_gov_office")  # fmt: skip
HELDOUT_SCANNED_REAL = ("shanghai_data", "putuo_commerce_unit", "fuzhou_civil_affairs",
                        "yantai_stats", "suzhou_water", "wuxi_transport",
                        "chongqing_water")  # fmt: skip
FIT_SCANNED_SEEDS = range(7000, 7008)
HELDOUT_SCANNED_SEEDS = range(9000, 9008)
MARK = 1e6  # confidences are replaced by index / MARK to find each scored value's signals


@dataclass(frozen=True, slots=True)
class Job:
    key: str  # cache file name
    split: str  # fit | heldout
    kind: str  # real | synth
    scanned: bool
    name: str  # real: truth name; synth: seed


@dataclass(frozen=True, slots=True)
class Record:
    key: str
    split: str
    kind: str
    scanned: bool
    path: str
    right: bool
    status: str
    evidence: Evidence


def jobs() -> list[Job]:
    out = []
    for split, folder, scanned_names in (
        ("fit", TRUTH_DIR, FIT_SCANNED_REAL),
        ("heldout", HOLDOUT_DIR, HELDOUT_SCANNED_REAL),
    ):
        for name in manifest(folder):
            out.append(Job(f"real_{name}", split, "real", False, name))
            if name in scanned_names:
                out.append(Job(f"real_{name}_scan150", split, "real", True, name))
    for split, seeds, scanned_seeds in (
        ("fit", FIT_SEEDS, FIT_SCANNED_SEEDS),
        ("heldout", HELDOUT_SEEDS, HELDOUT_SCANNED_SEEDS),
    ):
        out += [Job(f"synth_{s}", split, "synth", False, str(s)) for s in seeds]
        out += [Job(f"synth_{s}_scan", split, "synth", True, str(s)) for s in scanned_seeds]
    return out


def run_job(job: Job, cache: Path) -> Path:
    target = cache / f"{job.key}.jsonl"
    if target.exists():
        return target
    with tempfile.TemporaryDirectory() as tmp:
        pdf, want = _document(job, Path(tmp))
        doc, marked = _extract(pdf)
    scorer = judge()
    assert scorer is not None, "../shared/tools/score.py is needed"
    records = _score(job, doc, want, marked, scorer)
    lines = [json.dumps(asdict(r), ensure_ascii=False) for r in records]
    target.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return target


def _document(job: Job, tmp: Path) -> tuple[Path, dict[str, Any]]:
    if job.kind == "synth":
        from tests.synth.generate import write

        pdf = write(int(job.name), tmp, job.scanned)
        want = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
        return (pdf.with_suffix(".scan.pdf") if job.scanned else pdf), want
    folder = TRUTH_DIR if job.split == "fit" else HOLDOUT_DIR
    pdf = manifest(folder)[job.name]
    want = json.loads((folder / f"{job.name}.truth.json").read_text(encoding="utf-8"))
    if job.scanned:
        sys.path.insert(0, str(ROOT / "tests" / "data" / "scanned"))
        from build import Variant, scan_pdf  # type: ignore[import-not-found]

        out = tmp / f"{pdf.stem}_150.pdf"
        scan_pdf(pdf, out, Variant("150", 150, 1.5, 8.0, 0.5, 60))
        pdf = out
    return pdf, want


def _extract(pdf: Path) -> tuple[dict[str, Any], list[Evidence]]:
    """The document as JSON with each value's confidence replaced by a marker, and the
    evidence behind each marker."""
    from extractors.backends.pdf_open import inspect_pdf
    from extractors.ocr.pool import ocr_worker_count
    from extractors.options import PipelineOptions
    from extractors.pipeline import DOCUMENT_STAGES, read_pages
    from extractors.stages.build import score_confidence
    from extractors.stages.state import DocumentState, need

    options = PipelineOptions()
    info = inspect_pdf(pdf, options.limits)
    pages = range(1, info.page_count + 1)
    results = read_pages(pdf, pages, options, ocr_workers=ocr_worker_count(options))
    state = DocumentState(info=info, results=results, options=options)
    marked: list[Evidence] = []
    for stage in DOCUMENT_STAGES:
        if stage is score_confidence:
            judged = need(state.judged, "judged")
            found = {
                path: evidence(v, len(judged.confirmed.get(path, ())), judged.doubt.get(path, 0.0))
                for path, v in need(state.values, "values").items()
            }
        state = stage(state)
        if stage is score_confidence:
            for path, amount in need(state.amounts, "amounts").items():
                amount.confidence = len(marked) / MARK
                marked.append(found[path])
    return need(state.document, "document").model_dump(mode="json"), marked


def _score(
    job: Job, doc: dict[str, Any], want: dict[str, Any], marked: list[Evidence], scorer: ModuleType
) -> list[Record]:
    out = []
    saved = scorer.amount
    for path, expected in want.items():
        seen: list[float] = []

        def capture(x: Any, seen: list[float] = seen) -> Any:
            if isinstance(x, dict) and "confidence" in x:
                seen.append(float(x["confidence"]))
            return saved(x)

        scorer.amount = capture
        try:
            hit = scorer.lookup(doc, path)
        finally:
            scorer.amount = saved
        if hit is None or hit[0] is None or not seen:
            continue  # missing: no confidence to judge
        index = round(seen[0] * MARK)
        if index >= len(marked) or abs(index / MARK - seen[0]) > 1e-12:
            continue  # a value built outside the confidence stage (a government-code row)
        right = bool(scorer.same(hit[0], expected))
        out.append(Record(job.key, job.split, job.kind, job.scanned, path, right,
                          str(hit[1]), marked[index]))  # fmt: skip
    return out


def load(cache: Path = CACHE) -> list[Record]:
    """Every cached record of the current job list."""
    out = []
    for job in jobs():
        target = cache / f"{job.key}.jsonl"
        if not target.exists():
            continue
        for line in target.read_text(encoding="utf-8").splitlines():
            raw = json.loads(line)
            ev = raw.pop("evidence")
            ev["penalties"] = tuple(tuple(p) for p in ev["penalties"])
            out.append(Record(**raw, evidence=Evidence(**ev)))
    return out


def _run(args: tuple[Job, Path]) -> str:
    job, cache = args
    try:
        run_job(job, cache)
        return f"{job.key}: ok"
    except Exception as exc:  # one bad document must not stop the rest
        return f"{job.key}: failed {exc!r}"[:300]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--digital-only", action="store_true", help="skip the scanned jobs")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    todo = [j for j in jobs() if not (args.digital_only and j.scanned)]
    # Scanned jobs last (the digital part is usable while they run); of those the real
    # documents first, the fit part's before the held-out ones (a run cut short still
    # refits on real scans), then the generated ones, held-out first.
    todo.sort(
        key=lambda j: (j.scanned, j.kind != "real", (j.split == "heldout") == (j.kind == "real"))
    )
    with Pool(args.workers) as pool:
        for line in pool.imap_unordered(_run, [(j, args.cache) for j in todo]):
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
