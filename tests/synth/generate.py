"""Write synthetic documents: NAME.pdf, NAME.truth.json, NAME.traits.json per seed.

    python -m tests.synth.generate --seeds 0:50 --out DIR [--scanned]

--scanned also writes NAME.scan.pdf (150 dpi, noise, skew, JPEG) beside the digital file.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tests.synth.document import build
from tests.synth.render import render
from tests.synth.truth import truth


def seed_range(text: str) -> range:
    """ "0:50" -> 0..49; "7" -> just 7."""
    if ":" in text:
        lo, hi = text.split(":")
        return range(int(lo), int(hi))
    return range(int(text), int(text) + 1)


def write(seed: int, out: Path, scanned: bool = False) -> Path:
    """Write one document; return the digital PDF's path."""
    doc = build(seed)
    pdf = out / f"{doc.name}.pdf"
    render(doc, pdf)
    (out / f"{doc.name}.truth.json").write_text(
        json.dumps(truth(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    traits = {"seed": seed, "traits": doc.traits.values()}
    (out / f"{doc.name}.traits.json").write_text(
        json.dumps(traits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    if scanned:
        from tests.synth.scan import scan

        scan(pdf, out / f"{doc.name}.scan.pdf", seed)
    return pdf


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
