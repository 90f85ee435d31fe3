"""`budgetlens`: extract budget PDFs to the contract's JSON (or CSV / XLSX), check a result,
print the JSON Schema, start the service.

Exit codes: 0 done; 1 some files of a batch failed (or an unexpected error); 2 bad input,
bad flag or an engine that cannot start (one line on stderr, before any page); 3 a document
had pages that failed (written all the same) and --allow-partial was not given.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from extractors.cli_extract import FORMATS, ExtractRequest, run_extract
from extractors.options import OCR_ENGINES, TABLE_ENGINES, PipelineOptions


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        from extractors.checkreport import run_check

        return run_check(args.input, as_json=args.json)
    if args.command == "schema":
        from schemas.export import render

        sys.stdout.write(render())
        return 0
    if args.command == "serve":
        from extractors.cli_serve import serve

        return serve(args.host, args.port)
    if args.command != "extract":
        parser.print_help()
        return 2
    return _extract(args)


def _extract(args: argparse.Namespace) -> int:
    if args.paddleocr_model_dir is not None:
        from extractors.ocr.paddle_engine import PADDLE_MODEL_ENV

        # The engine (and the OCR pool's processes, which inherit it) read the environment.
        os.environ[PADDLE_MODEL_ENV] = str(args.paddleocr_model_dir)
    try:
        options = PipelineOptions.from_env().with_overrides(
            table_engine=args.table_engine,
            ocr_engine=args.ocr_engine,
            review_threshold=args.review_threshold,
        )
    except ValueError as err:
        sys.stderr.write(f"budgetlens: {err}\n")
        return 2
    request = ExtractRequest(
        source=args.input,
        output=args.output,
        fmt=args.format,
        pages=args.pages,
        allow_partial=args.allow_partial,
        quiet=args.quiet,
    )
    return run_extract(request, options)


def _version() -> str:
    try:
        return version("budgetlens")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="budgetlens", description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"budgetlens {_version()}")
    sub = parser.add_subparsers(dest="command")
    _extract_parser(sub.add_parser("extract", help="extract a PDF (or every PDF in a folder)"))
    check = sub.add_parser("check", help="print the findings and review items of an extraction")
    check.add_argument("input", type=Path, help="a JSON file written by `budgetlens extract`")
    check.add_argument("--json", action="store_true", help="print the same as JSON")
    sub.add_parser("schema", help="print the JSON Schema of the output")
    serve = sub.add_parser("serve", help="start the HTTP service (needs budgetlens[service])")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (8000)")
    return parser


def _extract_parser(extract: argparse.ArgumentParser) -> None:
    extract.add_argument("input", type=Path, help="a PDF file or a folder of PDFs")
    extract.add_argument(
        "-o",
        "--output",
        help="output file, `-` for stdout, or a folder for a batch; the format follows the "
        "extension (.json, .csv, .xlsx). Default: next to the input, as JSON",
    )
    extract.add_argument("--format", choices=FORMATS, help="override the output format")
    extract.add_argument("--pages", help="pages to read, 1-based: `3-9`, `1,3,5-7` (default: all)")
    extract.add_argument(
        "--ocr-engine",
        metavar="{" + ",".join(OCR_ENGINES) + "}",
        help="engine for scanned pages (env BUDGETLENS_OCR_ENGINE; default rapidocr)",
    )
    extract.add_argument(
        "--paddleocr-model-dir",
        type=Path,
        help="local PaddleOCR det/ and rec/ models for --ocr-engine paddleocr "
        "(env BUDGETLENS_PADDLEOCR_MODEL_DIR); never downloaded",
    )
    extract.add_argument(
        "--table-engine",
        metavar="{" + ",".join(TABLE_ENGINES) + "}",
        help="table finder (env BUDGETLENS_TABLE_ENGINE; default grid; camelot needs "
        "budgetlens[camelot])",
    )
    extract.add_argument(
        "--review-threshold",
        metavar="0..1",
        help="values below this confidence get needs_review "
        "(env BUDGETLENS_REVIEW_THRESHOLD; default 0.9)",
    )
    extract.add_argument(
        "--allow-partial",
        action="store_true",
        help="exit 0, not 3, when some pages of a document failed",
    )
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


if __name__ == "__main__":
    raise SystemExit(main())
