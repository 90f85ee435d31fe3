"""`budgetlens check OUT.json`: what a person should look at in one extraction.

Two lists:
- findings: where the document contradicts itself (every reading agrees; the publisher's
  inconsistency), with the figures compared and the difference in the printed unit;
- review items: values the extractor is not sure of, ranked by what they matter — a value
  with a failed check first, then by amount — with why each is in review.

Exit 0 when there are neither, 1 otherwise, 2 when the file is not an extraction.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from extractors.numbers import UNIT_FACTORS
from schemas import Amount, BudgetDocument, Finding
from schemas.paths import iter_amounts

_DISAGREEMENT = {"narrative.equals_table", "cross_table.same_value"}


class BadInput(Exception):
    """The file is missing, not JSON, or not a BudgetDocument."""


def load(path: Path) -> BudgetDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise BadInput("no such file") from err
    except (OSError, UnicodeDecodeError) as err:
        raise BadInput(f"cannot read it ({err.__class__.__name__})") from err
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        raise BadInput(f"not JSON (line {err.lineno}: {err.msg})") from err
    try:
        return BudgetDocument.model_validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise BadInput(f"not a budgetlens extraction ({where}: {first['msg']})") from err


def report(doc: BudgetDocument) -> dict[str, Any]:
    findings = sorted(doc.findings, key=_finding_order)
    reviewed = [(path, a) for path, a in iter_amounts(doc) if a.status == "needs_review"]
    in_findings = {p for f in doc.findings for p in f.paths}
    items = [_review_item(path, a, doc.review.threshold, in_findings) for path, a in reviewed]
    items.sort(key=lambda item: (not item["failed_checks"], -abs(item["value"]), item["path"]))
    return {
        "document": {
            "department": doc.document.department,
            "fiscal_year": doc.document.fiscal_year,
            "kind": doc.document.kind.value,
            "pages": doc.document.page_count,
        },
        "findings": [_finding_entry(f) for f in findings],
        "review": items,
        "counts": {
            "findings": len(findings),
            "errors": sum(1 for f in findings if f.severity != "rounding"),
            "rounding": sum(1 for f in findings if f.severity == "rounding"),
            "review": len(items),
        },
    }


def _finding_order(finding: Finding) -> tuple[int, int, str]:
    first_page = finding.pages[0] if finding.pages else 10**6
    return (finding.severity == "rounding", first_page, finding.rule)


def _finding_entry(finding: Finding) -> dict[str, Any]:
    entry = finding.model_dump(mode="json", exclude_none=True)
    entry["difference_printed"] = _difference_printed(finding)
    return entry


def _difference_printed(finding: Finding) -> str | None:
    if finding.difference is None:
        return None
    if finding.difference_unit == "%":
        return f"{finding.difference:+.2f} percentage points"
    unit = next((v.unit for v in finding.values if v.unit and v.unit != "%"), "元")
    shown = finding.difference / UNIT_FACTORS.get(unit, Decimal(1))
    return f"{shown:+,.2f} {unit}"


def _review_item(
    path: str, amount: Amount, threshold: float, in_findings: set[str]
) -> dict[str, Any]:
    failed = sorted({c.name for c in amount.checks if not c.passed})
    return {
        "path": path,
        "value": float(amount.value),
        "raw": amount.raw,
        "unit": amount.unit,
        "pages": sorted({s.page for s in amount.sources}),
        "confidence": amount.confidence,
        "failed_checks": failed,
        "why": _why(amount, threshold, failed, path in in_findings),
    }


def _why(amount: Amount, threshold: float, failed: list[str], in_finding: bool) -> list[str]:
    reasons = []
    if failed:
        disagreeing = [name for name in failed if name in _DISAGREEMENT]
        others = [name for name in failed if name not in _DISAGREEMENT]
        if disagreeing:
            texts = "; ".join(f"p{s.page} “{s.text}”" for s in amount.sources if s.text)
            reasons.append(f"its sources disagree ({texts})")
        if others:
            reasons.append("failed check: " + ", ".join(others))
    if any(s.method.value == "ocr" for s in amount.sources):
        reasons.append("read by OCR")
    if amount.sources and all(s.table_id is None for s in amount.sources):
        reasons.append("stated only in the narrative")
    if not amount.raw.strip():
        reasons.append("a blank cell read as 0")
    if not any(c.passed for c in amount.checks) and len(amount.sources) < 2:
        reasons.append("nothing confirms it (no identity holds, no second source)")
    if amount.confidence < threshold:
        reasons.append(f"confidence {amount.confidence:.3f} below the threshold {threshold}")
    if amount.candidates:
        options = ", ".join(f"{c.raw} ({c.reason})" for c in amount.candidates)
        reasons.append(f"other readings: {options}")
    if in_finding:
        reasons.append("part of a finding below")
    return reasons or ["status needs_review"]


def render_text(data: dict[str, Any], source: str) -> str:
    doc = data["document"]
    counts = data["counts"]
    out = [
        f"{source}: {doc['department'] or '?'} {doc['fiscal_year'] or '?'} ({doc['kind']}, "
        f"{doc['pages']} pages)",
        f"{counts['findings']} findings ({counts['errors']} errors, {counts['rounding']} "
        f"rounding), {counts['review']} values in review",
        "",
    ]
    if data["findings"]:
        out.append("FINDINGS — the document contradicts itself")
        for index, f in enumerate(data["findings"], 1):
            pages = ", ".join(str(p) for p in f.get("pages", [])) or "?"
            out.append(f"{index:3}. [{f.get('severity', 'error')}] {f['rule']} — page {pages}")
            out.append(f"     {f['message']}")
            for v in f.get("values", []):
                out.append(f"       · {_value_line(v)}")
            if f.get("difference_printed"):
                out.append(f"       difference: {f['difference_printed']}")
        out.append("")
    if data["review"]:
        out.append("REVIEW — values to check by hand, most important first")
        for index, item in enumerate(data["review"], 1):
            printed = f"{item['raw'] or '(blank)'} {item['unit']}"
            pages = ", ".join(str(p) for p in item["pages"])
            out.append(
                f"{index:3}. {item['path']} = {item['value']:,.2f} 元 (printed {printed}, "
                f"p{pages}, confidence {item['confidence']:.3f})"
            )
            out.append(f"     why: {'; '.join(item['why'])}")
        out.append("")
    if not data["findings"] and not data["review"]:
        out.append("nothing to look at: no findings, no values in review")
    return "\n".join(out).rstrip() + "\n"


def _value_line(v: dict[str, Any]) -> str:
    where = f"p{v['page']}" if v.get("page") is not None else ""
    if v.get("source"):
        where = f"{where}, {v['source']}" if where else v["source"]
    if v.get("unit") == "%":
        shown = f"{v.get('raw')}%"
    elif v.get("unit"):
        shown = f"{v.get('raw') or '(blank)'} {v['unit']}"
        if v.get("value") is not None:
            shown += f" = {v['value']:,.2f} 元"
    else:
        shown = f"“{v.get('raw') or ''}”"
    label = v.get("label") or v.get("path") or "?"
    if v.get("path") and v["path"] not in label:
        label = f"{label} [{v['path']}]"
    return f"{label}: {shown} ({where})" if where else f"{label}: {shown}"


def run_check(path: Path, as_json: bool = False, out: TextIO | None = None) -> int:
    stream = out or sys.stdout
    try:
        doc = load(path)
    except BadInput as err:
        sys.stderr.write(f"budgetlens: {path}: {err}\n")
        return 2
    data = report(doc)
    if as_json:
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        stream.write(render_text(data, str(path)))
    return 0 if not data["findings"] and not data["review"] else 1
