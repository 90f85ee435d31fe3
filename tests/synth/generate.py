"""Write synthetic documents: NAME.pdf, NAME.truth.json, NAME.traits.json per seed.

    python -m tests.synth.generate --seeds 0:50 --out DIR [--scanned]

--scanned also writes NAME.scan.pdf (150 dpi, noise, skew, JPEG) beside the digital file.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from tests.synth.document import Document, build
from tests.synth.render import render
from tests.synth.truth import truth


def seed_range(text: str) -> range:
    """ "0:50" -> 0..49; "7" -> just 7."""
    if ":" in text:
        lo, hi = text.split(":")
        return range(int(lo), int(hi))
    return range(int(text), int(text) + 1)


def write(seed: int, out: Path, scanned: bool = False, scan_sheets: int = 0) -> Path:
    """Write one document; return the digital PDF's path.  With `scan_sheets` the scan is
    of that many tables' pages only (drawn from the seed), beside NAME.scan_truth.json:
    the values no other page states."""
    doc = build(seed)
    pdf = out / f"{doc.name}.pdf"
    sheet_pages = render(doc, pdf)
    (out / f"{doc.name}.truth.json").write_text(
        json.dumps(truth(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    traits = {"seed": seed, "traits": doc.traits.values()}
    (out / f"{doc.name}.traits.json").write_text(
        json.dumps(traits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if scanned:
        from tests.synth.scan import scan

        picked = _picked_sheets(seed, len(doc.sheets), scan_sheets)
        pages = {p for i in picked for p in sheet_pages[i]} if scan_sheets else None
        scan(pdf, out / f"{doc.name}.scan.pdf", seed, pages)
        if scan_sheets:
            (out / f"{doc.name}.scan_truth.json").write_text(
                json.dumps(_scanned_truth(doc, picked), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
    return pdf


def _picked_sheets(seed: int, n_sheets: int, k: int) -> list[int]:
    return sorted(random.Random(seed * 7919 + 11).sample(range(n_sheets), min(k, n_sheets)))


def _scanned_truth(doc: Document, picked: list[int]) -> dict[str, float | int | str]:
    """The truth of the values the scanned tables state and no digital page states too
    (a value a digital table or sentence also prints says nothing about reading the scan)."""
    scanned_idx = {i for s in picked for i in doc.sheet_statements[s]}
    on_scan: set[str] = set()
    elsewhere: set[str] = set()
    for index, (path, _, _) in enumerate(doc.ctx.statements):
        (on_scan if index in scanned_idx else elsewhere).add(path)
    full = truth(doc)
    return {path: full[path] for path in full if path in on_scan - elsewhere}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0:50", help="a:b (b excluded) or one seed")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scanned", action="store_true", help="also write NAME.scan.pdf")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for seed in seed_range(args.seeds):
        print(write(seed, args.out, args.scanned))


if __name__ == "__main__":
    main()
