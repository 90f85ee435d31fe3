"""Per real document: fields extracted, checks passed / failed, seconds per page.

    .venv/bin/python benchmarks/corpus_report.py [FOLDER] [--jobs 2] [--markdown OUT.md]

A budget document "passes" when 收入总计, 支出总计, 基本支出, 项目支出, the function-code
table and 三公 are extracted and every identity they take part in holds.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata" / "cn_budget"
CORE = ["revenue_total", "expenditure_total", "basic_expenditure", "project_expenditure"]
CORE_SECTIONS = ("totals.", "expenditure_by_function.", "three_public.")


@dataclass
class Row:
    file: str
    pages: int
    seconds: float
    kind: str
    core: str  # which of the core fields are present, e.g. "RE-P"
    functions: int
    three_public: bool
    checks_passed: int
    checks_failed: int
    findings: int
    review: int
    ok: bool
    reason: str


def run_one(path: Path) -> Row:
    from extractors.errors import InputError
    from extractors.pipeline import extract_document
    from schemas.paths import iter_amounts

    start = time.perf_counter()
    try:
        doc = extract_document(path)
    except InputError as err:
        return Row(path.name, 0, 0.0, "-", "", 0, False, 0, 0, 0, 0, False, f"input: {err}")
    seconds = time.perf_counter() - start
    present = [getattr(doc.totals, f) is not None for f in CORE]
    checks = [c for _, a in iter_amounts(doc) for c in a.checks]
    failed = sum(not c.passed for c in checks)
    # The criterion: the identities of the core fields (totals, function table, 三公) hold.
    core_failed = sum(
        not c.passed
        for path, a in iter_amounts(doc)
        if path.startswith(CORE_SECTIONS)
        for c in a.checks
    )
    three = doc.three_public is not None and doc.three_public.total is not None
    missing = [f for f, p in zip(CORE, present, strict=True) if not p]
    reasons = []
    if missing:
        reasons.append("missing " + ",".join(missing))
    if not doc.expenditure_by_function:
        reasons.append("no function table")
    if not three:
        reasons.append("no 三公 total")
    if core_failed:
        reasons.append(f"{core_failed} failed core checks")
    if any(p.status != "ok" for p in doc.document.pages):
        reasons.append("pages need OCR")
    return Row(
        file=str(path.relative_to(REALDATA)) if REALDATA in path.parents else path.name,
        pages=doc.document.page_count,
        seconds=round(seconds, 2),
        kind=doc.document.kind.value,
        core="".join("REBP"[i] if p else "-" for i, p in enumerate(present)),
        functions=len(doc.expenditure_by_function),
        three_public=three,
        checks_passed=len(checks) - failed,
        checks_failed=failed,
        findings=len(doc.findings),
        review=doc.review.needs_review,
        ok=not reasons,
        reason="; ".join(reasons),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=REALDATA)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    pdfs = sorted(args.folder.rglob("*.pdf"))
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(run_one, pdfs))
    columns = ["file", "pages", "s/page", "kind", "core", "func", "三公", "checks ok/failed"]
    columns += ["findings", "review", "ok"]
    print("| " + " | ".join(columns) + " |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        per_page = r.seconds / r.pages if r.pages else 0
        cells = [r.file[-48:], r.pages, f"{per_page:.3f}", r.kind, r.core, r.functions]
        cells += ["y" if r.three_public else "-", f"{r.checks_passed}/{r.checks_failed}"]
        cells += [r.findings, r.review, "✓" if r.ok else r.reason]
        print("| " + " | ".join(map(str, cells)) + " |")
    budgets = [r for r in rows if r.pages]
    print(f"\n{sum(r.ok for r in budgets)} of {len(budgets)} documents pass all core criteria")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
