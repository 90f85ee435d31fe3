"""`budgetlens extract IN.pdf -o OUT.json` (or a folder of PDFs -> a folder of JSON).

Exit 0 on success, 2 with a one-line reason on bad input, 1 if some files in a batch failed.

`budgetlens check OUT.json [--json]`: the findings and the review items of an extraction,
for a person; exit 0 when there are none, 1 otherwise, 2 on a bad input file.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from extractors.errors import InputError
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document
from schemas import BudgetDocument

FORMATS = ("json", "csv", "xlsx")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        from extractors.checkreport import run_check

        return run_check(args.input, as_json=args.json)
    if args.command != "extract":
        parser.print_help()
        return 2
    try:
        options = PipelineOptions.from_env()
    except ValueError as err:
        _say(f"budgetlens: {err}")
        return 2
    source: Path = args.input
    if source.is_dir():
        return _batch(source, args.output, args.format, options, args.quiet)
    return _single(source, args.output, args.format, options, args.quiet)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="budgetlens", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    extract = sub.add_parser("extract", help="extract a PDF (or every PDF in a folder)")
    extract.add_argument("input", type=Path, help="a PDF file or a folder of PDFs")
    extract.add_argument("-o", "--output", type=Path, help="output file (or folder for a batch)")
    extract.add_argument("--format", choices=FORMATS, default="json")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    check = sub.add_parser("check", help="print the findings and review items of an extraction")
    check.add_argument("input", type=Path, help="a JSON file written by `budgetlens extract`")
    check.add_argument("--json", action="store_true", help="print the same as JSON")
    return parser


def _single(
    source: Path, target: Path | None, fmt: str, options: PipelineOptions, quiet: bool
) -> int:
    start = time.perf_counter()
    try:
        doc = extract_document(source, options, progress=None if quiet else _progress(source.name))
    except InputError as err:
        _say(f"budgetlens: {source}: {err.reason}")
        return 2
    target = target or source.with_suffix(f".{fmt}")
    _write(doc, target, fmt)
    if not quiet:
        _say(_summary(doc, target, time.perf_counter() - start))
    return 0


def _batch(
    folder: Path, target: Path | None, fmt: str, options: PipelineOptions, quiet: bool
) -> int:
    pdfs = sorted(p for p in folder.rglob("*") if p.suffix.lower() == ".pdf")
    out_dir = target or folder
    out_dir.mkdir(parents=True, exist_ok=True)
    failures = 0
    for index, pdf in enumerate(pdfs, 1):
        if not quiet:
            _say(f"[{index}/{len(pdfs)}] {pdf.relative_to(folder)}")
        out = out_dir / pdf.relative_to(folder).with_suffix(f".{fmt}")
        out.parent.mkdir(parents=True, exist_ok=True)
        failures += _single(pdf, out, fmt, options, quiet) != 0
    if not quiet:
        _say(f"done: {len(pdfs) - failures} of {len(pdfs)} extracted into {out_dir}")
    return 1 if failures else 0


def _write(doc: BudgetDocument, target: Path, fmt: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        target.write_text(doc.model_dump_json(indent=2, exclude_none=True), encoding="utf-8")
    elif fmt == "csv":
        from extractors.export import to_csv

        target.write_text(to_csv(doc), encoding="utf-8")
    else:
        from extractors.export import to_xlsx

        target.write_bytes(to_xlsx(doc))


def _progress(name: str):  # type: ignore[no-untyped-def]
    def report(done: int, total: int) -> None:
        if sys.stderr.isatty() or done == total or done % 25 == 0:
            end = "\n" if done == total else "\r"
            sys.stderr.write(f"  {name}: page {done}/{total}{end}")
            sys.stderr.flush()

    return report


def _summary(doc: BudgetDocument, target: Path, seconds: float) -> str:
    t = doc.totals
    parts = [
        f"{doc.document.department or '?'} {doc.document.fiscal_year or '?'}",
        f"{doc.document.page_count} pages in {seconds:.1f}s",
        f"收入总计={_yuan(t.revenue_total)}",
        f"支出总计={_yuan(t.expenditure_total)}",
        f"基本={_yuan(t.basic_expenditure)} 项目={_yuan(t.project_expenditure)}",
        f"功能科目={len(doc.expenditure_by_function)}",
        f"表={len(doc.tables)} 待复核={doc.review.needs_review} 发现={len(doc.findings)}",
        f"-> {target}",
    ]
    return "  " + " | ".join(parts)


def _yuan(amount: object) -> str:
    value = getattr(amount, "value", None)
    return "—" if value is None else f"{value:,.2f}元"


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
