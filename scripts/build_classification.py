"""Build the classification code lists shipped in extractors/classification/ from real documents.

Usage:
    python scripts/build_classification.py --realdata /work/shared/realdata/cn_budget \
        --seeds /work/shared/seeds

Every PDF page that prints classification codes beside names is read as pdfplumber words,
grouped into visual lines by position (the text layer's order is not the page's). Each line
yields (code, name) observations; observations are voted on across documents, and only codes
that fit the hierarchy (款 under a known 类, 项 under a known 款) are kept.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a plain script, not as an installed module
    sys.path.insert(0, str(REPO_ROOT))

# tests/test_classification.py calls read_seed and build through this script.
from scripts.classification_build.documents import read_documents, read_seed  # noqa: E402
from scripts.classification_build.model import KINDS, BuildResult, Entry, Kind  # noqa: E402
from scripts.classification_build.voting import build  # noqa: E402

__all__ = ["build", "main", "read_documents", "read_seed"]

OUTPUT_FILES: dict[Kind, str] = {
    "function": "function_codes.json",
    "economic": "economic_codes.json",
    "government_economic": "government_economic_codes.json",
}
OUT_DIR = REPO_ROOT / "extractors" / "classification"


def to_json(entries: dict[str, Entry], n_documents: int) -> str:
    payload = {
        "source": f"built by scripts/build_classification.py from {n_documents} real documents",
        "codes": {
            code: {"aliases": list(e.aliases), "name": e.name, "support": e.support}
            | ({"derived_from": e.derived_from} if e.derived_from else {})
            for code, e in sorted(entries.items())
        },
    }
    return json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _summary(result: BuildResult) -> Iterator[str]:
    yield f"documents used: {len(result.documents)}"
    for kind in KINDS:
        counts = Counter(len(c) for c in result.lists[kind])
        levels = ", ".join(f"{n}-digit: {counts[n]}" for n in sorted(counts))
        yield f"{kind}: {len(result.lists[kind])} codes ({levels})"
    yield f"conflicts resolved by vote: {len(result.conflicts)}"
    for c in result.conflicts:
        lost = "; ".join(f"{name} ({n})" for name, n in c.dropped)
        yield f"  {c.kind} {c.code}: kept {c.kept!r}, dropped {lost}"
    derived = [
        (code, e) for kind in KINDS for code, e in result.lists[kind].items() if e.derived_from
    ]
    yield f"款 named from their 99 项 (no document names them): {len(derived)}"
    for code, e in derived:
        yield f"  {code} {e.name} (from {e.derived_from})"
    yield f"documents left out as unreliable: {len(result.unreliable)}"
    for source in result.unreliable:
        yield f"  {source}"
    yield f"rejected (parent code unknown): {len(result.rejected)}"
    for kind, code, name in result.rejected:
        yield f"  {kind} {code} {name}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--realdata", type=Path, default=None)
    parser.add_argument("--seeds", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    if args.realdata is None and args.seeds is None:
        parser.error("give --realdata and/or --seeds")
    docs = read_documents(args.realdata, args.seeds, args.workers)
    result = build(docs)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        (args.out / OUTPUT_FILES[kind]).write_text(
            to_json(result.lists[kind], len(result.documents)), encoding="utf-8"
        )
    for line in _summary(result):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
