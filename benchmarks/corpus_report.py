"""Per real document: fields extracted, checks passed / failed, seconds per page.

    .venv/bin/python benchmarks/corpus_report.py [FOLDER] [--jobs 2] [--markdown OUT.md]

A budget document "passes" when 收入总计, 支出总计, 基本支出, 项目支出, the function-code
table and 三公 are extracted and every identity they take part in holds.

Documents are grouped so the pass rate is over what it should be over:
- budget: a 部门/单位预算 with its standard tables;
- narrative only: a 预算 whose tables are published as a separate file (北京's 附件2);
- final accounts: a 决算, whatever the file is called;
- not a budget: what the corpus itself files as not a budget (`_scanned_not_budget`);
- checker sample: GovBudgetChecker's deliberately broken files and empty templates.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas import BudgetDocument

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
    group: str = "budget"


def run_one(path: Path) -> Row:
    """Extract one document and judge it."""
    from extractors.errors import InputError
    from extractors.pipeline import extract_document
    from schemas.paths import iter_amounts

    start = time.perf_counter()
    try:
        doc = extract_document(path)
    except InputError as err:
        return Row(
            path.name, 0, 0.0, "-", "", 0, False, 0, 0, 0, 0, False, f"input: {err}", "unreadable"
        )
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
        group=_group(path, doc),
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


def _group(path: Path, doc: BudgetDocument) -> str:
    if "_scanned_not_budget" in path.parts:
        return "not a budget"
    if "samples" in path.parts:
        return "checker sample"
    if doc.document.kind.value == "final_accounts":
        return "final accounts"
    summaries = {"revenue_expenditure_summary", "expenditure_summary", "general_budget_expenditure"}
    if not any(t.kind.value in summaries for t in doc.tables):
        return "narrative only"
    return "budget"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path, default=REALDATA)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path, help="also write the report here")
    args = parser.parse_args()
    pdfs = sorted(args.folder.rglob("*.pdf"))
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(run_one, pdfs))
    report = "\n".join(_report(rows))
    print(report)
    if args.markdown:
        args.markdown.write_text(report + "\n")
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1))


def _report(rows: list[Row]) -> list[str]:
    columns = ["file", "group", "pages", "s/page", "kind", "core", "func", "三公"]
    columns += ["checks ok/failed", "findings", "review", "ok"]
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for r in rows:
        per_page = r.seconds / r.pages if r.pages else 0
        cells = [r.file[-48:], r.group, r.pages, f"{per_page:.3f}", r.kind, r.core, r.functions]
        cells += ["y" if r.three_public else "-", f"{r.checks_passed}/{r.checks_failed}"]
        cells += [r.findings, r.review, "✓" if r.ok else r.reason]
        out.append("| " + " | ".join(map(str, cells)) + " |")
    out.append("")
    groups = ("budget", "narrative only", "final accounts", "not a budget", "checker sample")
    for group in (*groups, "unreadable"):
        members = [r for r in rows if r.group == group]
        if members:
            passed = sum(r.ok for r in members)
            out.append(f"- {group}: {passed} of {len(members)} pass all core criteria")
    out.append(f"- all documents: {sum(r.ok for r in rows)} of {len(rows)}")
    return out


if __name__ == "__main__":
    main()
