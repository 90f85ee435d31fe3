"""Compare a scanned reading of a PDF with its digital reading, path by path.

Used by benchmarks/scan_vs_digital.py and tests/test_scan_vs_digital.py.  No hand truth
is needed: digital recall on the hand-checked sets is 0.99+ with 0 accepted-wrong, so a
digital value marked `accepted` serves as the reference and the scan is scored against it.
Paths are the contract's (budget-schema.md "Paths"); projects are keyed by their name with
a leading serial dropped, the way ../shared/tools/score.py finds them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

KEYED = ("expenditure_by_function", "expenditure_by_economic", "basic_expenditure_by_economic")
FLAT = ("totals", "three_public", "procurement")
DOCUMENT_FIELDS = ("department", "fiscal_year", "kind")


@dataclass(frozen=True, slots=True)
class Leaf:
    """One value as extracted: what it is and whether the extractor accepted it."""

    value: Any
    status: str | None


@dataclass(slots=True)
class Tally:
    """Scan against digital over a set of paths (a document, a section, or everything)."""

    reference: int = 0  # digital values accepted: the yardstick
    agreed: int = 0
    missing: int = 0
    differing: int = 0
    differing_accepted: int = 0  # an accepted-wrong on the scan (the digital is right)
    scan_only: int = 0
    scan_values: int = 0
    scan_review: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.agreed / self.reference if self.reference else 1.0

    @property
    def review_rate(self) -> float:
        return self.scan_review / self.scan_values if self.scan_values else 0.0

    def add(self, other: Tally) -> None:
        for name in (
            "reference",
            "agreed",
            "missing",
            "differing",
            "differing_accepted",
            "scan_only",
            "scan_values",
            "scan_review",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def norm(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))


def project_key(name: str) -> str:
    return re.sub(r"^[0-9A-Za-z]*[0-9][0-9A-Za-z]*[-、.．:：_]+", "", norm(name))


def flatten(doc: dict[str, Any]) -> dict[str, Leaf]:
    """Every value of the document under its contract path (first item wins on a repeat)."""
    out: dict[str, Leaf] = {}
    for path, node in _walk(doc):
        leaf = _leaf(node)
        if leaf is not None and path not in out:
            out[path] = leaf
    return out


def section(path: str) -> str:
    head = path.split(".", 1)[0]
    return "document" if head == "document" else head


def compare(digital: dict[str, Leaf], scan: dict[str, Leaf]) -> dict[str, Tally]:
    """Tallies per section; digital values not accepted are not a reference and are left out
    of agreement (a scan value there counts only toward the scan's review rate)."""
    tallies: dict[str, Tally] = {}
    for path, leaf in scan.items():
        tally = tallies.setdefault(section(path), Tally())
        tally.scan_values += 1
        tally.scan_review += leaf.status == "needs_review"
        if path not in digital:
            tally.scan_only += 1
    for path, ref in digital.items():
        if ref.status not in (None, "accepted"):
            continue
        tally = tallies.setdefault(section(path), Tally())
        tally.reference += 1
        got = scan.get(path)
        if got is None:
            tally.missing += 1
            tally.misses.append(f"{path}: missing (digital {ref.value})")
        elif same(got.value, ref.value):
            tally.agreed += 1
        else:
            tally.differing += 1
            accepted = got.status in (None, "accepted")
            tally.differing_accepted += accepted
            tally.misses.append(
                f"{path}: scan {got.value} [{got.status}] digital {ref.value}"
                + (" ACCEPTED-DIFFERENT" if accepted else "")
            )
    return tallies


def same(got: Any, want: Any) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        try:
            return abs(float(got) - float(want)) <= 0.5
        except (TypeError, ValueError):
            return False
    return norm(got) == norm(want)


def _walk(doc: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    meta = doc.get("document") or {}
    for name in DOCUMENT_FIELDS:
        yield f"document.{name}", meta.get(name)
    for head in FLAT:
        for key, node in (doc.get(head) or {}).items():
            yield f"{head}.{key}", node
    yield "operating_expenses", doc.get("operating_expenses")
    for head in KEYED:
        for item in doc.get(head) or []:
            code = str(item.get("code") or "").strip()
            for key, node in item.items():
                if code and isinstance(node, dict):
                    yield f"{head}.{code}.{key}", node
    for item in doc.get("projects") or []:
        name = project_key(str(item.get("name") or ""))
        if name:
            yield f"projects.{name}.amount", item.get("amount")


def _leaf(node: Any) -> Leaf | None:
    if isinstance(node, dict):
        if node.get("value") is None:
            return None
        return Leaf(node["value"], node.get("status"))
    if node is None or isinstance(node, (list, dict)):
        return None
    return Leaf(node, None)
