"""A generated document with some of its tables scanned, read digitally and as the scan.

Both readings are scored on the values those tables state (their cells' statements, the
blank ones included: a blank cell states 0), so a value the digital reading finds and the
scan loses shows as a miss of the scan only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.synth.document import build
from tests.synth.render import render
from tests.synth.scan import scan
from tests.synth.scoring import Score, score
from tests.synth.traits import Traits
from tests.synth.truth import truth


@dataclass
class Readings:
    truth: dict[str, Any]  # the values the scanned tables state
    digital: Score
    scanned: Score
    pages: list[int]  # the scanned pages (1-based)

    def blank_only_losses(self) -> list[str]:
        """Blank cells (truth 0) the scan lost while it read another value of their row."""
        read = {p.rsplit(".", 1)[0] for p in self.truth if p not in self.scanned.missing}
        return [p for p in self.scanned.missing if self.truth[p] == 0 and _row(p) in read]

    def scan_only_misses(self) -> list[str]:
        return [p for p in self.scanned.missing if p not in self.digital.missing]


def _row(path: str) -> str:
    return path.rsplit(".", 1)[0]


def read_both(seed: int, traits: Traits, kinds: tuple[str, ...], out: Path) -> Readings:
    """Document `seed` with `traits`; the pages of its tables of `kinds` scanned."""
    from extractors.pipeline import extract_document

    doc = build(seed, traits)
    pdf = out / f"{doc.name}.pdf"
    sheet_pages = render(doc, pdf)
    picked = [i for i, s in enumerate(doc.sheets) if s.kind in kinds]
    pages = sorted({p for i in picked for p in sheet_pages[i]})
    scanned = scan(pdf, out / f"{doc.name}.scan.pdf", seed, pages)
    stated = {doc.ctx.statements[j][0] for i in picked for j in doc.sheet_statements[i]}
    want = {p: v for p, v in truth(doc).items() if p in stated}
    digital = json.loads(extract_document(pdf).model_dump_json())
    scan_json = json.loads(extract_document(scanned).model_dump_json())
    return Readings(want, score(digital, want), score(scan_json, want), pages)
