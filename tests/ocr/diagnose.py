"""Wrong values on the scanned golden corpus, grouped by cause (a working tool, not a test).

    python -m tests.ocr.diagnose [--cache DIR] [--fresh] [DOC ...]

Scans each golden PDF (tests/data/scanned/build.py DOCUMENT_SCAN), OCRs its pages once
(cached as pickles under --cache, so table and mapping changes re-run in seconds; --fresh
re-OCRs), extracts it, and for every truth value that comes out wrong prints the path, the
expected and the extracted value, and a cause:

    missing        no value at that path in the scanned extraction
    misread        a value whose raw text differs from the digital one's by OCR confusion
    other-cell     the value came from another cell than in the digital extraction
    wrong          anything else (the printed raw text is shown)

The digital extraction of the same PDF is the reference for where a value was read.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from extractors.backends.pdf_open import inspect_pdf
from extractors.ocr import ocr_page
from extractors.ocr.word_scores import digit_alternatives, normalize_amount
from extractors.options import PipelineOptions
from extractors.pipeline import PageResult, _analyse, assemble_document, extract_document
from tests.ocr.conftest import blank_page, load_build
from tests.ocr.endtoend import GOLDEN
from tests.pathvalues import value_at
from tests.test_golden import _norm


def ocr_results(scan: Path, cache: Path, fresh: bool) -> list[PageResult]:
    options = PipelineOptions()
    info = inspect_pdf(scan, options.limits)
    out = []
    for n in range(1, info.page_count + 1):
        pkl = cache / f"{scan.stem}_{n}.pkl"
        if pkl.exists() and not fresh:
            page = pickle.loads(pkl.read_bytes())
        else:
            page = ocr_page(scan, blank_page(scan, n), options)
            page.pdf_path = str(scan)
            pkl.write_bytes(pickle.dumps(page))
        out.append(_analyse(page, options))
    return out


def extract_scan(scan: Path, cache: Path, fresh: bool) -> dict[str, Any]:
    options = PipelineOptions()
    info = inspect_pdf(scan, options.limits)
    doc = assemble_document(info, ocr_results(scan, cache, fresh), options)
    return json.loads(doc.model_dump_json(exclude_none=True))


def cause(got: Any, ref: Any) -> str:
    if not isinstance(got, dict) or "value" not in got:
        return "missing"
    if not isinstance(ref, dict):
        return "wrong"
    g_src = (got.get("sources") or [{}])[0]
    r_src = (ref.get("sources") or [{}])[0]
    g_raw, r_raw = normalize_amount(got.get("raw", "")), normalize_amount(ref.get("raw", ""))
    if r_raw in digit_alternatives(g_raw, limit=1000):
        return "misread"
    if (g_src.get("row"), g_src.get("col")) != (r_src.get("row"), r_src.get("col")):
        return "other-cell"
    return "wrong"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bl_ocr_cache"))
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--quiet", action="store_true", help="summary lines only")
    ap.add_argument("docs", nargs="*")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    build = load_build()
    grand: Counter[str] = Counter()
    total = wrong_n = acc_n = review = amounts = 0
    for truth_path in sorted(GOLDEN.glob("*.truth.json")):
        name = truth_path.name.split(".")[0]
        if args.docs and not any(d in name for d in args.docs):
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        scan = args.cache / f"{name}.pdf"
        if not scan.exists() or args.fresh:
            build.scan_pdf(GOLDEN / truth["pdf"], scan, build.DOCUMENT_SCAN)
        got = extract_scan(scan, args.cache, args.fresh)
        ref = json.loads(extract_document(GOLDEN / truth["pdf"]).model_dump_json(exclude_none=True))
        groups: dict[str, list[str]] = defaultdict(list)
        n_acc = 0
        for path, want in truth["values"].items():
            have = value_at(got, path)
            total += 1
            if isinstance(have, dict) and "value" in have:
                amounts += 1
                review += have.get("status") == "needs_review"
                if isinstance(want, (int, float)) and round(have["value"], 2) == round(want, 2):
                    continue
            elif _norm(have) == _norm(want):
                continue
            elif not isinstance(want, (int, float)):
                groups["text"].append(f"{path}: got {have!r} want {want!r}")
                continue
            c = cause(have, value_at(ref, path))
            acc = isinstance(have, dict) and have.get("status") == "accepted"
            n_acc += acc
            raw = have.get("raw") if isinstance(have, dict) else None
            r = value_at(ref, path)
            src = (r.get("sources") or [{}])[0] if isinstance(r, dict) else {}
            groups[c].append(
                f"{path}: want {want} got {raw!r}{' ACCEPTED' if acc else ''}"
                f"  [p{src.get('page')} {src.get('table_id')} r{src.get('row')} c{src.get('col')}]"
            )
        n_wrong = sum(len(v) for v in groups.values())
        wrong_n += n_wrong
        acc_n += n_acc
        print(
            f"== {name}: {len(truth['values']) - n_wrong}/{len(truth['values'])} wrong_acc={n_acc}"
        )
        for c, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            grand[c] += len(items)
            print(f"  {c}: {len(items)}")
            if not args.quiet:
                for it in items:
                    print("     ", it)
    print(
        f"TOTAL {total - wrong_n}/{total} = {100 * (1 - wrong_n / max(1, total)):.2f}% "
        f"wrong_accepted={acc_n} review={100 * review / max(1, amounts):.1f}% causes={dict(grand)}"
    )


if __name__ == "__main__":
    main()
